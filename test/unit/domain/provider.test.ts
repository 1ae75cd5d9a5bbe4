import { describe, expect, it } from 'vitest';
import { AuthError, NotFoundError, UsageError } from '../../../src/errors.js';
import {
  adminRefusal,
  claimsAreStale,
  oneAdminWarning,
  providerMemberships,
  resolveProviderId,
  tokenProviderClaims,
  type ProviderMembership,
} from '../../../src/domain/provider.js';
import { apiAuthError, apiError, membership } from './provider-fake-api.js';

const A = '6f1c0000-0000-4000-8000-00000000000a';
const B = '6f1c0000-0000-4000-8000-00000000000b';

const m = (id: string, name: string, extra: Partial<ProviderMembership> = {}) => membership({ id, name, ...extra });

describe('resolveProviderId', () => {
  it('takes --provider as an id, lower-cased, even when the account is not in it', () => {
    expect(resolveProviderId([], { flag: B.toUpperCase() })).toBe(B);
  });

  it('takes --provider as the name of one of the providers', () => {
    expect(resolveProviderId([m(A, 'Acme MSP'), m(B, 'Globex')], { flag: 'globex' })).toBe(B);
  });

  it('refuses a --provider name it does not know, listing the providers', () => {
    const error = (() => {
      try {
        resolveProviderId([m(A, 'Acme MSP')], { flag: 'Initech' });
      } catch (e) {
        return e;
      }
    })() as NotFoundError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe('--provider Initech: not a provider id, nor the name of a provider of this account');
    expect(error.hint).toContain(`Acme MSP (${A})`);
  });

  it("falls back to the profile's provider", () => {
    expect(resolveProviderId([m(A, 'Acme MSP'), m(B, 'Globex')], { profile: B })).toBe(B);
  });

  it('picks the only confirmed provider of the account', () => {
    expect(resolveProviderId([m(A, 'Acme MSP'), m(B, 'Globex', { status: 'accepted' })], {})).toBe(A);
  });

  it('asks for --provider when the account has several, naming them', () => {
    expect(() => resolveProviderId([m(A, 'Acme MSP'), m(B, 'Globex')], {})).toThrow(UsageError);
    try {
      resolveProviderId([m(A, 'Acme MSP'), m(B, 'Globex')], {});
    } catch (error) {
      expect((error as UsageError).message).toBe('this account belongs to 2 providers; choose one with --provider');
      expect((error as UsageError).hint).toContain(`Acme MSP (${A}), Globex (${B})`);
    }
  });

  it('says so when the account is in no provider, or not confirmed yet', () => {
    expect(() => resolveProviderId([], {})).toThrow('this account is not a confirmed user of any provider');
    try {
      resolveProviderId([m(A, 'Acme MSP', { status: 'accepted' })], {});
    } catch (error) {
      expect((error as NotFoundError).hint).toContain('Waiting for confirmation in: Acme MSP (accepted)');
    }
  });
});

describe('providerMemberships', () => {
  it('reads the sync fields of §2.6 and decodes HTML-encoded names', () => {
    const list = providerMemberships({
      profile: {
        id: 'u',
        email: 'e',
        organizations: [],
        providerOrganizations: [],
        providers: [
          { id: A.toUpperCase(), name: 'Smith &amp; Co', key: '4.abc', status: 2, type: 1, enabled: true, useEvents: true, providerStatus: 2, providerType: 0 },
          { id: B, name: 'Pending Ltd', key: null, status: 2, type: 0, providerStatus: 0, providerType: 2 },
        ],
      },
    });
    expect(list).toEqual([
      { id: A, name: 'Smith & Co', role: 'service-user', status: 'confirmed', enabled: true, useEvents: true, providerStatus: 'billable', providerType: 0, hasKey: true },
      { id: B, name: 'Pending Ltd', role: 'admin', status: 'confirmed', enabled: true, useEvents: true, providerStatus: 'pending', providerType: 2, hasKey: false },
    ]);
  });
});

