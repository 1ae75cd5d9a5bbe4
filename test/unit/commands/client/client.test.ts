import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../../src/main.js';
import { createDeps } from '../../../../src/deps.js';
import { renderClientList } from '../../../../src/commands/client/list.js';
import { printFleetRows } from '../../../../src/commands/client/shared.js';
import { clientTotals, type ClientView } from '../../../../src/domain/client.js';
import { MemoryConfigStore } from '../../../helpers/memory-config-store.js';
import { createTestSystem } from '../../../helpers/test-system.js';

const clients: ClientView[] = [
  { id: 'org-a', providerOrganizationId: 'po-a', name: 'Contoso Ltd', plan: 'Teams (Monthly)', seats: 25, used: 3, remaining: 22, confirmedMembers: 2, status: 'active', creationDate: null },
  { id: 'org-b', providerOrganizationId: 'po-b', name: 'Fabrikam', plan: 'Enterprise (Monthly)', seats: 100, used: 98, remaining: 2, confirmedMembers: 90, status: 'active', creationDate: null },
];

async function render(options: { tty: boolean; json?: boolean; format?: 'csv' }, fn: (d: Awaited<ReturnType<typeof createDeps>>) => void) {
  const system = createTestSystem({ tty: options.tty, env: { NO_COLOR: '1' } });
  const deps = await createDeps(system, { json: options.json ?? false, noInput: false, yes: false, quiet: false, debug: false, noColor: true, ...(options.format ? { format: options.format } : {}) });
  fn(deps);
  return { stdout: system.stdoutText(), stderr: system.stderrText() };
}

describe('the client table', () => {
  it('ends with a totals line on a terminal', async () => {
    const { stdout } = await render({ tty: true }, (d) => renderClientList(d, clients, clientTotals(clients)));
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^CLIENT\s+PLAN\s+ASSIGNED\s+USED\s+REMAINING\s+STATUS\s+ID$/);
    expect(lines[1]).toMatch(/^Contoso Ltd\s+Teams \(Monthly\)\s+25\s+3\s+22\s+active\s+org-a$/);
    expect(lines.at(-1)).toMatch(/^Total \(2 clients\)\s+125\s+101\s+24$/);
  });

  it('prints tab-separated clients only on a pipe (no header, no totals)', async () => {
    const { stdout } = await render({ tty: false }, (d) => renderClientList(d, clients, clientTotals(clients)));
    expect(stdout).toBe('Contoso Ltd\tTeams (Monthly)\t25\t3\t22\tactive\torg-a\nFabrikam\tEnterprise (Monthly)\t100\t98\t2\tactive\torg-b\n');
  });

  it('prints CSV with a header and JSON from the view', async () => {
    const csv = await render({ tty: false, format: 'csv' }, (d) => renderClientList(d, clients, clientTotals(clients)));
    expect(csv.stdout.split('\r\n')[0]).toBe('Client,Plan,Assigned,Used,Remaining,Status,Id');
    expect(csv.stdout).not.toContain('Total');
    const json = await render({ tty: false, json: true }, (d) => renderClientList(d, clients, clientTotals(clients)));
    expect(JSON.parse(json.stdout)).toEqual(clients);
  });

  it('says how to create a client when there are none (terminal only)', async () => {
    const tty = await render({ tty: true }, (d) => renderClientList(d, [], clientTotals([])));
    expect(tty.stdout).toBe('');
    expect(tty.stderr).toContain("No clients yet. Create one with 'bwmsp client create'.");
    const pipe = await render({ tty: false, json: true }, (d) => renderClientList(d, [], clientTotals([])));
    expect(pipe.stdout).toBe('[]\n');
  });
});

describe('the --all-clients report', () => {
  it('has one row per client with its result', async () => {
    const { stdout } = await render({ tty: false }, (d) =>
      printFleetRows(d, [
        { client: 'Contoso Ltd', clientId: 'org-a', result: 'ok', detail: 'enabled' },
        { client: 'Fabrikam', clientId: 'org-b', result: 'failed', detail: 'HTTP 500' },
      ]),
    );
    expect(stdout).toBe('Contoso Ltd\tok\tenabled\torg-a\nFabrikam\tfailed\tHTTP 500\torg-b\n');
  });
});

function setup() {
  const config = new MemoryConfigStore({ dir: mkdtempSync(join(tmpdir(), 'bwmsp-client-')), profiles: [{ name: 'lab', server: 'https://vault.lab.example' }], active: 'lab' });
  return async (argv: string[]) => {
    const system = createTestSystem({ tty: false, config, env: { CI: '1' } });
    const code = await main(argv, system);
    return { code, stdout: system.stdoutText(), stderr: system.stderrText() };
  };
}

describe('client flags', () => {
  it.each([
    [['client', 'edit', 'Contoso'], 'nothing to change: pass --name or --seats'],
    [['client', 'edit', 'Contoso', '--seats', '-1'], '--seats -1: use a whole number of 0 or more'],
    [['client', 'create', '--name', 'Contoso', '--owner-email', 'it@contoso.example', '--plan', 'teams', '--seats', '0'], '--seats 0: use a whole number of 1 or more'],
    [['client', 'create', '--name', 'Contoso', '--owner-email', 'nobody', '--plan', 'teams', '--seats', '5'], "--owner-email 'nobody' is not an e-mail address"],
    [['client', 'create', '--owner-email', 'it@contoso.example', '--plan', 'teams', '--seats', '5'], 'pass --name'],
    [['client', 'create', '--name', 'Contoso', '--owner-email', 'it@contoso.example', '--plan', 'free', '--seats', '5'], "argument 'free' is invalid"],
  ])('%j exits 2 naming the problem, before any request', async (argv, message) => {
    const r = await setup()(argv);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });

  it('needs a login for the real work (exit 4)', async () => {
    const r = await setup()(['client', 'list']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('not logged in (profile lab)');
  });
});
