import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configDir, ensureConfigDir, type HostInfo } from '../../../src/config/paths.js';

const linux: HostInfo = { platform: 'linux', homedir: '/home/ann' };
const mac: HostInfo = { platform: 'darwin', homedir: '/Users/ann' };
const windows: HostInfo = { platform: 'win32', homedir: 'C:\\Users\\ann' };

describe('configDir', () => {
  it.each([
    ['BWMSP_CONFIG_DIR wins on Linux', { BWMSP_CONFIG_DIR: '/tmp/x', XDG_CONFIG_HOME: '/xdg' }, linux, '/tmp/x'],
    ['BWMSP_CONFIG_DIR wins on macOS', { BWMSP_CONFIG_DIR: '/tmp/x' }, mac, '/tmp/x'],
    ['BWMSP_CONFIG_DIR wins on Windows', { BWMSP_CONFIG_DIR: 'D:\\cfg', APPDATA: 'C:\\AD' }, windows, 'D:\\cfg'],
    ['XDG_CONFIG_HOME on Linux', { XDG_CONFIG_HOME: '/xdg' }, linux, '/xdg/bwmsp'],
    ['~/.config on Linux', {}, linux, '/home/ann/.config/bwmsp'],
    ['~/.config when XDG_CONFIG_HOME is relative', { XDG_CONFIG_HOME: 'rel' }, linux, '/home/ann/.config/bwmsp'],
    ['~/.config when XDG_CONFIG_HOME is empty', { XDG_CONFIG_HOME: '' }, linux, '/home/ann/.config/bwmsp'],
    ['the default when BWMSP_CONFIG_DIR is empty', { BWMSP_CONFIG_DIR: '' }, linux, '/home/ann/.config/bwmsp'],
    ['Library/Preferences on macOS', { XDG_CONFIG_HOME: '/xdg' }, mac, '/Users/ann/Library/Preferences/bwmsp'],
    [
      '%APPDATA% on Windows',
      { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' },
      windows,
      'C:\\Users\\ann\\AppData\\Roaming\\bwmsp',
    ],
    ['AppData\\Roaming without %APPDATA%', {}, windows, 'C:\\Users\\ann\\AppData\\Roaming\\bwmsp'],
  ])('uses %s', (_what, env, host, expected) => {
    expect(configDir(env, host)).toBe(expected);
  });

  it('makes a relative BWMSP_CONFIG_DIR absolute', () => {
    expect(configDir({ BWMSP_CONFIG_DIR: 'rel/cfg' }, linux)).toBe(path.resolve('rel/cfg'));
  });

  it('defaults to the current host', () => {
    expect(path.isAbsolute(configDir({}))).toBe(true);
    expect(path.basename(configDir({}))).toBe('bwmsp');
  });
});

describe.skipIf(process.platform === 'win32')('ensureConfigDir', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bwmsp-paths-'));
  });
  afterEach(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('creates the directory and its missing parents with mode 0700', () => {
    const dir = path.join(tmp, 'a', 'b', 'bwmsp');
    expect(ensureConfigDir(dir)).toBe(dir);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('gives 0700 whatever the umask', () => {
    const dir = path.join(tmp, 'bwmsp');
    const old = process.umask(0o000);
    try {
      ensureConfigDir(dir);
    } finally {
      process.umask(old);
    }
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('leaves an existing directory as it is', () => {
    const dir = path.join(tmp, 'mine');
    fs.mkdirSync(dir, { mode: 0o755 });
    fs.chmodSync(dir, 0o755);
    ensureConfigDir(dir);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o755);
  });
});
