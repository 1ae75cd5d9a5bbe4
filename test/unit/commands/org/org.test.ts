import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../../src/main.js';
import { orgCreateOptions } from '../../../../src/commands/org/create.js';
import { planTypeOf, planWord, validateCreateInput } from '../../../../src/domain/organization.js';
import { masterPasswordVerification } from '../../../../src/domain/secret-verification.js';
import { deriveMasterKey, hashMasterPassword, makeUserKeys } from '../../../../src/crypto/index.js';
import type { Session } from '../../../../src/config/session-store.js';
import { MemoryConfigStore } from '../../../helpers/memory-config-store.js';
import { createTestSystem } from '../../../helpers/test-system.js';

function setup() {
  const config = new MemoryConfigStore({ dir: mkdtempSync(join(tmpdir(), 'bwmsp-org-')) });
  return async (argv: string[]) => {
    const system = createTestSystem({ config, env: { CI: '1' } });
    const code = await main(argv, system);
    return { code, stdout: system.stdoutText(), stderr: system.stderrText() };
  };
}

const input = (opts: Record<string, unknown>) => ({ args: [], opts, commandPath: 'org create' });

describe('org create options', () => {
  it('parses plan and seats, with defaults', () => {
    expect(orgCreateOptions(input({ name: 'Lab', plan: 'teams', seats: '10', collection: 'IT' }))).toEqual({ name: 'Lab', plan: 'teams', seats: 10, collection: 'IT' });
    expect(orgCreateOptions(input({}))).toEqual({ plan: 'free', collection: 'Default collection' });
    expect(() => orgCreateOptions(input({ seats: 'ten' }))).toThrow('--seats ten: not a whole number of seats');
    expect(() => orgCreateOptions(input({ seats: '0' }))).toThrow(/--seats 0/);
  });

  it.each([
    [{ name: 'Lab', plan: 'teams' as const, collectionName: 'C' }, 'the teams plan needs --seats N'],
    [{ name: 'Lab', plan: 'free' as const, seats: 5, collectionName: 'C' }, '--seats does not apply to the free plan (always 2 seats)'],
    [{ name: 'Lab', plan: 'families' as const, seats: 5, collectionName: 'C' }, 'always 6 seats'],
    [{ name: 'x'.repeat(51), plan: 'free' as const, collectionName: 'C' }, '--name is 51 characters; the server allows at most 50'],
    [{ name: '  ', plan: 'free' as const, collectionName: 'C' }, '--name must not be empty'],
    [{ name: 'Lab', plan: 'free' as const, collectionName: 'C', billingEmail: 'nope' }, '--billing-email nope: not an e-mail address'],
  ])('refuses %j', (value, message) => {
    expect(() => validateCreateInput(value)).toThrow(message);
  });

  it('maps plans to current plan types and back to words', () => {
    expect(['free', 'families', 'teams', 'enterprise'].map((p) => planTypeOf(p as never))).toEqual([0, 22, 18, 20]);
    expect([0, 1, 7, 22, 3, 17, 18, 16, 5, 20, 6].map((t) => planWord(t))).toEqual([
      'free', 'families', 'families', 'families', 'teams', 'teams', 'teams', 'teams-starter', 'enterprise', 'enterprise', 'custom',
    ]);
    expect(planWord(null, 3)).toBe('enterprise');
    expect(planWord(undefined, undefined)).toBe('unknown');
  });
});

describe('org commands fail early', () => {
  it.each([
    [['org', 'create', '--name', 'Lab', '--plan', 'teams'], 2, 'the teams plan needs --seats N'],
    [['org', 'create', '--name', 'Lab', '--plan', 'gold'], 2, "option '--plan <plan>' argument 'gold' is invalid"],
    [['org', 'create'], 2, 'cannot ask (CI is set); pass --name'],
    [['org', 'api-key', 'rotate', '11111111-1111-4111-8111-111111111111'], 2, 'pass --yes'],
    [['org', 'api-key', 'view', '11111111-1111-4111-8111-111111111111', '--password-stdin'], 4, 'not logged in'],
    [['org', 'list'], 4, 'not logged in'],
  ])('%j exits %i', async (argv, code, message) => {
    const r = await setup()(argv);
    expect(r.code, r.stderr).toBe(code);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });
});

describe('master password verification', () => {
  const email = 'owner@x.example';
  const password = 'correct horse battery staple';
  const kdf = { kdfType: 0 as const, iterations: 5000 };

  async function session(): Promise<Session> {
    const keys = await makeUserKeys({ email, password, kdf });
    return { version: 1, server: 'us', userId: 'u', email, authMethod: 'password', accessToken: 't', accessTokenExpiresAt: '2030-01-01T00:00:00Z', kdf, salt: email, protectedUserKey: keys.protectedUserKey };
  }

  it('derives the same hash as at login from the session KDF and salt', async () => {
    const s = await session();
    const expected = hashMasterPassword(await deriveMasterKey(password, email, kdf), password);
    expect(await masterPasswordVerification(s, password)).toEqual({ masterPasswordHash: expected });
  });

  it('refuses a wrong password locally (exit 4) and an org API key session (exit 2)', async () => {
    const s = await session();
    await expect(masterPasswordVerification(s, 'wrong')).rejects.toMatchObject({ exitCode: 4, message: 'wrong master password' });
    await expect(masterPasswordVerification({ ...s, authMethod: 'org-apikey' }, password)).rejects.toMatchObject({ exitCode: 2 });
  });
});
