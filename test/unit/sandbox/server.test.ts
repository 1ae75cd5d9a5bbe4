import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, fetch } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/sandbox/log.js';
import { startSandbox } from '../../../src/sandbox/server.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bwmsp-srv-'));
  dirs.push(dir);
  return dir;
}

describe('startSandbox', () => {
  it('serves HTTPS on 127.0.0.1 with its own CA, and reuses the CA after a restart', async () => {
    const dir = dataDir();
    const sandbox = await startSandbox({ dataDir: dir, log: silentLogger });
    expect(sandbox.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.caFile).toBe(join(dir, 'tls', 'ca.pem'));
    const ca = readFileSync(sandbox.caFile ?? '', 'utf8');
    const agent = new Agent({ connect: { ca } });
    const config = await fetch(`${sandbox.url}/api/config`, { dispatcher: agent });
    expect(await config.json()).toMatchObject({ environment: { api: `${sandbox.url}/api` } });
    await expect(fetch(`${sandbox.url}/api/alive`)).rejects.toThrow();
    await agent.close();
    await sandbox.close();
    await sandbox.close();

    const again = await startSandbox({ dataDir: dir, log: silentLogger });
    expect(readFileSync(again.caFile ?? '', 'utf8')).toBe(ca);
    await again.close();
  });

  it('serves plain HTTP on request, in the requested mode', async () => {
    const sandbox = await startSandbox({ dataDir: dataDir(), http: true, mode: 'selfhost', log: silentLogger });
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.caFile).toBeNull();
    expect(sandbox.mode).toBe('selfhost');
    const response = await fetch(`${sandbox.url}/identity/alive`);
    expect(response.status).toBe(200);
    await sandbox.close();
  });

  it('closes while a keep-alive connection is open', async () => {
    const sandbox = await startSandbox({ dataDir: dataDir(), http: true, log: silentLogger });
    const agent = new Agent({ keepAliveTimeout: 60_000 });
    await (await fetch(`${sandbox.url}/api/alive`, { dispatcher: agent })).text();
    const started = Date.now();
    await sandbox.close();
    expect(Date.now() - started).toBeLessThan(2000);
    await agent.close();
  });
});
