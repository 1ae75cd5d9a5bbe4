import { describe, expect, it } from 'vitest';
import { groupAccessOptions } from '../../../../src/commands/group/access.js';
import { groupCreateOptions } from '../../../../src/commands/group/create.js';
import { groupMembersOptions } from '../../../../src/commands/group/members-shared.js';
import { run } from '../collection/run-cli.js';

const input = (args: string[], opts: Record<string, unknown>) => ({ args, opts, commandPath: 'group x' });

describe('group options', () => {
  it('reads members without blanks or case-insensitive duplicates', () => {
    expect(groupMembersOptions(input(['Accounting', 'ana@x.example', ' ', 'ANA@x.example', 'bo@x.example'], { client: 'C' }))).toEqual({
      client: 'C',
      group: 'Accounting',
      members: ['ana@x.example', 'bo@x.example'],
    });
  });

  it('reads repeatable collection grants', () => {
    expect(groupCreateOptions(input(['IT'], { collection: ['Finance:read-only', 'Ops'] }))).toEqual({ name: 'IT', collections: ['Finance:read-only', 'Ops'] });
    expect(groupAccessOptions(input(['IT'], { grant: ['A:manage'], revoke: ['B'] }))).toEqual({ group: 'IT', grant: ['A:manage'], revoke: ['B'] });
  });
});

describe('group verbs refuse bad input before connecting', () => {
  it.each([
    [['group', 'access', 'IT', '--client', 'C'], 2, 'pass at least one --grant COLLECTION[:PERMISSION] or --revoke COLLECTION'],
    [['group', 'members', 'add', 'IT'], 2, "missing required argument 'email-or-id'"],
    [['group', 'list', '--client', 'C'], 4, 'not logged in'],
  ])('%j exits %i', async (argv, code, message) => {
    const r = await run(argv);
    expect(r.code, r.stderr).toBe(code);
    expect(r.stderr).toContain(message);
  });
});
