/**
 * The onboarding wizard as a user meets it: the built CLI in a real pseudo-terminal (tmux), each
 * question answered with keystrokes, against the sandbox; then the written plan and the applied
 * client are checked. The same answers as flags, without a terminal, write the same plan and find
 * nothing left to do; a missing answer without a terminal names its flag.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin } from '../helpers/cli.js';
import { loadPlan } from '../../src/plan/load.js';
import { setUpProvider, startWorld, type Actor, type World } from './provider-world.js';

let world: World;
let admin: Actor;
const socket = `bwmsp-wizard-${process.pid}`;
const session = 'wizard';

const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const screen = () => tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', session);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the screen shows `text` `times` times (earlier answers stay on screen), failing with the screen. */
async function waitFor(text: string, times = 1, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = screen();
    if (s.split(text).length - 1 >= times) return s;
    if (Date.now() > deadline) throw new Error(`timed out waiting for '${text}' (×${times}); screen:\n${s}`);
    await sleep(100);
  }
}

/** Answers the `times`-th occurrence of a question with keystrokes (Enter, Up and Down are keys; the rest is typed). */
async function answer(question: string, keys: string[], times = 1): Promise<void> {
  await waitFor(question, times);
  for (const key of keys) {
    if (key === 'Enter' || key === 'Down' || key === 'Up') tmux('send-keys', '-t', session, key);
    else tmux('send-keys', '-t', session, '-l', key);
    await sleep(50);
  }
}

beforeAll(async () => {
  world = await startWorld();
  admin = await world.actor(world.account('provider-admin'));
  await setUpProvider(world, admin, 'Wizard MSP');
});
afterAll(async () => {
  try {
    tmux('kill-server');
  } catch {
    // the server is gone already
  }
  await world?.close();
});

