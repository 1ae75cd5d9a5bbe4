import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/bwmsp.js', import.meta.url));

// Records every module URL the process resolves (module.registerHooks, Node >= 22.15).
const recorder = `data:text/javascript,${encodeURIComponent(`
import { registerHooks } from 'node:module';
const seen = [];
registerHooks({ resolve(specifier, context, next) { const r = next(specifier, context); seen.push(r.url); return r; } });
process.on('exit', () => process.stderr.write('\\nMODULES ' + JSON.stringify(seen) + '\\n'));
`)}`;

function modulesLoadedBy(args: string[]): string[] {
  const { stderr, status } = spawnSync(process.execPath, ['--import', recorder, bin, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  expect(status).toBe(0);
  const line = stderr.split('\n').find((l) => l.startsWith('MODULES '));
  if (!line) throw new Error(`no module list in: ${stderr}`);
  return JSON.parse(line.slice('MODULES '.length)) as string[];
}

const heavy = [/undici/, /^node:crypto$/, /@inquirer/, /\/zod\//, /\/dist\/sandbox\//, /\/dist\/crypto\//, /\/dist\/api\//, /\/dist\/protocol\//, /hono/, /node:sqlite/, /\/ora\//, /\/chalk\//];

describe('cold start', () => {
  it.each([[['--version']], [['--help']]])('bwmsp %j loads none of the heavy layers', (args) => {
    const modules = modulesLoadedBy(args);
    for (const pattern of heavy) expect(modules.filter((m) => pattern.test(m)), String(pattern)).toEqual([]);
  });

  it('the recorder sees what --help loads (so the checks above can fail)', () => {
    const modules = modulesLoadedBy(['--help']);
    expect(modules.some((m) => m.endsWith('/dist/main.js'))).toBe(true);
    expect(modules.some((m) => m.includes('commander'))).toBe(true);
    expect(modulesLoadedBy(['member', 'list', '--help']).some((m) => m.endsWith('/dist/commands/member/index.js'))).toBe(true);
  });

  it('bwmsp --version loads nothing of dist/', () => {
    expect(modulesLoadedBy(['--version']).filter((m) => m.includes('/dist/'))).toEqual([]);
  });
});
