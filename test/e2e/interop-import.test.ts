/**
 * Interop: items imported by `bwmsp client import` are listed and decrypted by the official
 * Bitwarden CLI, logged into the sandbox as an organization member with access to the collection.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBwWorld, type BwWorld } from '../helpers/bw-world.js';

let w: BwWorld;
const bw: BwWorld['bw'] = (args, options) => w.bw(args, options);

beforeAll(async () => {
  w = await startBwWorld('import');
});

afterAll(async () => {
  await w?.close();
});

describe('items imported by bwmsp, read by the official bw CLI', () => {
  it('bw lists and decrypts an imported login, note and card in the member collection', async () => {
    const file = join(import.meta.dirname, '../fixtures/imports/bitwarden.json');
    // items naming no collection (the identity) go to the member's own collection "Engineering"
    const r = await w.cli.run(['client', 'import', file, '--from', 'bitwarden-json', '--org', w.world.organization.id, '--collection', 'Engineering']);
    expect(r.exitCode, r.stderr).toBe(0);
    // the importer is a member: it gets Manage on the collections the import created, so bw sees them all
    expect((await bw(['sync', '--force'], { env: { BW_SESSION: w.session } })).exitCode).toBe(0);
    const listed = await bw(['list', 'items', '--organizationid', w.world.organization.id], { env: { BW_SESSION: w.session } });
    expect(listed.exitCode, listed.stderr).toBe(0);
    const items = JSON.parse(listed.stdout) as { id: string; name: string; type: number; notes: string | null; login?: { username: string; password: string; totp: string; uris: { uri: string }[] }; card?: { number: string } }[];
    expect(items.map((i) => i.name).sort()).toEqual(['Company Visa', 'Registered office', 'Router admin', 'Wi-Fi guest network 📶']);
    const router = items.find((i) => i.name === 'Router admin');
    expect(router?.login).toMatchObject({ username: 'admin', password: 'p@ss, "quoted" wörd', totp: 'otpauth://totp/Router?secret=JBSWY3DPEHPK3PXP' });
    expect(router?.login?.uris.map((u) => u.uri)).toEqual(['https://192.168.1.1', 'https://router.contoso.example/admin']);
    expect(items.find((i) => i.name === 'Company Visa')?.card?.number).toBe('4111111111111111');
    expect(items.find((i) => i.name === 'Wi-Fi guest network 📶')?.notes).toBe('SSID: Contoso-Guest\nKey: welcome-2026');
  });
});
