import { describe, expect, it } from 'vitest';
import { buildCommand } from '../../src/commands/build-program.js';
import { exitCodeFor, NotImplementedError } from '../../src/errors.js';
import { firstWord, main } from '../../src/main.js';
import { importFormatAlias } from '../../src/root.js';
import { createTestSystem } from './../helpers/test-system.js';

async function run(argv: string[], options: Parameters<typeof createTestSystem>[0] = {}) {
  const system = createTestSystem(options);
  const code = await main(argv, system);
  return { code, stdout: system.stdoutText(), stderr: system.stderrText() };
}

describe('main', () => {
  it('prints the root help with every noun and exits 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('provider');
    expect(r.stdout).toContain('billing-sync');
    expect(r.stdout).toContain('Help topics');
  });

  it('exits 1 with "not implemented yet" for a registered verb without an implementation', async () => {
    const noun = buildCommand({ name: 'noun', summary: 'Noun', subcommands: [{ name: 'later', summary: 'Later' }] }, async () => undefined);
    const error = await noun.exitOverride().parseAsync(['later'], { from: 'user' }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(NotImplementedError);
    expect((error as NotImplementedError).message).toBe('bwmsp later: not implemented yet');
    expect(exitCodeFor(error)).toBe(1);
  });

  it('exits 2 on an unknown option and points to the verb help', async () => {
    const r = await run(['profile', 'list', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--bogus'");
    expect(r.stderr).toContain("Run 'bwmsp profile list --help' for usage.");
  });

  it('exits 2 on an unknown command with a suggestion', async () => {
    const r = await run(['membr']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('member');
  });

  it('writes errors as one JSON line on stderr with --json and leaves stdout empty', async () => {
    const r = await run(['--json', 'profile', 'view', 'nope']);
    expect(r.code).toBe(5);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { code: 'not_found', message: "profile 'nope' not found" } });
  });

  it('prints help topics', async () => {
    const r = await run(['help', 'exit-codes']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/130\s+cancelled/);
    expect((await run(['help', 'environment'])).stdout).toContain('BWMSP_SESSION');
  });

  it.each([
    [['member', 'list'], 'member'],
    [['--profile', 'x', 'client', 'list'], 'client'],
    [['--json', '--format', 'csv', 'event'], 'event'],
    [['--debug'], undefined],
  ])('finds the noun of %j', (argv, noun) => {
    expect(firstWord(argv)).toBe(noun);
  });
});

describe('importFormatAlias', () => {
  it('passes an export-format --format of client import on as --from', () => {
    expect(importFormatAlias(['client', 'import', 'x.csv', '--format', 'lastpass-csv'], ['client', 'import'])).toEqual(['client', 'import', 'x.csv', '--from', 'lastpass-csv']);
    expect(importFormatAlias(['--profile', 'p', 'client', 'import', 'x', '--format=keeper-csv'], ['client', 'import'])).toEqual(['--profile', 'p', 'client', 'import', 'x', '--from=keeper-csv']);
  });

  it('leaves output formats and every other verb alone', () => {
    expect(importFormatAlias(['client', 'import', 'x', '--from', 'keeper-csv', '--format', 'json'], ['client', 'import'])).toEqual(['client', 'import', 'x', '--from', 'keeper-csv', '--format', 'json']);
    expect(importFormatAlias(['client', 'list', '--format', 'lastpass-csv'], ['client', 'list'])).toEqual(['client', 'list', '--format', 'lastpass-csv']);
  });

  it('lets main refuse a non-output --format outside client import', async () => {
    const r = await run(['client', 'list', '--format', 'lastpass-csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('lastpass-csv');
  });
});