describe('client onboard wizard', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bwmsp-wizard-'));

  it('asks every question on a terminal, writes the plan and applies it', async () => {
    const exitFile = join(dir, 'exit-code');
    const script = join(dir, 'run.sh');
    const env = { PATH: process.env.PATH ?? '', HOME: admin.cli.configDir, BWMSP_CONFIG_DIR: admin.cli.configDir, BWMSP_SESSION: admin.sessionKey, NO_COLOR: '1', TERM: 'xterm' };
    writeFileSync(
      script,
      [
        '#!/bin/sh',
        `cd '${dir}'`,
        `env -i ${Object.entries(env).map(([k, v]) => `${k}='${v}'`).join(' ')} '${process.execPath}' '${bin}' client onboard`,
        `echo $? > '${exitFile}'`,
        'sleep 600',
      ].join('\n'),
      { mode: 0o755 },
    );
    tmux('new-session', '-d', '-s', session, '-x', '200', '-y', '60', script);
    await answer('Client name', ['Tailspin Toys', 'Enter']);
    await answer('Write the plan to', ['Enter']);
    await answer('Owner e-mail', ['owner@tailspin.example', 'Enter']);
    await answer('Plan:', ['Enter']);
    await answer('Seats', ['15', 'Enter']);
    await answer('Collections template', ['Down', 'Down', 'Enter']);
    await answer('Collection names', ['Finance, Finance/Banking, IT', 'Enter']);
    await answer('Groups:', ['Down', 'Enter']);
    await answer('Group name (empty to finish)', ['Accounting', 'Enter']);
    await answer('Collections for Accounting', ['Finance, Finance/Banking:read-only', 'Enter']);
    await answer('Group name (empty to finish)', ['Enter'], 2);
    await answer('Security policies', ['Enter']);
    await answer('Members:', ['Enter']);
    await answer('Member e-mail (empty to finish)', ['ann@tailspin.example', 'Enter']);
    await answer('Role of ann@tailspin.example', ['Up', 'Enter']); // the cursor starts on the default, user
    await answer('Groups of ann@tailspin.example', ['Accounting', 'Enter']);
    await answer('Member e-mail (empty to finish)', ['Enter'], 2);
    const shown = await waitFor('change(s) to Tailspin Toys?');
    expect(shown).toContain('Wrote the plan to tailspin-toys.yaml');
    expect(shown).toMatch(/collection\s+Finance\/Banking\s+create/);
    tmux('send-keys', '-t', session, '-l', 'y');
    tmux('send-keys', '-t', session, 'Enter');
    const deadline = Date.now() + 60_000;
    while (!existsSync(exitFile) && Date.now() < deadline) await sleep(200);
    const final = screen();
    expect(readFileSync(exitFile, 'utf8').trim(), final).toBe('0');
    expect(final).toMatch(/Tailspin Toys: \d+ created, 0 updated, 0 unchanged, 0 failed/);

    const file = join(dir, 'tailspin-toys.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=\S+onboarding-plan\.schema\.json$/);
    const plan = loadPlan(file).plan;
    expect(plan.client).toEqual({ name: 'Tailspin Toys', ownerEmail: 'owner@tailspin.example', plan: 'enterprise', seats: 15 });
    expect(plan.collections.map((c) => c.name)).toEqual(['Finance', 'Finance/Banking', 'IT']);
    expect(plan.groups).toEqual([{ name: 'Accounting', collections: [{ collection: 'Finance', permission: 'edit' }, { collection: 'Finance/Banking', permission: 'read-only' }] }]);
    expect(plan.policies.map((p) => p.type)).toContain('single-org');
    expect(plan.members).toEqual([{ email: 'ann@tailspin.example', role: 'admin', permissions: [], groups: ['Accounting'], collections: [] }]);

    const collections = await admin.json<{ name: string }[]>(['collection', 'list', '--client', 'Tailspin Toys']);
    expect(collections.map((c) => c.name).sort()).toEqual(['Finance', 'Finance/Banking', 'IT']);
    const groups = await admin.json<{ name: string; collections: { name: string | null; permission: string }[] }[]>(['group', 'list', '--client', 'Tailspin Toys']);
    expect(groups.map((g) => g.name)).toEqual(['Accounting']);
    expect(groups[0]?.collections.find((c) => c.name === 'Finance/Banking')?.permission).toBe('read-only');
    const members = await admin.json<{ email: string; role: string }[]>(['member', 'list', '--client', 'Tailspin Toys']);
    expect(members.find((m) => m.email === 'ann@tailspin.example')?.role).toBe('admin');
  }, 120_000);

  it('the same answers as flags, without a terminal, write the same plan and find the client up to date', async () => {
    const other = join(dir, 'flags.yaml');
    const r = await admin.run([
      'client',
      'onboard',
      '--name',
      'Tailspin Toys',
      '--owner-email',
      'owner@tailspin.example',
      '--plan-type',
      'enterprise',
      '--seats',
      '15',
      '--collections',
      'Finance,Finance/Banking,IT',
      '--groups',
      'Accounting=Finance,Finance/Banking:read-only',
      '--policy-preset',
      'recommended',
      '--members',
      'ann@tailspin.example:admin:Accounting',
      '--write-plan',
      other,
      '--yes',
      '--json',
    ]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ client: 'Tailspin Toys', result: 'up-to-date', summary: { created: 0, updated: 0, failed: 0 } });
    expect(readFileSync(other, 'utf8')).toBe(readFileSync(join(dir, 'tailspin-toys.yaml'), 'utf8'));
    expect(r.stderr).toMatch(/Tailspin Toys: up to date/);
    const again = await admin.run(['client', 'onboard', '--name', 'Tailspin Toys', '--owner-email', 'owner@tailspin.example', '--plan-type', 'enterprise', '--seats', '15', '--collections', 'IT', '--groups', 'none', '--policy-preset', 'none', '--members', 'none', '--write-plan', other]);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toMatch(/flags\.yaml: the file exists/);
  }, 60_000);

  it('without a terminal a missing answer is a usage error naming its flag', async () => {
    const r = await admin.run(['client', 'onboard', '--name', 'Nobody Inc', '--owner-email', 'o@nobody.example', '--plan-type', 'teams', '--seats', '2', '--write-plan', join(dir, 'nobody.yaml')]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/Collections template: cannot ask \(CI is set\); pass --collections-template/);
    expect(existsSync(join(dir, 'nobody.yaml'))).toBe(false);
    const none = await admin.run(['client', 'onboard']);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toMatch(/pass --plan FILE \(one client\) or --plans DIR/);
  });
});
