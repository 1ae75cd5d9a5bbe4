import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  publicCollectionResponseSchema,
  publicEventResponseSchema,
  publicGroupResponseSchema,
  publicMemberResponseSchema,
} from '../../../src/protocol/public-api.js';
import { fakeEncString } from './harness.js';
import { buildOrgWorld, call, type OrgWorld } from './org-world.js';

let w: OrgWorld;
let orgToken: string;

async function organizationToken(w: OrgWorld, orgId: string, ownerToken: string, masterPasswordHash: string): Promise<string> {
  const key = await call(w.h, 'POST', `/api/organizations/${orgId}/api-key`, ownerToken, { type: 0, masterPasswordHash });
  const response = await w.h.postForm('/identity/connect/token', {
    grant_type: 'client_credentials',
    client_id: `organization.${orgId}`,
    client_secret: (key.body as { apiKey: string }).apiKey,
    scope: 'api.organization',
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

beforeEach(async () => {
  w = await buildOrgWorld();
  orgToken = await organizationToken(w, w.orgId, w.owner.token, w.owner.account.masterPasswordHash);
});
afterEach(() => w.h.close());

const pub = (path: string): string => `/api/public${path}`;

describe('authentication', () => {
  it('needs an organization token: none 401, a user token 403; the org token fails the private routes\' Application policy (403)', async () => {
    expect((await call(w.h, 'GET', pub('/members'), null)).status).toBe(401);
    const user = await call(w.h, 'GET', pub('/members'), w.owner.token);
    expect(user.status).toBe(403);
    expect(user.text).toBe('');
    const privateRoute = await call(w.h, 'GET', `/api/organizations/${w.orgId}/users`, orgToken);
    expect(privateRoute.status).toBe(403);
    expect(privateRoute.text).toBe('');
  });

  it('sees only its own organization', async () => {
    const response = await call(w.h, 'GET', pub(`/members/${w.outsider.memberId}`), orgToken);
    expect(response.status).toBe(404);
    expect(response.text).toBe('');
    const other = await organizationToken(w, w.outsider.orgId, w.outsider.token, w.outsider.account.masterPasswordHash);
    const list = await call(w.h, 'GET', pub('/members'), other);
    expect((list.body as { data: { id: string }[] }).data.map((m) => m.id)).toEqual([w.outsider.memberId]);
  });
});

describe('members', () => {
  it('lists and reads members in the public model', async () => {
    const list = await call(w.h, 'GET', pub('/members'), orgToken);
    expect(list.body).toMatchObject({ object: 'list' });
    const members = (list.body as { data: unknown[] }).data.map((m) => publicMemberResponseSchema.parse(m));
    expect(members).toHaveLength(5);
    expect(members.find((m) => m.id === w.custom.memberId)?.permissions).toMatchObject({ manageUsers: true });
    expect(members.find((m) => m.id === w.user.memberId)?.permissions).toBeNull();
    const one = await call(w.h, 'GET', pub(`/members/${w.user.memberId}`), orgToken);
    expect(one.body).toMatchObject({ object: 'member', email: w.user.account.email, status: 2, type: 2 });
  });

  it('invites (event with system user PublicApi), refuses duplicates, updates, sets groups, revokes, restores and removes', async () => {
    const collectionId = w.h.store.collections.listByOrganization(w.orgId)[0]?.id ?? '';
    const created = await call(w.h, 'POST', pub('/members'), orgToken, {
      email: 'api@contoso.example',
      type: 2,
      externalId: 'hr-17',
      collections: [{ id: collectionId, readOnly: true }],
    });
    expect(created.status).toBe(200);
    const member = publicMemberResponseSchema.parse(created.body);
    expect(member).toMatchObject({ status: 0, externalId: 'hr-17', userId: null, email: 'api@contoso.example' });
    expect(member.collections).toEqual([{ id: collectionId, readOnly: true, hidePasswords: false, manage: false }]);
    const invited = w.h.store.events
      .page({ organizationId: w.orgId, start: '2000-01-01', end: '2100-01-01', limit: 100 })
      .find((e) => e.type === 1500 && e.organizationUserId === member.id);
    expect(invited).toMatchObject({ systemUser: 3, actingUserId: null });

    const duplicate = await call(w.h, 'POST', pub('/members'), orgToken, { email: 'API@contoso.example', type: 2 });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body).toEqual({ object: 'error', message: 'This user has already been invited.' });
    const invalid = await call(w.h, 'POST', pub('/members'), orgToken, { type: 2 });
    expect(invalid.body).toEqual({
      object: 'error',
      message: "The request's model state is invalid.",
      errors: { Email: ['The Email field is required.'] },
    });

    const notCustom = await call(w.h, 'PUT', pub(`/members/${w.user.memberId}`), orgToken, {
      type: 2,
      permissions: { manageUsers: true },
    });
    expect(notCustom.body).toMatchObject({ message: 'Only users with the Custom role may use custom permissions.' });
    const custom = await call(w.h, 'PUT', pub(`/members/${w.user.memberId}`), orgToken, {
      type: 4,
      permissions: { accessEventLogs: true },
      externalId: 'hr-1',
    });
    expect(custom.body).toMatchObject({ type: 4, externalId: 'hr-1', permissions: { accessEventLogs: true, manageUsers: false } });

    const group = await call(w.h, 'POST', pub('/groups'), orgToken, { name: 'Sales', externalId: 'g-1' });
    const groupId = (group.body as { id: string }).id;
    expect((await call(w.h, 'PUT', pub(`/members/${w.user.memberId}/group-ids`), orgToken, { groupIds: [groupId] })).status).toBe(200);
    expect((await call(w.h, 'GET', pub(`/members/${w.user.memberId}/group-ids`), orgToken)).body).toEqual([groupId]);

    expect((await call(w.h, 'POST', pub(`/members/${w.user.memberId}/revoke`), orgToken)).status).toBe(200);
    const again = await call(w.h, 'POST', pub(`/members/${w.user.memberId}/revoke`), orgToken);
    expect(again.body).toEqual({ object: 'error', message: 'Already revoked.' });
    expect((await call(w.h, 'POST', pub(`/members/${w.user.memberId}/restore`), orgToken)).status).toBe(200);
    expect((await call(w.h, 'POST', pub(`/members/${member.id}/reinvite`), orgToken)).status).toBe(200);
    expect((await call(w.h, 'DELETE', pub(`/members/${member.id}`), orgToken)).status).toBe(200);
    expect((await call(w.h, 'GET', pub(`/members/${member.id}`), orgToken)).status).toBe(404);
  });
});

describe('groups', () => {
  it('creates with an external id and collections, sets member ids, updates and deletes', async () => {
    const collectionId = w.h.store.collections.listByOrganization(w.orgId)[0]?.id ?? '';
    const created = await call(w.h, 'POST', pub('/groups'), orgToken, {
      name: 'Support',
      externalId: 'dir-42',
      collections: [{ id: collectionId, readOnly: false, manage: true }],
    });
    const group = publicGroupResponseSchema.parse(created.body);
    expect(group).toMatchObject({ name: 'Support', externalId: 'dir-42' });
    expect(group.collections).toEqual([{ id: collectionId, readOnly: false, hidePasswords: false, manage: true }]);
    const memberIds = [w.user.memberId, w.admin.memberId];
    expect((await call(w.h, 'PUT', pub(`/groups/${group.id}/member-ids`), orgToken, { memberIds })).status).toBe(200);
    expect(((await call(w.h, 'GET', pub(`/groups/${group.id}/member-ids`), orgToken)).body as string[]).sort()).toEqual(memberIds.sort());
    const updated = await call(w.h, 'PUT', pub(`/groups/${group.id}`), orgToken, { name: 'Support EU', collections: [] });
    expect(updated.body).toMatchObject({ name: 'Support EU', externalId: 'dir-42', collections: [] });
    expect((await call(w.h, 'GET', pub('/groups'), orgToken)).body).toMatchObject({ data: [{ id: group.id }] });
    expect((await call(w.h, 'DELETE', pub(`/groups/${group.id}`), orgToken)).status).toBe(200);
    expect((await call(w.h, 'GET', pub(`/groups/${group.id}`), orgToken)).status).toBe(404);
  });
});

describe('collections', () => {
  it('lists shared collections without names, updates external id and group access, hides default collections', async () => {
    const list = await call(w.h, 'GET', pub('/collections'), orgToken);
    const [collection] = (list.body as { data: unknown[] }).data.map((c) => publicCollectionResponseSchema.parse(c));
    expect(collection).toBeDefined();
    expect(list.text).not.toContain('"name"');
    const group = (await call(w.h, 'POST', pub('/groups'), orgToken, { name: 'G' })).body as { id: string };
    const updated = await call(w.h, 'PUT', pub(`/collections/${collection?.id ?? ''}`), orgToken, {
      externalId: 'c-1',
      groups: [{ id: group.id, readOnly: true }],
    });
    expect(updated.body).toMatchObject({ externalId: 'c-1', groups: [{ id: group.id, readOnly: true, hidePasswords: false, manage: false }] });

    const defaultCollection = w.h.store.collections.insert({
      id: randomUUID(),
      organizationId: w.orgId,
      name: fakeEncString(),
      externalId: null,
      type: 1,
      defaultUserCollectionEmail: w.user.account.email,
      creationDate: w.h.clock.now().toISOString(),
    });
    expect((await call(w.h, 'GET', pub(`/collections/${defaultCollection.id}`), orgToken)).status).toBe(404);
    const refused = await call(w.h, 'DELETE', pub(`/collections/${defaultCollection.id}`), orgToken);
    expect(refused.status).toBe(400);
    expect((await call(w.h, 'DELETE', pub(`/collections/${collection?.id ?? ''}`), orgToken)).status).toBe(200);
  });
});

describe('policies', () => {
  it('reads (404 until saved), saves with the flat body and applies the same dependency rules', async () => {
    expect((await call(w.h, 'GET', pub('/policies/1'), orgToken)).status).toBe(404);
    const saved = await call(w.h, 'PUT', pub('/policies/1'), orgToken, { enabled: true, data: { minLength: 14 } });
    expect(saved.body).toMatchObject({ object: 'policy', type: 1, enabled: true, data: { minLength: 14 } });
    expect((await call(w.h, 'GET', pub('/policies'), orgToken)).body).toMatchObject({ data: [{ type: 1 }] });
    const dependant = await call(w.h, 'PUT', pub('/policies/4'), orgToken, { enabled: true });
    expect(dependant.body).toEqual({
      object: 'error',
      message: 'Turn on the Single organization policy because it is required for the Require single sign-on (SSO) policy.',
    });
    const event = w.h.store.events
      .page({ organizationId: w.orgId, start: '2000-01-01', end: '2100-01-01', limit: 100 })
      .find((e) => e.type === 1700);
    expect(event).toMatchObject({ systemUser: 3, actingUserId: null });
  });
});

describe('events', () => {
  it('lists events in the public model, filters by acting user and refuses long ranges', async () => {
    const page = await call(w.h, 'GET', pub('/events'), orgToken);
    const events = (page.body as { data: unknown[]; continuationToken: string | null }).data.map((e) =>
      publicEventResponseSchema.parse(e),
    );
    expect(events.find((e) => e.type === 1501 && e.memberId === w.user.memberId)).toMatchObject({
      actingUserId: w.owner.userId,
      device: 25,
    });
    const byAdmin = await call(w.h, 'GET', pub(`/events?actingUserId=${w.admin.userId}`), orgToken);
    expect((byAdmin.body as { data: { actingUserId: string }[] }).data.every((e) => e.actingUserId === w.admin.userId)).toBe(true);
    const long = await call(w.h, 'GET', pub('/events?start=2020-01-01T00:00:00Z&end=2022-01-01T00:00:00Z'), orgToken);
    expect(long.body).toEqual({ object: 'error', message: 'Date range must be < 367 days.' });
  });
});
