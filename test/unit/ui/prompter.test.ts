import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { createIOStreams } from '../../../src/ui/io.js';
import { createPrompter, readStdinSecret } from '../../../src/ui/prompter.js';
import { createTestSystem } from '../../helpers/test-system.js';

describe('prompter', () => {
  it.each([
    [{ CI: 'true' }, 'CI is set'],
    [{}, 'stdin is not a terminal'],
  ])('refuses to ask under %j and names the flag', async (env, reason) => {
    const system = createTestSystem({ tty: false, env });
    const io = createIOStreams(system, env, { noInput: false, noColor: true, json: false, quiet: false }, system.tty);
    const prompter = createPrompter(io);
    const error = await prompter.password({ message: 'Master password', flag: '--password-stdin' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(`Master password: cannot ask (${reason}); pass --password-stdin`);
  });

  it('refuses under --no-input even on a TTY', async () => {
    const system = createTestSystem({ tty: true });
    const io = createIOStreams(system, {}, { noInput: true, noColor: true, json: false, quiet: false }, system.tty);
    await expect(createPrompter(io).confirm({ message: 'Delete?', flag: '--yes' })).rejects.toThrow('Delete: cannot ask (--no-input is set); pass --yes');
  });

  it('reads a secret from a pipe, first line only', async () => {
    const system = createTestSystem({ stdin: 'hunter2 with spaces\nsecond line\n' });
    expect(await readStdinSecret({ stdin: system.stdin, stdinIsTTY: false }, '--password-stdin')).toBe('hunter2 with spaces');
  });

  it('refuses an empty pipe', async () => {
    const system = createTestSystem({ stdin: '' });
    await expect(readStdinSecret({ stdin: system.stdin, stdinIsTTY: false }, '--password-stdin')).rejects.toThrow('--password-stdin: nothing was read from stdin');
  });
});
