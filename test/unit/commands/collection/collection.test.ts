import { describe, expect, it } from 'vitest';
import { collectionAccessOptions } from '../../../../src/commands/collection/access-shared.js';
import { collectionCreateOptions } from '../../../../src/commands/collection/create.js';
import { collectionEditOptions } from '../../../../src/commands/collection/edit.js';
import { run } from './run-cli.js';

const input = (args: string[], opts: Record<string, unknown>) => ({ args, opts, commandPath: 'collection x' });

describe('collection options', () => {
  it('reads create, edit and access flags', () => {
    expect(collectionCreateOptions(input(['Finance/Banking'], { client: 'Contoso', externalId: 'fin', parents: true }))).toEqual({ client: 'Contoso', name: 'Finance/Banking', externalId: 'fin', parents: true });
    expect(collectionEditOptions(input(['IT'], { org: 'o1', name: 'IT2', externalId: '' }))).toEqual({ org: 'o1', collection: 'IT', name: 'IT2', externalId: '' });
    expect(collectionAccessOptions(input(['Finance'], { group: ['A', ' '], member: ['ana@x.example'], permission: 'manage' }))).toEqual({
      collection: 'Finance',
      groups: ['A'],
      members: ['ana@x.example'],
      permission: 'manage',
    });
  });
});

describe('collection verbs refuse bad input before connecting', () => {
  it.each([
    [['collection', 'access', 'grant', 'Finance', '--client', 'C'], 2, 'name at least one --group or --member'],
    [['collection', 'access', 'grant', 'Finance', '--group', 'G', '--permission', 'admin'], 2, "option '--permission <permission>' argument 'admin' is invalid"],
    [['collection', 'access', 'revoke', 'Finance', '--client', 'C'], 2, 'name at least one --group or --member'],
    [['collection', 'list', '--client', 'C'], 4, 'not logged in'],
    [['collection', 'create', 'X', '--client', 'C', '--json'], 4, '"code":"auth"'],
  ])('%j exits %i', async (argv, code, message) => {
    const r = await run(argv);
    expect(r.code, r.stderr).toBe(code);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });

  it('documents nesting and --parents in help', async () => {
    const r = await run(['collection', 'create', '--help']);
    expect(r.stdout).toContain('--parents');
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('missing parents are not created unless you pass --parents');
  });
});
