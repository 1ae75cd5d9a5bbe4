import { describe, expect, it } from 'vitest';
import { duplicateKeys, formatEnvFile, getEnv, parseEnvFile, setEnv } from '../../../src/domain/env-file.js';

const text = '# comment\nA=1\n\nB = two words \nexport C="quoted"\nnot a line\nA=3\n';

describe('env file', () => {
  it('round-trips byte for byte', () => {
    expect(formatEnvFile(parseEnvFile(text))).toBe(text);
    expect(formatEnvFile(parseEnvFile('A=1'))).toBe('A=1');
  });

  it('reads the last assignment, case-insensitively, unquoted', () => {
    const file = parseEnvFile(text);
    expect(getEnv(file, 'a')).toBe('3');
    expect(getEnv(file, 'B')).toBe('two words');
    expect(getEnv(file, 'C')).toBe('quoted');
    expect(getEnv(file, 'D')).toBeUndefined();
    expect(file.lines.find((l) => l.kind === 'invalid')?.line).toBe(6);
    expect(duplicateKeys(file)).toEqual([{ key: 'A', lines: [2, 7] }]);
  });

  it('sets in place, keeps comments and order, appends new keys, drops shadowed duplicates', () => {
    const file = parseEnvFile(text);
    const changes = setEnv(file, { b: 'new', D: '4', a: '5' });
    expect(changes).toEqual([
      { key: 'B', from: 'two words', to: 'new' },
      { key: 'D', from: undefined, to: '4' },
      { key: 'A', from: '3', to: '5' },
    ]);
    expect(formatEnvFile(file)).toBe('# comment\n\nB=new\nexport C="quoted"\nnot a line\nA=5\nD=4\n');
  });

  it('reports no change when the value is already in force', () => {
    const file = parseEnvFile('X=1\n');
    expect(setEnv(file, { X: '1' })).toEqual([]);
    expect(formatEnvFile(file)).toBe('X=1\n');
  });
});
