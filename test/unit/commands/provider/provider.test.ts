import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../../src/main.js';
import { createDeps } from '../../../../src/deps.js';
import { PartialFailureError } from '../../../../src/errors.js';
import { reportUserResults } from '../../../../src/commands/provider/provider-flags.js';
import { MemoryConfigStore } from '../../../helpers/memory-config-store.js';
import { createTestSystem } from '../../../helpers/test-system.js';

function setup(server = 'https://vault.lab.example') {
  const config = new MemoryConfigStore({ dir: mkdtempSync(join(tmpdir(), 'bwmsp-provider-')), profiles: [{ name: 'lab', server }], active: 'lab' });
  return async (argv: string[]) => {
    const system = createTestSystem({ tty: false, config, env: { CI: '1' } });
    const code = await main(argv, system);
    return { code, stdout: system.stdoutText(), stderr: system.stderrText() };
  };
}

describe('provider flags', () => {
  it.each([
    [['provider', 'users', 'confirm'], 'name the users to confirm (e-mail or id), or pass --all-accepted'],
    [['provider', 'users', 'confirm', 'a@msp.example', '--all-accepted'], 'pass users or --all-accepted, not both'],
    [['provider', 'users', 'confirm', 'a@msp.example', '--verify'], '--verify asks about each fingerprint phrase and needs a terminal'],
    [['provider', 'users', 'set-role', 'a@msp.example'], '--role is required: admin or service-user'],
    [['provider', 'users', 'invite', 'a@msp.example', 'not-an-address'], "'not-an-address' is not an e-mail address"],
    [['provider', 'users', 'remove', 'a@msp.example'], 'pass --yes'],
    [['provider', 'users', 'accept', '--provider', 'p', '--user', 'u'], 'pass --token'],
    [['provider', 'events', '--since', 'yesterday-ish'], "--since 'yesterday-ish' is not a date"],
    [['provider', 'events', '--since', '2026-11-01', '--until', '2026-10-01'], 'is before --since'],
    [['provider', 'events', '--type', 'Provider_Exploded'], '--type Provider_Exploded: not an event type'],
    [['provider', 'events', '--limit', '0'], '--limit 0: use a whole number of 1 or more'],
    [['provider', 'setup', '--token', 't', '--name', 'Acme', '--billing-email', 'b@msp.example', '--country', 'France'], '--country France: use a two-letter country code'],
  ])('%j exits 2 naming the problem, before any request', async (argv, message) => {
    const r = await setup()(argv);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });

  it('on the Bitwarden cloud, setup asks for the payment method the server requires', async () => {
    const r = await setup('us')(['provider', 'setup', '--token', 't', '--name', 'Acme', '--billing-email', 'b@msp.example', '--country', 'US']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the Bitwarden cloud needs a payment method and billing address to set up a provider: pass --payment-type, --payment-token, --postal-code');
  });

  it('needs a login for the real work (exit 4)', async () => {
    const r = await setup()(['provider', 'view']);
    expect(r.code).toBe(4);
  });
});

describe('bulk results', () => {
  async function deps(json: boolean) {
    const system = createTestSystem({ tty: false, env: { NO_COLOR: '1' } });
    const d = await createDeps(system, { json, noInput: false, yes: false, quiet: false, debug: false, noColor: true });
    return { d, system };
  }

  it('prints a row per user and a summary line, exit 0 when nothing failed', async () => {
    const { d, system } = await deps(false);
    reportUserResults(
      d,
      [
        { item: 'ana@msp.example', id: 'pu-1', email: 'ana@msp.example', result: 'invited', detail: 'invited as service-user' },
        { item: 'bo@msp.example', id: 'pu-2', email: 'bo@msp.example', result: 'skipped', detail: 'already in the provider (confirmed, admin)' },
      ],
      'provider users invite',
    );
    expect(system.stdoutText()).toBe('ana@msp.example\tinvited\tinvited as service-user\tpu-1\nbo@msp.example\tskipped\talready in the provider (confirmed, admin)\tpu-2\n');
    expect(system.stderrText()).toContain('provider users invite: 1 invited, 1 skipped');
  });

  it('throws exit 3 naming the users that failed, after printing every row as JSON', async () => {
    const { d, system } = await deps(true);
    let error: unknown;
    try {
      reportUserResults(
        d,
        [
          { item: 'ana@msp.example', id: 'pu-1', email: 'ana@msp.example', result: 'confirmed', detail: 'confirmed as admin', fingerprint: 'a-b-c-d-e' },
          { item: 'bo@msp.example', id: 'pu-2', email: 'bo@msp.example', result: 'failed', detail: 'Invalid user.', fingerprint: 'f-g-h-i-j' },
        ],
        'provider users confirm',
        { fingerprint: true },
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PartialFailureError);
    expect((error as PartialFailureError).message).toBe('provider users confirm: 1 of 2 failed (bo@msp.example)');
    expect((error as PartialFailureError).failures).toEqual([{ item: 'bo@msp.example', error: 'Invalid user.' }]);
    expect(JSON.parse(system.stdoutText())).toEqual([
      { item: 'ana@msp.example', id: 'pu-1', email: 'ana@msp.example', result: 'confirmed', detail: 'confirmed as admin', fingerprint: 'a-b-c-d-e' },
      { item: 'bo@msp.example', id: 'pu-2', email: 'bo@msp.example', result: 'failed', detail: 'Invalid user.', fingerprint: 'f-g-h-i-j' },
    ]);
  });
});
