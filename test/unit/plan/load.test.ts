import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planJsonSchemaText } from '../../../src/plan/json-schema.js';
import { loadPlan, parseMembersCsv, parsePlanText, PlanError } from '../../../src/plan/load.js';

const minimal = `version: 1
client:
  name: Contoso Ltd
  ownerEmail: IT@Contoso.example
  plan: teams
  seats: 25
collections:
  - name: Finance
  - name: Finance/Banking
groups:
  - name: Accounting
    collections: [Finance:read-only, "Finance/Banking"]
policies:
  - type: master-password
    options: { minLength: 14 }
members:
  - email: ana@contoso.example
    groups: [Accounting]
`;

function problems(text: string) {
  try {
    parsePlanText(text, 'plan.yaml');
  } catch (error) {
    if (error instanceof PlanError) return error.problems;
    throw error;
  }
  throw new Error('the plan loaded');
}

describe('plan files', () => {
  it('loads YAML with defaults and shorthands', () => {
    const plan = parsePlanText(minimal, 'plan.yaml');
    expect(plan.client.ownerEmail).toBe('it@contoso.example');
    expect(plan.groups[0]?.collections).toEqual([
      { collection: 'Finance', permission: 'read-only' },
      { collection: 'Finance/Banking', permission: 'edit' },
    ]);
    expect(plan.members[0]).toMatchObject({ role: 'user', permissions: [], collections: [] });
    expect(plan.policies[0]).toEqual({ type: 'master-password', enabled: true, options: { minLength: 14 } });
    expect(plan.autoConfirm).toBe(false);
  });

  it('loads the same plan written as JSON', () => {
    const json = JSON.stringify({ version: 1, client: { name: 'X', ownerEmail: 'o@x.example', plan: 'enterprise', seats: 5 } }, null, 2);
    expect(parsePlanText(json, 'plan.json').client.plan).toBe('enterprise');
  });

  it.each([
    [minimal.replace('seats: 25', 'seats: lots'), 6, 10, 'client.seats'],
    [minimal.replace('plan: teams', 'plan: free'), 5, 9, 'client.plan'],
    [minimal.replace('IT@Contoso.example', 'not-an-email'), 4, 15, 'client.ownerEmail'],
    [minimal.replace('Finance:read-only', 'Finance:admin'), 12, 19, 'groups[0].collections[0].permission'],
    [minimal.replace('groups: [Accounting]', 'groups: [Nope]'), 18, 14, 'members[0].groups[0]'],
    [minimal.replace('  - name: Finance/Banking', '  - name: Finance'), 9, 5, 'collections[1]'],
    // An unknown key is located at the key itself.
    [`${minimal}colour: blue\n`, 19, 9, ''],
  ])('names the line, column and field of a bad value (%#)', (text, line, column, field) => {
    const [problem] = problems(text);
    expect(problem).toMatchObject({ file: 'plan.yaml', line, column, field });
  });

  it('reports YAML syntax errors with their position', () => {
    const [problem] = problems('version: 1\nclient: [\n');
    expect(problem?.file).toBe('plan.yaml');
    expect(problem?.line).toBeGreaterThanOrEqual(2);
  });

  it('collects every problem, one per line in the message', () => {
    let message = '';
    try {
      parsePlanText('version: 2\nclient: {}\n', 'p.yaml');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^\d+ problems in the plan:/);
    expect(message).toContain('p.yaml:1:10: version:');
    expect(message).toContain('client.name');
  });

  it('reads members from a CSV next to the plan and names CSV lines in errors', () => {
    const files: Record<string, string> = {
      '/plans/contoso.yaml': `${minimal}membersCsv: staff.csv\n`,
      '/plans/staff.csv': 'email,role,groups\nbo@contoso.example,admin,Accounting\ncy@contoso.example,,\n',
    };
    const { plan } = loadPlan('/plans/contoso.yaml', (f) => files[f] ?? (() => { throw new Error('nope'); })());
    expect(plan.members.map((m) => [m.email, m.role])).toEqual([
      ['ana@contoso.example', 'user'],
      ['bo@contoso.example', 'admin'],
      ['cy@contoso.example', 'user'],
    ]);
    files['/plans/staff.csv'] = 'email,role\nbo@contoso.example,boss\nana@contoso.example,user\n';
    expect(() => loadPlan('/plans/contoso.yaml', (f) => files[f] as string)).toThrow(/staff\.csv:2:2: role:/);
    files['/plans/staff.csv'] = 'email\nana@contoso.example\n';
    expect(() => loadPlan('/plans/contoso.yaml', (f) => files[f] as string)).toThrow(/duplicate member 'ana@contoso.example'/);
  });

  it('refuses a CSV without an email column or with an unknown column', () => {
    expect(() => parseMembersCsv('name\nx\n', 'm.csv')).toThrow('m.csv:1:1: email: the header has no email column');
    expect(() => parseMembersCsv('email,department\nx@y.example,IT\n', 'm.csv')).toThrow('m.csv:1:2: department: unknown column');
  });

  it('ships the JSON Schema generated from the plan schema (run `npm run generate` when this fails)', () => {
    const shipped = readFileSync(new URL('../../../schemas/onboarding-plan.schema.json', import.meta.url), 'utf8');
    expect(shipped).toBe(planJsonSchemaText());
    const schema = JSON.parse(shipped) as { required: string[]; properties: Record<string, unknown> };
    expect(schema.required).toEqual(expect.arrayContaining(['version', 'client']));
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['collections', 'groups', 'policies', 'members', 'sso', 'scim']));
  });
});
