/**
 * Interop: collections written by bwmsp are read by the official Bitwarden CLI with the same
 * plaintext names, and a collection made with `bw create org-collection` is listed by bwmsp.
 * Both decrypt with the organization key the account unwraps from its membership.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptString } from '../../src/crypto/index.js';
import { startBwWorld, type BwWorld } from '../helpers/bw-world.js';

let w: BwWorld;
const bw: BwWorld['bw'] = (args, options) => w.bw(args, options);

beforeAll(async () => {
  w = await startBwWorld('collections');
});

afterAll(async () => {
  await w?.close();
});

describe('collections shared between bwmsp and the official bw CLI', () => {
  const org = () => ['--org', w.world.organization.id];

  it('bw lists the collections bwmsp created, with the same plaintext names', async () => {
    for (const name of ['Finance', 'Finance/Banking', 'Ünïcode & <symbols> 🔐']) {
      const r = await w.cli.run(['collection', 'create', name, ...org()]);
      expect(r.exitCode, r.stderr).toBe(0);
    }
    const sync = await bw(['sync', '--force'], { env: { BW_SESSION: w.session } });
    expect(sync.exitCode, sync.stderr).toBe(0);
    const listed = await bw(['list', 'org-collections', '--organizationid', w.world.organization.id], { env: { BW_SESSION: w.session } });
    expect(listed.exitCode, listed.stderr).toBe(0);
    const names = (JSON.parse(listed.stdout) as { name: string; organizationId: string }[]).map((c) => c.name).sort();
    expect(names).toEqual(['Engineering', 'Finance', 'Finance/Banking', 'Ünïcode & <symbols> 🔐'].sort());
  });

  it('bwmsp lists a collection that bw created with create org-collection', async () => {
    const template = await bw(['get', 'template', 'org-collection'], { env: { BW_SESSION: w.session } });
    expect(template.exitCode, template.stderr).toBe(0);
    // the template's sample users and groups have made-up ids: drop them (bw then gives its own member Manage)
    const { users: _sampleUsers, ...fields } = JSON.parse(template.stdout) as Record<string, unknown>;
    const body = { ...fields, organizationId: w.world.organization.id, name: 'Made by bw/Nested', externalId: 'bw-ext', groups: [] };
    const encoded = await bw(['encode'], { input: JSON.stringify(body) });
    expect(encoded.exitCode, encoded.stderr).toBe(0);
    const created = await bw(['create', 'org-collection', encoded.stdout.trim(), '--organizationid', w.world.organization.id], { env: { BW_SESSION: w.session } });
    expect(created.exitCode, created.stderr).toBe(0);
    const id = (JSON.parse(created.stdout) as { id: string }).id;
    expect(decryptString(w.sandbox.store.collections.findById(id)?.name as string, w.world.organization.orgKey)).toBe('Made by bw/Nested');

    const list = await w.cli.json<{ id: string; name: string; externalId: string | null; members: { email: string | null; permission: string }[] }[]>(['collection', 'list', ...org()]);
    const mine = list.find((c) => c.id === id);
    expect(mine).toMatchObject({ name: 'Made by bw/Nested', externalId: 'bw-ext' });
    // bw gives the creating member Manage access
    expect(mine?.members).toEqual([expect.objectContaining({ email: w.account.email, permission: 'manage' })]);

    const renamed = await w.cli.run(['collection', 'edit', 'Made by bw/Nested', '--name', 'Made by bw, renamed by bwmsp', ...org()]);
    expect(renamed.exitCode, renamed.stderr).toBe(0);
    expect((await bw(['sync', '--force'], { env: { BW_SESSION: w.session } })).exitCode).toBe(0);
    const seen = await bw(['list', 'org-collections', '--organizationid', w.world.organization.id], { env: { BW_SESSION: w.session } });
    expect((JSON.parse(seen.stdout) as { id: string; name: string }[]).find((c) => c.id === id)?.name).toBe('Made by bw, renamed by bwmsp');
  });
});
