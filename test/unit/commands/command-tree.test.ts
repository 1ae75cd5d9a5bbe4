import { describe, expect, it } from 'vitest';
import { loadCommandTree } from '../../../src/main.js';
import { registry } from '../../../src/commands/registry.js';
import type { CommandSpec } from '../../../src/commands/spec.js';

interface Leaf {
  path: string;
  spec: CommandSpec;
}

function leaves(spec: CommandSpec, prefix = ''): Leaf[] {
  const path = `${prefix}${spec.name}`;
  if (!spec.subcommands) return [{ path, spec }];
  return spec.subcommands.flatMap((sub) => leaves(sub, `${path} `));
}

const tree = await loadCommandTree();
const allLeaves = tree.flatMap((spec) => leaves(spec));

// The DESIGN.md command surface, noun by noun (verbs the tree must register).
const designSurface: Record<string, string[]> = {
  profile: ['add', 'list', 'view', 'use', 'remove'],
  provider: ['setup', 'view', 'edit', 'users list', 'users invite', 'users reinvite', 'users accept', 'users confirm', 'users remove', 'users set-role', 'events', 'billing'],
  client: ['list', 'view', 'create', 'add-existing', 'edit', 'remove', 'onboard', 'audit', 'import', 'purge', 'sso view', 'sso set', 'scim enable', 'scim rotate', 'scim view'],
  member: ['list', 'invite', 'reinvite', 'confirm', 'set-role', 'revoke', 'restore', 'remove', 'accept'],
  collection: ['list', 'create', 'edit', 'delete', 'access grant', 'access revoke'],
  group: ['list', 'create', 'edit', 'delete', 'members add', 'members remove', 'members set', 'access'],
  policy: ['list', 'view', 'enable', 'disable', 'set'],
  event: ['list'],
  license: ['download', 'upload', 'update', 'view', 'verify'],
  'billing-sync': ['token', 'configure', 'run', 'status'],
  sponsorship: ['list', 'offer', 'revoke', 'status'],
  selfhost: ['config check', 'config set'],
  sandbox: ['start', 'stop', 'status', 'seed', 'mail', 'provider-invite', 'installation', 'reset'],
  org: ['list', 'view', 'create', 'api-key view', 'api-key rotate'],
  completion: ['bash', 'zsh', 'fish'],
};

const vocabulary = new Set([
  'list', 'view', 'create', 'edit', 'delete', 'add', 'remove', 'use', 'invite', 'reinvite', 'accept', 'confirm', 'revoke', 'restore',
  'set-role', 'setup', 'events', 'billing', 'add-existing', 'onboard', 'audit', 'import', 'purge', 'set', 'enable', 'rotate', 'disable',
  'grant', 'access', 'download', 'upload', 'update', 'verify', 'token', 'configure', 'run', 'status', 'offer', 'check', 'start', 'stop',
  'seed', 'mail', 'provider-invite', 'installation', 'sponsorship-sync', 'reset', 'login', 'logout', 'unlock', 'lock', 'bash', 'zsh', 'fish',
]);

describe('the command tree', () => {
  it('registers every noun and verb of the design', () => {
    const paths = new Set(allLeaves.map((l) => l.path));
    for (const [noun, verbs] of Object.entries(designSurface)) {
      for (const verb of verbs) expect(paths, `${noun} ${verb}`).toContain(`${noun} ${verb}`);
    }
    for (const top of ['login', 'logout', 'unlock', 'lock', 'status']) expect(paths).toContain(top);
  });

  it.each(allLeaves.map((l) => [l.path, l.spec] as const))('%s has a summary and at least two examples', (path, spec) => {
    expect(spec.summary.length, path).toBeGreaterThan(0);
    expect(spec.summary.length, `${path} summary is at most 60 characters`).toBeLessThanOrEqual(60);
    expect(spec.summary, `${path} summary has no trailing period`).not.toMatch(/\.$/);
    expect(spec.summary[0], `${path} summary starts upper-case`).toMatch(/[A-Z]/);
    expect(spec.examples?.length ?? 0, path).toBeGreaterThanOrEqual(2);
    for (const example of spec.examples ?? []) {
      expect(example.command, path).toMatch(/(^|[ (|])bwmsp /);
      expect(example.comment.length).toBeGreaterThan(0);
    }
  });

  it('uses only verbs of the vocabulary', () => {
    for (const { path } of allLeaves) {
      const verb = path.split(' ').at(-1) as string;
      expect(vocabulary, path).toContain(verb);
    }
  });

  it('offers JSON on data verbs: at least one example of every noun uses --json', () => {
    for (const spec of tree.filter((s) => s.subcommands && s.name !== 'completion')) {
      const examples = leaves(spec).flatMap((l) => l.spec.examples ?? []);
      expect(examples.some((e) => e.command.includes('--json')), spec.name).toBe(true);
    }
  });

  it('lists the same summaries in the registry as in the specs', () => {
    for (const entry of registry) {
      const spec = tree.find((s) => s.name === entry.name);
      expect(spec?.summary, entry.name).toBe(entry.summary);
    }
  });
});
