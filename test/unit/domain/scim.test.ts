import { describe, expect, it } from 'vitest';
import { scimBaseUrl, scimEnabled } from '../../../src/domain/scim.js';

describe('scimBaseUrl', () => {
  it('follows the deployment', () => {
    expect(scimBaseUrl({ kind: 'us', base: 'https://vault.bitwarden.com' }, 'o1')).toBe('https://scim.bitwarden.com/v2/o1');
    expect(scimBaseUrl({ kind: 'eu', base: 'https://vault.bitwarden.eu' }, 'o1')).toBe('https://scim.bitwarden.eu/v2/o1');
    expect(scimBaseUrl({ kind: 'self-hosted', base: 'https://bw.example.com/' }, 'o1')).toBe('https://bw.example.com/scim/v2/o1');
  });
});

describe('scimEnabled', () => {
  it('reads config.enabled case-insensitively and ignores the default answer', () => {
    const base = { type: 2, organizationId: 'o1', enabled: true };
    expect(scimEnabled({ ...base, id: 'c1', config: { Enabled: true } })).toBe(true);
    expect(scimEnabled({ ...base, id: 'c1', config: { enabled: true } })).toBe(true);
    expect(scimEnabled({ ...base, id: 'c1', config: { Enabled: false } })).toBe(false);
    expect(scimEnabled({ ...base, id: null, config: null })).toBe(false);
  });
});
