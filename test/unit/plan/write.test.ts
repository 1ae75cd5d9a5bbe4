import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { loadPlan } from '../../../src/plan/load.js';
import { planSchema } from '../../../src/plan/schema.js';
import { groupsPerCollection, presetPolicies, templateCollections } from '../../../src/plan/templates.js';
import { PLAN_SCHEMA_URL, planToYaml, writePlanFile } from '../../../src/plan/write.js';

const collections = templateCollections('custom', ['Finance/Banking', 'IT']);
const plan = planSchema.parse({
  version: 1,
  client: { name: 'Fabrikam Inc', ownerEmail: 'owner@fabrikam.example', plan: 'enterprise', seats: 25 },
  collections,
  groups: [...groupsPerCollection(collections), { name: 'Auditors', collections: [{ collection: 'Finance/Banking', permission: 'read-only' }] }],
  policies: presetPolicies('recommended'),
  members: [
    { email: 'owner@fabrikam.example', role: 'owner' },
    { email: 'ann@fabrikam.example', groups: ['Finance Team', 'Auditors'] },
  ],
  membersCsv: 'people.csv',
});

describe('plan writer', () => {
  it('starts with the yaml-language-server schema line', () => {
    const text = planToYaml(plan);
    expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=${PLAN_SCHEMA_URL}`);
    expect(text).toContain('Finance/Banking:read-only');
    expect(text).not.toContain('role: user');
  });

  it('a written plan loads back with loadPlan and equals what was written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bwmsp-write-'));
    writeFileSync(join(dir, 'people.csv'), 'email,role,groups\nbob@fabrikam.example,admin,IT Team\n');
    const file = join(dir, 'fabrikam.yaml');
    writePlanFile(file, plan, { force: false, flag: '--write-plan' });
    const loaded = loadPlan(file).plan;
    expect({ ...loaded, members: loaded.members.slice(0, 2) }).toEqual(plan);
    expect(loaded.members[2]).toMatchObject({ email: 'bob@fabrikam.example', role: 'admin', groups: ['IT Team'] });
  });

  it('refuses to overwrite without force, and overwrites with it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bwmsp-write-'));
    const file = join(dir, 'x.yaml');
    writeFileSync(file, 'keep me\n');
    const error = (() => {
      try {
        writePlanFile(file, plan, { force: false, flag: '--write-plan' });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/--write-plan .*x\.yaml: the file exists/);
    expect(readFileSync(file, 'utf8')).toBe('keep me\n');
    writePlanFile(file, plan, { force: true, flag: '--write-plan' });
    expect(readFileSync(file, 'utf8')).toContain('Fabrikam Inc');
  });
});
