import { describe, expect, it } from 'vitest';
import { createIOStreams, promptRefusal } from '../../../src/ui/io.js';
import { renderCsv, renderTsv, resolveFormat } from '../../../src/ui/output.js';
import { createPrinter } from '../../../src/ui/printer.js';
import { plainStyle } from '../../../src/ui/style.js';
import { createTestSystem } from '../../helpers/test-system.js';

const rows = [
  { name: 'Contoso, Ltd', seats: 25, note: 'say "hi"' },
  { name: 'Fabrikam', seats: 0, note: 'tab\there' },
];
const columns = [
  { header: 'Name', value: (r: (typeof rows)[number]) => r.name },
  { header: 'Seats', value: (r: (typeof rows)[number]) => r.seats },
  { header: 'Note', value: (r: (typeof rows)[number]) => r.note },
];

function printerFor(tty: boolean, globals: { json: boolean; format?: string }, env: Record<string, string> = {}) {
  const system = createTestSystem({ tty, env });
  const io = createIOStreams(system, system.env, { noInput: false, noColor: false, json: globals.json, quiet: false }, system.tty);
  return { system, out: createPrinter(io, globals, plainStyle) };
}

describe('output formats', () => {
  it.each([
    [true, { json: false }, 'table'],
    [false, { json: false }, 'tsv'],
    [true, { json: true }, 'json'],
    [false, { json: false, format: 'csv' }, 'csv'],
    [false, { json: false, format: 'json' }, 'json'],
    [false, { json: false, format: 'table' }, 'table'],
  ] as const)('tty=%s %j renders as %s', (tty, globals, format) => {
    expect(resolveFormat({ stdoutIsTTY: tty }, globals)).toBe(format);
  });

  it('quotes CSV fields per RFC 4180', () => {
    expect(renderCsv(rows, columns)).toBe('Name,Seats,Note\r\n"Contoso, Ltd",25,"say ""hi"""\r\nFabrikam,0,tab\there\r\n');
  });

  it('prints tab-separated rows without header on a pipe, tabs in values flattened', () => {
    expect(renderTsv(rows, columns)).toBe('Contoso, Ltd\t25\tsay "hi"\nFabrikam\t0\ttab here\n');
  });

  it('prints an upper-case header table on a TTY', () => {
    const { system, out } = printerFor(true, { json: false });
    out.list(rows, columns);
    const lines = system.stdoutText().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+SEATS\s+NOTE$/);
    expect(lines[1]).toMatch(/^Contoso, Ltd\s+25\s+say "hi"$/);
  });

  it('prints [] for an empty JSON list and a hint on stderr only on a TTY', () => {
    const json = printerFor(false, { json: true });
    json.out.list([], columns, { empty: 'No clients' });
    expect(json.system.stdoutText()).toBe('[]\n');
    const tty = printerFor(true, { json: false });
    tty.out.list([], columns, { empty: 'No clients' });
    expect(tty.system.stdoutText()).toBe('');
    expect(tty.system.stderrText()).toBe('No clients\n');
    const pipe = printerFor(false, { json: false });
    pipe.out.list([], columns, { empty: 'No clients' });
    expect(pipe.system.stderrText()).toBe('');
  });

  it('uses the view for JSON, compact on a pipe', () => {
    const { system, out } = printerFor(false, { json: true });
    out.list(rows, columns, { view: (r) => ({ name: r.name }) });
    expect(system.stdoutText()).toBe('[{"name":"Contoso, Ltd"},{"name":"Fabrikam"}]\n');
  });

  it('sends success lines to stderr, never stdout', () => {
    const { system, out } = printerFor(true, { json: false });
    out.success('Invited ana');
    expect(system.stdoutText()).toBe('');
    expect(system.stderrText()).toBe('✓ Invited ana\n');
  });
});

describe('TTY rules', () => {
  it.each([
    [{}, true, true, false, undefined],
    [{}, true, true, true, '--no-input is set'],
    [{ CI: 'true' }, true, true, false, 'CI is set'],
    [{ BWMSP_NO_PROMPT: '1' }, true, true, false, 'BWMSP_NO_PROMPT is set'],
    [{}, false, true, false, 'stdin is not a terminal'],
    [{}, true, false, false, 'stdout is not a terminal'],
    [{ CI: 'false' }, true, true, false, undefined],
  ])('env %j stdin=%s stdout=%s noInput=%s refuses prompts: %s', (env, stdin, stdout, noInput, reason) => {
    expect(promptRefusal(env, stdin, stdout, noInput)).toBe(reason);
  });

  it.each([
    [{}, true, false, true],
    [{ NO_COLOR: '1' }, true, false, false],
    [{}, true, true, false],
    [{}, false, false, false],
    [{ FORCE_COLOR: '1' }, false, false, true],
    [{ TERM: 'dumb' }, true, false, false],
  ])('colour with env %j tty=%s --no-color=%s is %s', (env, tty, noColor, expected) => {
    const system = createTestSystem({ tty, env });
    expect(createIOStreams(system, env, { noInput: false, noColor, json: false, quiet: false }, system.tty).colorEnabled).toBe(expected);
  });

  it('shows progress only when both streams are TTYs, without --json and CI', () => {
    const make = (tty: boolean, json: boolean, env: Record<string, string> = {}) =>
      createIOStreams(createTestSystem({ tty }), env, { noInput: false, noColor: false, json, quiet: false }, { stdin: tty, stdout: tty, stderr: tty }).progressEnabled;
    expect(make(true, false)).toBe(true);
    expect(make(true, true)).toBe(false);
    expect(make(false, false)).toBe(false);
    expect(make(true, false, { CI: '1' })).toBe(false);
  });
});
