import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  providerBulkListResponseSchema,
  providerUserListResponseSchema,
  providerUserResponseSchema,
} from '../../../src/protocol/provider-user.js';
import { listMail } from '../../../src/sandbox/store.js';
import { createHarness, decodeJwt, registerUnitAccount, type Harness, type UnitAccount } from './harness.js';
import { call, FAKE_RSA_KEY, token, userIdOf } from './org-world.js';
import { addProviderUser, buildProviderWorld, lastMail, providerEventTypes, type ProviderWorld } from './provider-world.js';

let h: Harness;
let w: ProviderWorld;
let users: string;

beforeEach(async () => {
  h = createHarness();
  w = await buildProviderWorld(h, 'u');
  users = `/api/providers/${w.providerId}/users`;
});
afterEach(() => h.close());

function countOf(types: readonly number[], type: number): number {
  return types.filter((t) => t === type).length;
}

function errors(body: unknown): Record<string, string> {
  return Object.fromEntries(providerBulkListResponseSchema.parse(body).data.map((item) => [item.id, item.error]));
}

describe('provider users', () => {
  it('lists users with status, role, name and e-mail (invited rows show the invited address)', async () => {
    await call(h, 'POST', `${users}/invite`, w.admin.token, { emails: ['new@msp.example'], type: 0 });
    const list = await call(h, 'GET', users, w.admin.token);
    expect(list.status).toBe(200);
    const parsed = providerUserListResponseSchema.parse(list.body);
    expect(parsed.data.map(({ email, status, type, userId }) => ({ email, status, type, linked: userId !== null }))).toEqual([
      { email: 'admin-u@msp.example', status: 2, type: 0, linked: true },
      { email: 'tech-u@msp.example', status: 2, type: 1, linked: true },
      { email: 'new@msp.example', status: 0, type: 0, linked: false },
    ]);
    expect(parsed.data[0]).toMatchObject({ object: 'providerUserUserDetails', name: 'Unit', permissions: null });

    const one = await call(h, 'GET', `${users}/${w.serviceUser.providerUserId}`, w.admin.token);
    expect(providerUserResponseSchema.parse(one.body)).toEqual({
      object: 'providerUser',
      id: w.serviceUser.providerUserId,
      userId: w.serviceUser.userId,
      type: 1,
      status: 2,
      permissions: null,
    });
    expect((await call(h, 'GET', `${users}/${crypto.randomUUID()}`, w.admin.token)).status).toBe(404);
  });

  it('invites new addresses only (lower-cased), mails each a token and logs 1800', async () => {
    const before = countOf(providerEventTypes(h, w.providerId), 1800);
    const invite = await call(h, 'POST', `${users}/invite`, w.admin.token, {
      emails: ['Ana@MSP.example', 'tech-u@msp.example', 'bo@msp.example'],
      type: 1,
    });
    expect(invite.status).toBe(200);
    expect(invite.text).toBe('');
    const rows = h.store.providerUsers.listDetails(w.providerId).filter((row) => row.status === 0);
    expect(rows.map((row) => row.email)).toEqual(['ana@msp.example', 'bo@msp.example']);
    const mail = lastMail(h, 'ana@msp.example', 'provider-user-invite');
    expect(mail.subject).toBe('Join Acme MSP');
    expect(mail.data).toMatchObject({ providerId: w.providerId, providerName: 'Acme MSP', email: 'ana@msp.example' });
    expect(mail.data.link).toContain('/#/providers/accept-provider?');
    expect(listMail(h.store, { to: 'tech-u@msp.example' }).filter((m) => m.template === 'provider-user-invite')).toHaveLength(1);
    expect(countOf(providerEventTypes(h, w.providerId), 1800) - before).toBe(2);

    // re-running converges: nothing new
    await call(h, 'POST', `${users}/invite`, w.admin.token, { emails: ['ana@msp.example'], type: 1 });
    expect(h.store.providerUsers.listDetails(w.providerId)).toHaveLength(4);
  });

  it('validates the invite body with the server messages', async () => {
    const many = Array.from({ length: 21 }, (_, i) => `u${i}@msp.example`);
    const tooMany = await call(h, 'POST', `${users}/invite`, w.admin.token, { emails: many, type: 1 });
    expect(tooMany.body).toMatchObject({ validationErrors: { Emails: ['You can only submit up to 20 emails at a time.'] } });
    const bad = await call(h, 'POST', `${users}/invite`, w.admin.token, { emails: ['ok@msp.example', 'nope'], type: 1 });
    expect(bad.body).toMatchObject({ validationErrors: { Emails: ['Email #2 is not valid.'] } });
    const none = await call(h, 'POST', `${users}/invite`, w.admin.token, { emails: [] });
    expect(none.body).toMatchObject({
      validationErrors: { Emails: ['An email is required.'], Type: ['The Type field is required.'] },
    });
    const empty = await call(h, 'POST', `${users}/invite`, w.admin.token, '');
    expect(empty.body).toMatchObject({ validationErrors: { '': ['Body is empty.'] } });
  });

  it('accepts only with a token issued to the caller, once', async () => {
    const ana = await registerUnitAccount(h, 'ana@msp.example');
    const eve = await registerUnitAccount(h, 'eve@msp.example');
    const id = await addProviderUser(h, w.providerId, w.admin.token, ana, 1, { accept: false });
    const mail = lastMail(h, ana.email, 'provider-user-invite');
    const accept = (account: UnitAccount, tokenValue: string | null) =>
      token(h, account).then((t) => call(h, 'POST', `${users}/${id}/accept`, t, { token: tokenValue ?? '' }));

    expect((await accept(eve, mail.token)).body).toMatchObject({ message: 'Invalid token.' });
    expect((await accept(ana, 'forged')).body).toMatchObject({ message: 'Invalid token.' });
    const ok = await accept(ana, mail.token);
    expect(ok.status).toBe(200);
    expect(h.store.providers.findUser(id)).toMatchObject({ status: 1, userId: userIdOf(h, ana), email: null });
    expect((await accept(ana, mail.token)).body).toMatchObject({ message: 'Already accepted.' });
    const unknown = await call(h, 'POST', `${users}/${crypto.randomUUID()}/accept`, await token(h, ana), { token: 'x' });
    expect(unknown.body).toMatchObject({ message: 'User invalid.' });
    const missing = await call(h, 'POST', `${users}/${id}/accept`, await token(h, ana), {});
    expect(missing.body).toMatchObject({ validationErrors: { Token: ['The Token field is required.'] } });
  });

  it('lists public keys of linked users only and confirms accepted users in bulk (1801, mail, claim)', async () => {
    const ana = await registerUnitAccount(h, 'ana@msp.example');
    const bo = await registerUnitAccount(h, 'bo@msp.example');
    const anaId = await addProviderUser(h, w.providerId, w.admin.token, ana, 1, { confirm: false });
    const boId = await addProviderUser(h, w.providerId, w.admin.token, bo, 0, { accept: false });

    const keys = await call(h, 'POST', `${users}/public-keys`, w.admin.token, { ids: [anaId, boId] });
    expect((keys.body as { data: { id: string; key: string }[] }).data).toEqual([
      { object: 'providerUserPublicKeyResponseModel', id: anaId, userId: userIdOf(h, ana), key: ana.publicKey },
    ]);

    const confirm = await call(h, 'POST', `${users}/confirm`, w.admin.token, {
      keys: [
        { id: anaId, key: FAKE_RSA_KEY },
        { id: boId, key: FAKE_RSA_KEY },
        { id: w.serviceUser.providerUserId, key: FAKE_RSA_KEY },
      ],
    });
    expect(confirm.status).toBe(200);
    // the invited (unlinked) row is left out of the result, as on the official server
    expect(errors(confirm.body)).toEqual({ [anaId]: '', [w.serviceUser.providerUserId]: 'Invalid user.' });
    expect(h.store.providers.findUser(anaId)).toMatchObject({ status: 2, key: FAKE_RSA_KEY });
    expect(lastMail(h, ana.email, 'provider-user-confirmed').subject).toBe('You Have Been Confirmed To Acme MSP');
    expect(countOf(providerEventTypes(h, w.providerId), 1801)).toBe(2);
    expect(decodeJwt(await token(h, ana)).providerserviceuser).toBe(w.providerId);
  });

  it('single confirm / reinvite answer 200 even when the item is refused; bulk reinvite reports it', async () => {
    const ana = await registerUnitAccount(h, 'ana@msp.example');
    const anaId = await addProviderUser(h, w.providerId, w.admin.token, ana, 1, { accept: false });
    const single = await call(h, 'POST', `${users}/${anaId}/confirm`, w.admin.token, { key: FAKE_RSA_KEY });
    expect(single.status).toBe(200);
    expect(h.store.providers.findUser(anaId)?.status).toBe(0);

    const reinvite = await call(h, 'POST', `${users}/reinvite`, w.admin.token, {
      ids: [anaId, w.serviceUser.providerUserId],
    });
    expect(errors(reinvite.body)).toEqual({ [anaId]: '', [w.serviceUser.providerUserId]: 'User invalid.' });
    expect(listMail(h.store, { to: ana.email }).filter((m) => m.template === 'provider-user-invite')).toHaveLength(2);
    expect((await call(h, 'POST', `${users}/${w.serviceUser.providerUserId}/reinvite`, w.admin.token)).status).toBe(200);
  });

  it('changes roles but keeps one confirmed provider admin (1802)', async () => {
    const demoteSelf = await call(h, 'PUT', `${users}/${w.admin.providerUserId}`, w.admin.token, { type: 1 });
    expect(demoteSelf.status).toBe(400);
    expect(demoteSelf.body).toMatchObject({ message: 'Provider must have at least one confirmed ProviderAdmin.' });

    const promote = await call(h, 'PUT', `${users}/${w.serviceUser.providerUserId}`, w.admin.token, { type: 0 });
    expect(promote.status).toBe(200);
    expect(countOf(providerEventTypes(h, w.providerId), 1802)).toBe(1);
    const demote = await call(h, 'POST', `${users}/${w.admin.providerUserId}`, w.admin.token, { type: 1 });
    expect(demote.status).toBe(200);
    // the demoted admin loses admin rights at once, even with an old token
    expect((await call(h, 'GET', users, w.admin.token)).status).toBe(403);
    const invalid = await call(h, 'PUT', `${users}/${w.serviceUser.providerUserId}`, w.serviceUser.token, { type: 3 });
    expect(invalid.status).toBe(403);
  });

  it('removes users: not yourself, not the last admin; removed users lose access (1803, mail)', async () => {
    const self = await call(h, 'DELETE', users, w.admin.token, { ids: [w.admin.providerUserId] });
    expect(self.body).toMatchObject({ message: 'Provider must have at least one confirmed ProviderAdmin.' });

    const second = await registerUnitAccount(h, 'second@msp.example');
    await addProviderUser(h, w.providerId, w.admin.token, second, 0);
    const bulk = await call(h, 'DELETE', users, w.admin.token, {
      ids: [w.admin.providerUserId, w.serviceUser.providerUserId],
    });
    expect(errors(bulk.body)).toEqual({
      [w.admin.providerUserId]: 'You cannot remove yourself.',
      [w.serviceUser.providerUserId]: '',
    });
    expect(h.store.providers.findUser(w.serviceUser.providerUserId)).toBeUndefined();
    expect(h.store.providers.findUser(w.admin.providerUserId)).toBeDefined();
    expect(lastMail(h, w.serviceUser.account.email, 'provider-user-removed').subject).toBe(
      'You Have Been Removed from Acme MSP',
    );
    expect(countOf(providerEventTypes(h, w.providerId), 1803)).toBe(1);
    expect((await call(h, 'GET', `/api/providers/${w.providerId}`, w.serviceUser.token)).status).toBe(403);

    // single delete (and its POST alias) of an invited row
    const invitedId = await addProviderUser(h, w.providerId, w.admin.token, await registerUnitAccount(h, 'x@msp.example'), 1, {
      accept: false,
    });
    expect((await call(h, 'POST', `${users}/${invitedId}/delete`, w.admin.token)).status).toBe(200);
    expect(h.store.providers.findUser(invitedId)).toBeUndefined();
  });

  it('keeps provider users of one provider out of another provider', async () => {
    const other = await buildProviderWorld(h, 'o');
    const foreign = await call(h, 'GET', `${users}/${other.serviceUser.providerUserId}`, w.admin.token);
    expect(foreign.status).toBe(404);
    const bulk = await call(h, 'DELETE', users, w.admin.token, { ids: [other.serviceUser.providerUserId] });
    expect(errors(bulk.body)).toEqual({ [other.serviceUser.providerUserId]: 'Invalid user.' });
    expect((await call(h, 'GET', `/api/providers/${other.providerId}/users`, w.admin.token)).status).toBe(403);
  });
});
