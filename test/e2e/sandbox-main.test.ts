/**
 * The detached-sandbox entry point as a process: `node dist/sandbox/main.js` prints one JSON line
 * when listening, writes the runtime file, serves HTTPS with its CA, and on SIGTERM/SIGINT exits 0
 * and removes the runtime file. Uses the built dist/ (`npm run build`).
 */
import { X509Certificate } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Agent, fetch } from 'undici';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readRuntimeInfo } from '../../src/sandbox/runtime-file.js';

const MAIN = resolve('dist/sandbox/main.js');
const dirs: string[] = [];
const children: ChildProcess[] = [];

beforeAll(() => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first`);
});

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function start(args: string[]): Promise<{ child: ChildProcess; info: Record<string, unknown>; stderr: () => string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bwmsp-main-'));
  dirs.push(dataDir);
  const child = spawn(process.execPath, [MAIN, '--data', dataDir, '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', HOME: dataDir },
  });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(() => {
      throw new Error(`main.js exited early: ${stderr}`);
    }),
  ])) as [string];
  return { child, info: JSON.parse(line) as Record<string, unknown>, stderr: () => stderr };
}

describe('sandbox main.js', () => {
  it('prints its runtime info, serves HTTPS and stops cleanly on SIGTERM', async () => {
    const { child, info, stderr } = await start(['--mode', 'selfhost']);
    expect(Object.keys(info).sort()).toEqual(['caFile', 'dataDir', 'licenseCertFile', 'mode', 'pid', 'url']);
    expect(info).toMatchObject({ mode: 'selfhost', pid: child.pid, licenseCertFile: null, url: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/) });
    const dataDir = String(info.dataDir);
    expect(readRuntimeInfo(dataDir)).toEqual(info);

    const agent = new Agent({ connect: { ca: readFileSync(String(info.caFile), 'utf8') } });
    const alive = await fetch(`${String(info.url)}/api/alive`, { dispatcher: agent });
    expect(alive.status).toBe(200);
    await agent.close();

    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code, stderr()).toBe(0);
    expect(readRuntimeInfo(dataDir)).toBeUndefined();
    expect(stderr()).not.toMatch(/ExperimentalWarning/);
  });

  it('serves plain HTTP with --http and stops on SIGINT', async () => {
    const { child, info } = await start(['--http', '--verbose']);
    expect(info).toMatchObject({ caFile: null, mode: 'cloud', url: expect.stringMatching(/^http:\/\//) });
    // The cloud role's license signing certificate (DER, like Bitwarden's licensing.cer).
    expect(new X509Certificate(readFileSync(String(info.licenseCertFile))).subject).toMatch(/bwmsp sandbox License/);
    expect((await fetch(`${String(info.url)}/identity/alive`)).status).toBe(200);
    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });

  it('exits 2 on bad arguments', async () => {
    const child = spawn(process.execPath, [MAIN, '--port', '99999'], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(stderr).toMatch(/--data is required/);
  });

  it('exits 2 on selfhost flags without --mode selfhost, or a malformed installation id', async () => {
    for (const [args, message] of [
      [['--data', join(tmpdir(), 'unused'), '--cloud-url', 'https://127.0.0.1:1'], /--cloud-url needs --mode selfhost/],
      [['--data', join(tmpdir(), 'unused'), '--mode', 'selfhost', '--installation-id', 'nope'], /invalid --installation-id: nope/],
    ] as const) {
      const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
    }
  });
});
