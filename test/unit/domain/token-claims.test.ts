import { describe, expect, it } from 'vitest';
import type { Sync } from '../../../src/api/endpoints/accounts.js';
import { tokenClaims, tokenPredatesMemberships } from '../../../src/domain/token-claims.js';

const jwt = (claims: Record<string, unknown>) => `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`;
const sync = (orgs: { id: string; status: number }[], providers: { id: string; status: number }[] = []) =>
  ({ profile: { id: 'u', email: 'e', organizations: orgs, providers, providerOrganizations: [] }, collections: [] }) as unknown as Sync;

describe('token membership claims', () => {
  it('reads single and array claims, lower-cased', () => {
    const claims = tokenClaims(jwt({ sub: 'u', orgowner: ['A-1', 'b-2'], providerserviceuser: 'P-1' }));
    expect(claims?.get('orgowner')).toEqual(new Set(['a-1', 'b-2']));
    expect(claims?.get('providerserviceuser')).toEqual(new Set(['p-1']));
    expect(tokenClaims('not-a-jwt')).toBeUndefined();
  });

  it.each([
    ['a confirmed org without a claim', jwt({ orguser: 'x' }), sync([{ id: 'O-1', status: 2 }]), true],
    ['every confirmed org has a claim', jwt({ orgadmin: 'o-1' }), sync([{ id: 'O-1', status: 2 }]), false],
    ['an accepted (unconfirmed) org needs no claim', jwt({}), sync([{ id: 'o-1', status: 1 }]), false],
    ['a confirmed provider without a claim', jwt({ orgowner: 'o-1' }), sync([{ id: 'o-1', status: 2 }], [{ id: 'p-1', status: 2 }]), true],
    ['a provider admin claim', jwt({ providerprovideradmin: 'p-1' }), sync([], [{ id: 'P-1', status: 2 }]), false],
    ['an unreadable token', 'garbage', sync([{ id: 'o-1', status: 2 }]), false],
  ])('%s -> stale %s', (_name, token, s, stale) => {
    expect(tokenPredatesMemberships(token, s)).toBe(stale);
  });
});
