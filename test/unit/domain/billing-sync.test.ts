import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ApiAuthError, ApiError, NetworkError, parseErrorBody } from '../../../src/api/errors.js';
import {
  BILLING_SYNC_EXIT_CODES,
  BillingSyncError,
  billingSyncConfig,
  classifySyncError,
  clockCheck,
  tokenCheck,
} from '../../../src/domain/billing-sync.js';
import { GENERIC_SYNC_FAILURE } from '../../../src/protocol/billing-sync.js';

const ORG = '1f0c0000-0000-0000-0000-000000000001';

function serverError(status: number, message: string): ApiError {
  const body = JSON.stringify({ message, validationErrors: null, object: 'error' });
  return new ApiError({ status, method: 'POST', service: 'api', route: `/organizations/licenses/self-hosted/${ORG}/sync` }, parseErrorBody(body, 'application/json'));
}

describe('classifySyncError', () => {
  it.each([
    [GENERIC_SYNC_FAILURE, 'cloud-refused', 1],
    [`Connection disabled for organization ${ORG}`, 'connection-disabled', 1],
    ['Cloud communication is disabled in global settings', 'not-self-hosted', 1],
    ['This action is only available for self-hosted.', 'not-self-hosted', 1],
    ['Failed to get Billing Sync Key', 'no-token', 1],
    [`No saved Connection config for organization ${ORG}`, 'no-token', 1],
    ['Invalid license. The installation ID does not match the current installation.', 'license-refused', 1],
    ['Your organization currently has 5 seats filled. Your new license only has (3) seats. Remove some users.', 'license-refused', 1],
  ])('maps the 400 "%s" to %s (exit %i)', (message, failure, exit) => {
    const mapped = classifySyncError(serverError(400, message), ORG);
    expect(mapped?.failure).toBe(failure);
    expect(mapped?.exitCode).toBe(exit);
    expect(mapped?.code).toBe(`billing_sync_${failure.replaceAll('-', '_')}`);
  });

  it('prints a specific server refusal verbatim', () => {
    const message = 'Invalid license. The license does not allow for on-premise hosting of organizations.';
    expect(classifySyncError(serverError(400, message), ORG)?.message).toContain(message);
  });

  it('lists the cloud-side causes with the generic failure', () => {
    const mapped = classifySyncError(serverError(400, GENERIC_SYNC_FAILURE), ORG);
    expect(mapped?.hint).toMatch(/rotated/);
    expect(mapped?.hint).toMatch(/installation id\/key/);
    expect(mapped?.hint).toMatch(/region/);
    expect(mapped?.hint).toMatch(/firewall/);
    expect(mapped?.hint).toMatch(/subscription/);
  });

  it('maps 404 and refused tokens to not-owner (exit 4), network errors to unreachable (exit 1)', () => {
    expect(classifySyncError(serverError(404, 'Resource not found.'), ORG)).toMatchObject({ failure: 'not-owner', exitCode: 4 });
    const auth = new ApiAuthError({ status: 401, method: 'POST', service: 'api', route: '/x' }, parseErrorBody('', undefined));
    expect(classifySyncError(auth, ORG)).toMatchObject({ failure: 'not-owner', exitCode: 4 });
    const network = new NetworkError('connection refused', { kind: 'refused', host: '127.0.0.1', url: 'https://127.0.0.1:1/api' });
    expect(classifySyncError(network, ORG)).toMatchObject({ failure: 'unreachable', exitCode: 1 });
  });

  it('leaves other errors alone', () => {
    expect(classifySyncError(new Error('bug'), ORG)).toBeUndefined();
    expect(classifySyncError(serverError(500, 'An unhandled server error has occurred.'), ORG)).toBeUndefined();
  });

  it('gives every failure class an exit code of 1 or 4', () => {
    for (const code of Object.values(BILLING_SYNC_EXIT_CODES)) expect([1, 4]).toContain(code);
    expect(new BillingSyncError('not-owner', 'x').exitCode).toBe(4);
  });
});

describe('clockCheck', () => {
  const now = new Date('2026-11-22T06:00:00Z');
  it('passes within the limit and fails beyond it, naming the direction', () => {
    expect(clockCheck('Sun, 22 Nov 2026 06:00:20 GMT', now).result).toBe('pass');
    const ahead = clockCheck('Sun, 22 Nov 2026 06:02:00 GMT', now);
    expect(ahead).toMatchObject({ row: 6, result: 'fail' });
    expect(ahead.detail).toContain('120 s ahead');
    expect(clockCheck('Sun, 22 Nov 2026 05:58:00 GMT', now).detail).toContain('behind');
  });
  it('skips without a Date header', () => {
    expect(clockCheck(undefined, now).result).toBe('skip');
  });
});

describe('tokenCheck', () => {
  const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123';
  const note = { profile: 'cloud', revisionDate: '2026-11-22T05:00:00.000Z', tokenSha256: createHash('sha256').update(token).digest('hex'), previousTokenSha256: [createHash('sha256').update('OldToken').digest('hex')], recordedAt: '2026-11-22T05:00:01.000Z' };
  it('skips without a note', () => {
    expect(tokenCheck(undefined, token, undefined).result).toBe('skip');
  });
  it('passes when the configured token is the noted one and the cloud has not rotated it', () => {
    expect(tokenCheck(note, token, note.revisionDate).result).toBe('pass');
    expect(tokenCheck(note, token, undefined).result).toBe('pass');
  });
  it('fails when the cloud rotated the token after the note', () => {
    const r = tokenCheck(note, token, '2026-11-22T05:30:00.000Z');
    expect(r.result).toBe('fail');
    expect(r.detail).toContain('rotated');
  });
  it('fails when the configured token is one this config dir saw rotated away, even without the cloud', () => {
    const r = tokenCheck(note, 'OldToken', undefined);
    expect(r.result).toBe('fail');
    expect(r.detail).toContain('was rotated');
  });
  it('fails when the configured token is not the current cloud token, and skips when the cloud cannot be asked', () => {
    expect(tokenCheck(note, 'SomethingElse', note.revisionDate)).toMatchObject({ result: 'fail', detail: 'the configured token is not the current cloud token' });
    expect(tokenCheck(note, 'SomethingElse', undefined).result).toBe('skip');
  });
});

describe('billingSyncConfig', () => {
  it('reads the PascalCase config, any casing, and treats the zero GUID and empty values as unset', () => {
    expect(billingSyncConfig({ BillingSyncKey: 'k', CloudOrganizationId: ORG, LastLicenseSync: '2026-11-22T05:00:00.0000000+00:00' })).toEqual({
      billingSyncKey: 'k',
      cloudOrganizationId: ORG,
      lastLicenseSync: '2026-11-22T05:00:00.0000000+00:00',
    });
    expect(billingSyncConfig({ billingSyncKey: '', cloudOrganizationId: '00000000-0000-0000-0000-000000000000', lastLicenseSync: null })).toEqual({
      billingSyncKey: null,
      cloudOrganizationId: null,
      lastLicenseSync: null,
    });
    expect(billingSyncConfig(null).billingSyncKey).toBeNull();
  });
});
