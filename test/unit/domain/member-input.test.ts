import { describe, expect, it } from 'vitest';
import { InputError, NotFoundError, UsageError } from '../../../src/errors.js';
import {
  batchInvites,
  chunk,
  findMembers,
  parseInviteCsv,
  permissionsObject,
  permissionWords,
  requireMembers,
  roleWithPermissions,
  roleWord,
  statusWord,
  type CsvDefaults,
} from '../../../src/domain/member-input.js';

const defaults: CsvDefaults = { role: 'user', groups: [], collections: [] };

function csvError(text: string, label = 'staff.csv'): InputError {
  try {
    parseInviteCsv(text, label, defaults);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

describe('parseInviteCsv', () => {
  it('reads email, role, groups and collections with ; separated values and permissions', () => {
    const entries = parseInviteCsv(
      'email,role,groups,collections\nAna@Contoso.example,admin,Finance;IT,Shared:read-only;Ops: EU\nbo@contoso.example,,,\n',
      'staff.csv',
      { role: 'user', groups: [{ name: 'Everyone', where: '--group' }], collections: [] },
    );
    expect(entries).toEqual([
      {
        email: 'ana@contoso.example',
        role: 'admin',
        groups: [
          { name: 'Finance', where: 'staff.csv:2:3' },
          { name: 'IT', where: 'staff.csv:2:3' },
        ],
        collections: [
          { name: 'Shared', permission: 'read-only', where: 'staff.csv:2:4' },
          { name: 'Ops: EU', permission: 'edit', where: 'staff.csv:2:4' },
        ],
        where: 'staff.csv:2',
      },
      // empty cells take the defaults (the flags)
      { email: 'bo@contoso.example', role: 'user', groups: [{ name: 'Everyone', where: '--group' }], collections: [], where: 'staff.csv:3' },
    ]);
  });

  it('accepts columns in any order, quoted cells, a BOM, blank lines and only an email column', () => {
    expect(parseInviteCsv('\uFEFFemail\n\n"a@x.example"\n', 'f.csv', defaults).map((e) => e.email)).toEqual(['a@x.example']);
    const entries = parseInviteCsv('collections,E-mail\n"Team, Blue:manage",b@x.example\n', 'f.csv', defaults);
    expect(entries[0]).toMatchObject({ email: 'b@x.example', collections: [{ name: 'Team, Blue', permission: 'manage', where: 'f.csv:2:1' }] });
  });

  it.each([
    ['email,role\nana@x.example,boss\n', "staff.csv:2:2: unknown role 'boss'; use one of owner, admin, user, custom"],
    ['email,role\nnot-an-email,user\n', "staff.csv:2:1: 'not-an-email' is not an e-mail address"],
    ['email,role\n,admin\n', 'staff.csv:2:1: missing e-mail address'],
    ['email,team\na@x.example,x\n', "staff.csv:1:2: unknown column 'team' (expected email, role, groups, collections)"],
    ['role,groups\nadmin,x\n', "staff.csv:1: no 'email' column in the header row"],
    ['email,email\na@x.example,b@x.example\n', "staff.csv:1:2: column 'email' appears twice"],
    ['email,role\na@x.example,user,extra\n', 'staff.csv:2:3: 3 cells but the header has 2 columns'],
    ['email\na@x.example\n\nA@x.example\n', 'staff.csv:4:1: a@x.example is already on line 2'],
    ['email\n"a@x.example\n', 'staff.csv:2: not valid CSV'],
  ])('names file, line and column: %j', (text, message) => {
    expect(csvError(text).message).toContain(message);
  });

  it('reports every bad row at once and says nothing was sent', () => {
    const error = csvError('email,role\nbad,user\nok@x.example,user\nalso-bad,owner\nc@x.example,chief\n');
    expect(error.message).toBe(
      "staff.csv:2:1: 'bad' is not an e-mail address; staff.csv:4:1: 'also-bad' is not an e-mail address; staff.csv:5:2: unknown role 'chief'; use one of owner, admin, user, custom",
    );
    expect(error.hint).toContain('Nothing was sent');
  });

  it('refuses an empty file and a header without rows', () => {
    expect(csvError('', 'stdin').message).toContain('stdin: empty file');
    expect(csvError('email,role\n').message).toBe('staff.csv: no members after the header row');
  });
});

describe('permissions', () => {
  it('maps kebab-case flags to the permissions object, every field present', () => {
    const p = permissionsObject(['manage-users', 'access-event-logs', 'manage-access-rules']);
    expect(p.manageUsers).toBe(true);
    expect(p.accessEventLogs).toBe(true);
    expect(p.manageAccessRules).toBe(true);
    expect(p.manageGroups).toBe(false);
    expect(Object.keys(p)).toHaveLength(13);
    expect(permissionWords(p)).toEqual(['access-event-logs', 'manage-users', 'manage-access-rules']);
    // camelCase is accepted too
    expect(permissionsObject(['manageGroups']).manageGroups).toBe(true);
  });

  it('rejects an unknown permission naming the valid ones', () => {
    expect(() => permissionsObject(['manage-everything'])).toThrow(/--permission manage-everything: unknown permission; use one of access-event-logs, .*manage-users/);
  });

  it('ties --permission to the custom role', () => {
    expect(roleWithPermissions('admin', [])).toEqual({ type: 1 });
    expect(() => roleWithPermissions('admin', ['manage-users'])).toThrow('--permission applies only to --role custom');
    expect(() => roleWithPermissions('custom', [])).toThrow(UsageError);
    expect(roleWithPermissions('custom', ['manage-groups'])).toMatchObject({ type: 4, permissions: { manageGroups: true, manageUsers: false } });
  });

  it('names roles and statuses as words', () => {
    expect([0, 1, 2, 3, 4].map(roleWord)).toEqual(['owner', 'admin', 'user', 'manager', 'custom']);
    expect([-1, 0, 1, 2, 3].map(statusWord)).toEqual(['revoked', 'invited', 'accepted', 'confirmed', 'staged']);
  });
});

describe('batching', () => {
  it('splits into requests of at most 20', () => {
    const sizes = chunk(Array.from({ length: 45 }, (_, i) => i), 20).map((c) => c.length);
    expect(sizes).toEqual([20, 20, 5]);
  });

  it('groups identical settings (key order does not matter) and keeps input order inside a batch', () => {
    const items = Array.from({ length: 43 }, (_, i) => ({
      email: `u${i}@x.example`,
      settings: i % 2 === 0 ? { type: 2, groups: ['g1'] } : { groups: ['g1'], type: 1 },
    }));
    const batches = batchInvites(items, 20);
    expect(batches.map((b) => [b.settings.type, b.emails.length])).toEqual([
      [2, 20],
      [2, 2],
      [1, 20],
      [1, 1],
    ]);
    expect(batches[0]?.emails.slice(0, 3)).toEqual(['u0@x.example', 'u2@x.example', 'u4@x.example']);
    expect(batches.every((b) => b.emails.length <= 20)).toBe(true);
    expect(batches.flatMap((b) => b.emails).sort()).toEqual(items.map((i) => i.email).sort());
  });
});

describe('addressing members', () => {
  const members = [
    { id: '11111111-1111-4111-8111-111111111111', email: 'ana@x.example' },
    { id: '22222222-2222-4222-8222-222222222222', email: 'bo@x.example' },
  ];

  it('finds by e-mail (any case) or id, once each, in argument order', () => {
    const { found, missing } = findMembers(members, ['BO@x.example', '11111111-1111-4111-8111-111111111111', 'bo@x.example', 'nobody@x.example']);
    expect(found.map((m) => m.email)).toEqual(['bo@x.example', 'ana@x.example']);
    expect(missing).toEqual(['nobody@x.example']);
  });

  it('refuses unknown members before anything is sent (exit 5)', () => {
    expect(() => requireMembers(members, ['ana@x.example', 'zed@x.example'], 'Lab')).toThrow(NotFoundError);
    expect(() => requireMembers(members, ['zed@x.example'], 'Lab')).toThrow("no member 'zed@x.example' in Lab");
  });
});
