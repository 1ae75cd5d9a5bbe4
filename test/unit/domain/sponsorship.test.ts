import { describe, expect, it } from 'vitest';
import { sponsorshipStatus, sponsorshipStatusLabel, sponsorshipView } from '../../../src/domain/sponsorship.js';

const base = { toDelete: false, validUntil: null, lastSyncDate: null };

describe('sponsorshipStatus (the web client labels, first match wins)', () => {
  it.each([
    [{ ...base, toDelete: true, validUntil: '2027-01-01T00:00:00Z' }, 'self-hosted', 'revoke-when-expired'],
    [{ ...base, toDelete: true, validUntil: '2027-01-01T00:00:00Z' }, 'cloud', 'revoke-when-expired'],
    [{ ...base, toDelete: true }, 'self-hosted', 'request-removed'],
    [{ ...base, validUntil: '2027-01-01T00:00:00Z', lastSyncDate: '2026-11-01T00:00:00Z' }, 'self-hosted', 'active'],
    [{ ...base, lastSyncDate: '2026-11-01T00:00:00Z' }, 'self-hosted', 'sent'],
    [base, 'cloud', 'sent'],
    [base, 'self-hosted', 'requested'],
  ] as const)('%j on %s is %s', (row, side, status) => {
    expect(sponsorshipStatus(row, side)).toBe(status);
  });

  it('labels as the web vault does, with the date for "Revoke when expired"', () => {
    expect(sponsorshipStatusLabel('requested', null)).toBe('Requested');
    expect(sponsorshipStatusLabel('revoke-when-expired', '2027-01-31T10:00:00Z')).toBe('Revoke when expired (2027-01-31)');
    expect(sponsorshipStatusLabel('request-removed', null)).toBe('Request removed');
  });

  it('marks self-hosted offers never synced as pending sync, never cloud ones', () => {
    const row = { sponsoringOrganizationUserId: 'u1', friendlyName: 'a@x.example', offeredToEmail: 'a@x.example', planSponsorshipType: 0, isAdminInitiated: true, ...base };
    expect(sponsorshipView(row, 'self-hosted')).toMatchObject({ status: 'requested', statusLabel: 'Requested', pendingSync: true });
    expect(sponsorshipView(row, 'cloud')).toMatchObject({ status: 'sent', pendingSync: false });
    expect(sponsorshipView({ ...row, lastSyncDate: '2026-11-01T00:00:00Z' }, 'self-hosted').pendingSync).toBe(false);
  });
});
