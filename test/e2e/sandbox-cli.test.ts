import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { bin, createCli } from '../helpers/cli.js';

interface RuntimeView {
  url: string;
  caFile: string | null;
  pid: number;
  dataDir: string;
  mode: string;
}

const cli = createCli();
const dataDir = join(mkdtempSync(join(tmpdir(), 'bwmsp-sb-cli-')), 'data');

afterAll(async () => {
  await cli.run(['sandbox', 'stop', '--data', dataDir]);
});

describe('bwmsp sandbox start/status/stop/reset', () => {
  it('starts detached over HTTPS with its own CA, and status reports the same', async () => {
    const started = await cli.json<RuntimeView>(['sandbox', 'start', '--port', '0', '--detach', '--data', dataDir]);
    expect(Object.keys(started).sort()).toEqual(['caFile', 'dataDir', 'licenseCertFile', 'mode', 'pid', 'url']);
    expect(started.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(started.mode).toBe('cloud');
    expect(started.dataDir).toBe(dataDir);
    expect(started.caFile && existsSync(started.caFile)).toBe(true);
    expect(statSync(join(dataDir, 'tls', 'server-key.pem')).mode & 0o777).toBe(0o600);
    expect(await cli.json<RuntimeView>(['sandbox', 'status', '--data', dataDir])).toEqual(started);

    // A second start finds the running one instead of starting another.
    const again = await cli.run(['sandbox', 'start', '--port', '0', '--detach', '--data', dataDir, '--json']);
    expect(again.exitCode).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual(started);
    expect(again.stderr).toContain('already runs');
  });

  it('refuses to reset a running sandbox', async () => {
    const r = await cli.run(['sandbox', 'reset', '--data', dataDir, '--yes']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('is running');
  });

  it('stops it; status then exits 1; reset needs --yes without a terminal and keeps the CA', async () => {
    const status = await cli.json<RuntimeView>(['sandbox', 'status', '--data', dataDir]);
    const stop = await cli.json<{ stopped: boolean; pid: number }>(['sandbox', 'stop', '--data', dataDir]);
    expect(stop).toMatchObject({ stopped: true, pid: status.pid });
    const after = await cli.run(['sandbox', 'status', '--data', dataDir]);
    expect(after.exitCode).toBe(1);
    expect(after.stderr).toContain(`no sandbox is running in ${dataDir}`);

    const noYes = await cli.run(['sandbox', 'reset', '--data', dataDir]);
    expect(noYes.exitCode).toBe(2);
    expect(noYes.stderr).toContain('pass --yes');
    expect(existsSync(join(dataDir, 'sandbox.db'))).toBe(true);

    const reset = await cli.json<{ removed: string[] }>(['sandbox', 'reset', '--data', dataDir, '--yes']);
    expect(reset.removed).toContain(join(dataDir, 'sandbox.db'));
    expect(existsSync(join(dataDir, 'sandbox.db'))).toBe(false);
    expect(existsSync(join(dataDir, 'tls', 'ca.pem'))).toBe(true);

    // The same CA serves the next start.
    const restarted = await cli.json<RuntimeView>(['sandbox', 'start', '--port', '0', '--detach', '--data', dataDir]);
    expect(restarted.caFile).toBe(status.caFile);
  });

  it('serves plain HTTP with --http and says the official clients need HTTPS', async () => {
    const httpDir = join(mkdtempSync(join(tmpdir(), 'bwmsp-sb-http-')), 'data');
    const r = await cli.run(['sandbox', 'start', '--port', '0', '--detach', '--http', '--data', httpDir]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout.trim()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(r.stderr).toContain('official Bitwarden clients require HTTPS');
    expect((await cli.run(['sandbox', 'stop', '--data', httpDir])).exitCode).toBe(0);
  });

  it('rejects a bad port before starting anything', async () => {
    const r = await cli.run(['sandbox', 'start', '--port', '99999', '--data', join(dataDir, 'x')]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--port 99999');
    expect(existsSync(join(dataDir, 'x'))).toBe(false);
  });
});

describe('bwmsp sandbox start in the foreground', () => {
  it('serves until SIGTERM, then closes cleanly and removes its runtime file', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'bwmsp-sb-fg-')), 'data');
    const child = execa(process.execPath, [bin, 'sandbox', 'start', '--port', '0', '--data', dir, '--json'], { env: cli.env, extendEnv: false, reject: false });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve();
      });
      void child.then((r) => reject(new Error(`exited early (${String(r.exitCode)}): ${out} ${String(r.stderr)}`)));
    });
    const info = JSON.parse(out.split('\n')[0] as string) as RuntimeView;
    expect(await cli.json<RuntimeView>(['sandbox', 'status', '--data', dir])).toMatchObject({ url: info.url, pid: info.pid });
    child.kill('SIGTERM');
    const result = await child;
    expect(result.exitCode).toBe(0);
    expect(existsSync(join(dir, 'runtime.json'))).toBe(false);
  });
});
