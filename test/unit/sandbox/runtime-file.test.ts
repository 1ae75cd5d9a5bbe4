import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  readRuntimeInfo,
  removeRuntimeInfo,
  runtimeFilePath,
  writeRuntimeInfo,
} from '../../../src/sandbox/runtime-file.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('runtime file', () => {
  it('writes, reads and removes the runtime info (0600)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bwmsp-rt-'));
    dirs.push(dir);
    const info = { url: 'https://127.0.0.1:1234', caFile: join(dir, 'tls', 'ca.pem'), pid: 4242, dataDir: dir, mode: 'selfhost' as const };
    expect(readRuntimeInfo(dir)).toBeUndefined();
    writeRuntimeInfo(dir, info);
    expect(statSync(runtimeFilePath(dir)).mode & 0o777).toBe(0o600);
    expect(readRuntimeInfo(dir)).toEqual(info);
    removeRuntimeInfo(dir);
    expect(readRuntimeInfo(dir)).toBeUndefined();
    removeRuntimeInfo(dir);
  });

  it('ignores a corrupt or foreign file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bwmsp-rt-'));
    dirs.push(dir);
    writeFileSync(runtimeFilePath(dir), '{not json');
    expect(readRuntimeInfo(dir)).toBeUndefined();
    writeFileSync(runtimeFilePath(dir), JSON.stringify({ url: 1 }));
    expect(readRuntimeInfo(dir)).toBeUndefined();
  });
});
