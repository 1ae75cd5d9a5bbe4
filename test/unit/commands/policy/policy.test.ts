import { describe, expect, it } from 'vitest';
import { policySpec } from '../../../../src/commands/policy/index.js';
import { POLICY_FLAGS } from '../../../../src/domain/policy-flags.js';
import { run } from '../collection/run-cli.js';

describe('policy verbs refuse bad input before connecting', () => {
  it.each([
    [['policy', 'list', '--all-clients'], 2, 'bwmsp policy list --all-clients: not implemented yet'],
    [['policy', 'enable', 'single-org', '--all-clients', '--client', 'C', '--yes'], 2, 'pass --client or --all-clients, not both'],
    [['policy', 'disable', 'single-org', '--all-clients', '--concurrency', '0'], 2, '--concurrency 0: use a whole number from 1 to 16'],
    [['policy', 'set', 'master-password', '--use-upper', '--client', 'C'], 2, '--use-upper does not apply to master-password; it sets password-generator'],
    [['policy', 'set', 'maximum-vault-timeout', '--client', 'C'], 2, '--minutes is required for maximum-vault-timeout'],
    [['policy', 'set', 'maximum-vault-timeout', '--minutes', '5', '--action', 'never'], 2, "argument 'never' is invalid"],
    [['policy', 'set', 'master-pasword', '--client', 'C'], 2, "unknown policy 'master-pasword'"],
    [['policy', 'view', 'nope', '--client', 'C'], 2, "unknown policy 'nope'"],
    [['policy', 'set', 'password-generator', '--data', '{"minLenght":3}', '--client', 'C'], 2, "--data: password-generator has no option 'minLenght'"],
    [['policy', 'list', '--client', 'C'], 4, 'not logged in'],
  ])('%j exits %i', async (argv, code, message) => {
    const r = await run(argv);
    expect(r.code, r.stderr).toBe(code);
    expect(r.stderr).toContain(message);
  });

  it('offers every typed policy flag on set', () => {
    const set = policySpec.subcommands?.find((s) => s.name === 'set');
    const flags = (set?.options ?? []).map((o) => o.flags);
    for (const f of POLICY_FLAGS) expect(flags).toContain(f.flags);
    expect(flags).toContain('--data <json>');
    expect(flags).toContain('--default-collection-name <name>');
  });
});
