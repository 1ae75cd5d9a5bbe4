import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCli } from '../helpers/cli.js';

const fixture = new URL('../fixtures/bwdata/global.override.env', import.meta.url);

function bwdata(): { dir: string; file: string } {
  const dir = join(mkdtempSync(join(tmpdir(), 'bwmsp-bwdata-')), 'bwdata');
  mkdirSync(join(dir, 'env'), { recursive: true });
  const file = join(dir, 'env', 'global.override.env');
  copyFileSync(fixture, file);
  chmodSync(file, 0o600);
  return { dir, file };
}

describe('bwmsp selfhost config', () => {
  it('check lists findings with fixes and exits 3 when a check fails', async () => {
    const { dir } = bwdata();
    const cli = createCli();
    const r = await cli.run(['selfhost', 'config', 'check', '--bwdata', dir, '--json']);
    expect(r.exitCode).toBe(3);
    const findings = JSON.parse(r.stdout) as { check: string; level: string; fix?: string }[];
    const failed = findings.filter((f) => f.level === 'fail').map((f) => f.check);
    expect(failed.sort()).toEqual(['cloud-communication', 'region', 'smtp']);
    expect(findings.find((f) => f.check === 'cloud-communication')?.fix).toBe('bwmsp selfhost config set globalSettings__enableCloudCommunication=true');
    expect(r.stderr).toContain('3 checks failed');
  });

  it('set edits in place keeping comments, order and mode; --region sets the four values; check then passes those', async () => {
    const { dir, file } = bwdata();
    const before = readFileSync(file, 'utf8');
    const cli = createCli();
    const r = await cli.run(['selfhost', 'config', 'set', 'globalSettings__enableCloudCommunication=true', 'globalSettings__mail__smtp__host=smtp.contoso.example', '--region', 'eu', '--bwdata', dir]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain('./bitwarden.sh restart');
    const after = readFileSync(file, 'utf8');
    expect(after.split('\n').slice(0, 7)).toEqual([
      '# Written by the installer. Edit and run ./bitwarden.sh restart.',
      'globalSettings__baseServiceUri__vault=https://vault.contoso.example',
      'globalSettings__baseServiceUri__cloudRegion=EU',
      ...before.split('\n').slice(3, 6),
      '# Mail',
    ]);
    expect(after).toContain('globalSettings__mail__smtp__host=smtp.contoso.example\n');
    expect(after).toContain('globalSettings__installation__apiUri=https://api.bitwarden.eu\n');
    expect(after).toContain('globalSettings__enableCloudCommunication=true\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const check = JSON.parse((await cli.run(['selfhost', 'config', 'check', '--bwdata', dir, '--json'])).stdout) as { check: string; level: string }[];
    expect(check.find((f) => f.check === 'region')?.level).toBe('pass');
    expect(check.find((f) => f.check === 'cloud-communication')?.level).toBe('pass');

    const again = await cli.json<{ changes: unknown[]; restartNeeded: boolean }>(['selfhost', 'config', 'set', '--region', 'eu', '--bwdata', dir]);
    expect(again).toMatchObject({ changes: [], restartNeeded: false });
  });

  it.each([
    [['selfhost', 'config', 'set', 'novalue', '--bwdata', '/tmp'], 2, "'novalue' is not KEY=VALUE"],
    [['selfhost', 'config', 'set', '--bwdata', '/tmp'], 2, 'nothing to set'],
    [['selfhost', 'config', 'check', '--bwdata', '/nonexistent/bwdata'], 5, 'no such directory'],
    [['selfhost', 'config', 'check'], 2, '--bwdata is required'],
  ])('%j exits %i', async (argv, code, message) => {
    const r = await createCli().run(argv);
    expect(r.exitCode).toBe(code);
    expect(r.stderr).toContain(message);
  });

  it('changes nothing when an argument is bad', async () => {
    const { dir, file } = bwdata();
    const before = readFileSync(file, 'utf8');
    const r = await createCli().run(['selfhost', 'config', 'set', 'globalSettings__a=1', 'bad key=2', '--bwdata', dir]);
    expect(r.exitCode).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});
