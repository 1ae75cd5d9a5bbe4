import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../../src/main.js';
import { MemoryConfigStore } from '../../../helpers/memory-config-store.js';
import { createTestSystem } from '../../../helpers/test-system.js';

function setup(tty = false) {
  const config = new MemoryConfigStore({ dir: mkdtempSync(join(tmpdir(), 'bwmsp-profile-')) });
  const run = async (argv: string[], env: Record<string, string> = {}) => {
    const system = createTestSystem({ tty, config, env });
    const code = await main(argv, system);
    return { code, stdout: system.stdoutText(), stderr: system.stderrText() };
  };
  return { config, run };
}

describe('profile', () => {
  it('adds a first profile, makes it active and derives self-hosted URLs', async () => {
    const { config, run } = setup();
    const r = await run(['profile', 'add', 'lab', '--server', 'vault.contoso.example/', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      name: 'lab',
      active: true,
      server: 'https://vault.contoso.example',
      urls: { api: 'https://vault.contoso.example/api', identity: 'https://vault.contoso.example/identity' },
    });
    expect(config.getActiveProfile()).toBe('lab');
    expect(r.stderr).toContain('✓ Added profile lab for https://vault.contoso.example (active)');
  });

  it('keeps the active profile when adding another, unless --use', async () => {
    const { config, run } = setup();
    await run(['profile', 'add', 'a', '--server', 'us']);
    await run(['profile', 'add', 'b', '--server', 'eu']);
    expect(config.getActiveProfile()).toBe('a');
    await run(['profile', 'add', 'c', '--server', 'eu', '--use']);
    expect(config.getActiveProfile()).toBe('c');
  });

  it('refuses to replace a profile without --force and changes nothing', async () => {
    const { config, run } = setup();
    await run(['profile', 'add', 'a', '--server', 'us', '--provider', 'p1']);
    const r = await run(['profile', 'add', 'a', '--server', 'eu']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("profile 'a' already exists");
    expect(config.getProfile('a')?.server).toBe('us');
    expect((await run(['profile', 'add', 'a', '--server', 'eu', '--force'])).code).toBe(0);
    expect(config.getProfile('a')?.server).toBe('eu');
  });

  it.each([
    [['profile', 'add', 'x'], '--server is required'],
    [['profile', 'add', 'Bad Name', '--server', 'us'], "invalid profile name 'Bad Name'"],
    [['profile', 'add', 'x', '--server', 'ftp://host'], "invalid server 'ftp://host'"],
    [['profile', 'add', 'x', '--server', 'us', '--ca-file', '/no/such/ca.pem'], '--ca-file /no/such/ca.pem: no such file'],
  ])('%j exits 2 naming the problem', async (argv, message) => {
    const { config, run } = setup();
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(config.listProfiles()).toEqual([]);
  });

  it('lists profiles as tab-separated rows on a pipe and a table on a TTY', async () => {
    const { config, run } = setup();
    await run(['profile', 'add', 'a', '--server', 'us']);
    await run(['profile', 'add', 'b', '--server', 'https://vault.example.com', '--org', 'o1']);
    expect((await run(['profile', 'list'])).stdout).toBe('a\tus\t\t\tyes\nb\thttps://vault.example.com\t\to1\t\n');
    const tty = createTestSystem({ tty: true, config, env: { NO_COLOR: '1' } });
    await main(['profile', 'list'], tty);
    expect(tty.stdoutText().split('\n')[0]).toMatch(/^NAME\s+SERVER\s+PROVIDER\s+ORG\s+ACTIVE$/);
    expect(tty.stdoutText()).toContain('* a');
  });

  it('prints [] for no profiles with --json', async () => {
    const { run } = setup();
    const r = await run(['profile', 'list', '--json']);
    expect(r.stdout).toBe('[]\n');
  });

  it('views the profile chosen by --profile, then BWMSP_PROFILE, then the active one', async () => {
    const { run } = setup();
    await run(['profile', 'add', 'a', '--server', 'us']);
    await run(['profile', 'add', 'b', '--server', 'eu']);
    const name = async (argv: string[], env: Record<string, string> = {}) => JSON.parse((await run([...argv, 'profile', 'view', '--json'], env)).stdout).name;
    expect(await name([])).toBe('a');
    expect(await name([], { BWMSP_PROFILE: 'b' })).toBe('b');
    expect(await name(['--profile', 'a'], { BWMSP_PROFILE: 'b' })).toBe('a');
  });

  it('exits 5 for an unknown profile and lists the existing ones', async () => {
    const { run } = setup();
    await run(['profile', 'add', 'a', '--server', 'us']);
    for (const argv of [['profile', 'view', 'nope'], ['profile', 'use', 'nope'], ['profile', 'remove', 'nope']]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(5);
      expect(r.stderr).toContain("profile 'nope' not found");
    }
  });

  it('switches and removes profiles', async () => {
    const { config, run } = setup();
    await run(['profile', 'add', 'a', '--server', 'us']);
    await run(['profile', 'add', 'b', '--server', 'eu']);
    expect((await run(['profile', 'use', 'b'])).code).toBe(0);
    expect(config.getActiveProfile()).toBe('b');
    expect((await run(['profile', 'remove', 'b'])).code).toBe(0);
    expect(config.listProfiles().map((p) => p.name)).toEqual(['a']);
    expect(config.getActiveProfile()).toBeUndefined();
  });
});