function jwt(claims: Record<string, unknown>): string {
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${enc({ alg: 'RS256' })}.${enc(claims)}.sig`;
}

describe('token claims', () => {
  it('reads provider claims given as a string or an array', () => {
    const claims = tokenProviderClaims(jwt({ providerprovideradmin: A.toUpperCase(), providerserviceuser: [B] }));
    expect([...(claims?.admin ?? [])]).toEqual([A]);
    expect([...(claims?.serviceUser ?? [])]).toEqual([B]);
    expect(tokenProviderClaims('not-a-jwt')).toBeUndefined();
  });

  it('finds a token stale when it predates a confirmed membership or a promotion', () => {
    expect(claimsAreStale(jwt({ sub: 'u' }), m(A, 'Acme', { role: 'service-user' }))).toBe(true);
    expect(claimsAreStale(jwt({ providerserviceuser: A }), m(A, 'Acme', { role: 'service-user' }))).toBe(false);
    expect(claimsAreStale(jwt({ providerserviceuser: A }), m(A, 'Acme', { role: 'admin' }))).toBe(true);
    expect(claimsAreStale(jwt({ providerprovideradmin: A }), m(A, 'Acme', { role: 'admin' }))).toBe(false);
    expect(claimsAreStale(jwt({}), m(A, 'Acme', { status: 'accepted' }))).toBe(false);
    expect(claimsAreStale(jwt({}), undefined)).toBe(false);
    expect(claimsAreStale('opaque-token', m(A, 'Acme'))).toBe(false);
  });
});

describe('oneAdminWarning', () => {
  const user = (email: string, role: 'admin' | 'service-user', status: 'invited' | 'accepted' | 'confirmed') => ({ email, role, status });

  it('warns when exactly one Provider Admin is confirmed, naming them', () => {
    expect(oneAdminWarning([user('ada@msp.example', 'admin', 'confirmed'), user('bert@msp.example', 'admin', 'accepted'), user('tess@msp.example', 'service-user', 'confirmed')], 'Acme MSP')).toBe(
      'Acme MSP has only one confirmed Provider Admin (ada@msp.example); add a second one for failover: bwmsp provider users invite EMAIL --role admin',
    );
  });

  it('stays quiet with two confirmed admins (or none visible)', () => {
    expect(oneAdminWarning([user('a@x.example', 'admin', 'confirmed'), user('b@x.example', 'admin', 'confirmed')], 'Acme')).toBeUndefined();
    expect(oneAdminWarning([], 'Acme')).toBeUndefined();
  });
});

describe('adminRefusal', () => {
  const ctx = (role: 'admin' | 'service-user') => ({ membership: m(A, 'Acme MSP', { role }), name: 'Acme MSP' });

  it.each([
    ['403', apiAuthError(403, 'PUT', `/providers/${A}`)],
    ['401', apiAuthError(401, 'PUT', `/providers/${A}`)],
    ['404', apiError(404, 'PUT', `/providers/${A}`, 'Resource not found.')],
  ])('turns a %s refusal of a service user into exit 4 naming the role', (_status, error) => {
    const mapped = adminRefusal(error, ctx('service-user'), 'editing the provider');
    expect(mapped).toBeInstanceOf(AuthError);
    expect((mapped as AuthError).exitCode).toBe(4);
    expect((mapped as AuthError).message).toBe('editing the provider needs the Provider Admin role; you are a Service User of Acme MSP');
  });

  it('leaves other errors, and refusals of admins, unchanged', () => {
    const bad = apiError(400, 'PUT', `/providers/${A}`, 'Invalid.');
    expect(adminRefusal(bad, ctx('service-user'), 'x')).toBe(bad);
    const refused = apiAuthError(403, 'PUT', `/providers/${A}`);
    expect(adminRefusal(refused, ctx('admin'), 'x')).toBe(refused);
  });
});
