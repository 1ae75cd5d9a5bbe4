import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { canonicalServer, resolveServer, serverId } from '../../../src/config/servers.js';

describe('resolveServer', () => {
  it('gives the US cloud hosts for us, with no /api prefix', () => {
    expect(resolveServer('us')).toEqual({
      kind: 'us',
      base: 'https://vault.bitwarden.com',
      vault: 'https://vault.bitwarden.com',
      api: 'https://api.bitwarden.com',
      identity: 'https://identity.bitwarden.com',
      events: 'https://events.bitwarden.com',
      notifications: 'https://notifications.bitwarden.com',
      icons: 'https://icons.bitwarden.net',
      scim: 'https://scim.bitwarden.com',
      insecure: false,
    });
  });

  it('gives the EU cloud hosts for eu', () => {
    expect(resolveServer('eu')).toEqual({
      kind: 'eu',
      base: 'https://vault.bitwarden.eu',
      vault: 'https://vault.bitwarden.eu',
      api: 'https://api.bitwarden.eu',
      identity: 'https://identity.bitwarden.eu',
      events: 'https://events.bitwarden.eu',
      notifications: 'https://notifications.bitwarden.eu',
      icons: 'https://icons.bitwarden.eu',
      scim: 'https://scim.bitwarden.eu',
      insecure: false,
    });
  });

  it.each(['US', ' eu ', 'Eu'])('accepts the region keyword %j in any case', (server) => {
    expect(resolveServer(server).kind).toBe(server.trim().toLowerCase());
  });

  it('returns a fresh object each time, so callers cannot change the table', () => {
    const a = resolveServer('us');
    a.api = 'https://evil.example';
    expect(resolveServer('us').api).toBe('https://api.bitwarden.com');
  });

  it('derives every self-hosted service URL from the base with the suffix rule', () => {
    expect(resolveServer('https://vault.example.com')).toEqual({
      kind: 'self-hosted',
      base: 'https://vault.example.com',
      vault: 'https://vault.example.com',
      api: 'https://vault.example.com/api',
      identity: 'https://vault.example.com/identity',
      events: 'https://vault.example.com/events',
      notifications: 'https://vault.example.com/notifications',
      icons: 'https://vault.example.com/icons',
      scim: null,
      insecure: false,
    });
  });

  it.each([
    ['https://vault.example.com', 'https://vault.example.com'],
    ['https://vault.example.com/', 'https://vault.example.com'],
    ['https://vault.example.com///', 'https://vault.example.com'],
    ['vault.example.com', 'https://vault.example.com'],
    ['vault.example.com/', 'https://vault.example.com'],
    ['  vault.example.com  ', 'https://vault.example.com'],
    ['HTTPS://Vault.Example.COM', 'https://vault.example.com'],
    ['https://vault.example.com:443/', 'https://vault.example.com'],
    ['https://vault.example.com:8443', 'https://vault.example.com:8443'],
    ['vault.example.com:8443/', 'https://vault.example.com:8443'],
    ['https://example.com/bitwarden/', 'https://example.com/bitwarden'],
    ['example.com/bitwarden', 'https://example.com/bitwarden'],
    ['localhost:8080', 'https://localhost:8080'],
    ['https://127.0.0.1:8443/', 'https://127.0.0.1:8443'],
    ['https://[::1]:8443', 'https://[::1]:8443'],
  ])('normalises %j to the base %j', (input, base) => {
    const urls = resolveServer(input);
    expect(urls.kind).toBe('self-hosted');
    expect(urls.base).toBe(base);
    expect(urls.api).toBe(`${base}/api`);
    expect(urls.identity).toBe(`${base}/identity`);
    expect(urls.insecure).toBe(false);
  });

  it.each([
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['http://localhost:8080/', 'http://localhost:8080'],
    ['HTTP://localhost', 'http://localhost'],
  ])('allows http:// (%j) but flags it insecure', (input, base) => {
    const urls = resolveServer(input);
    expect(urls).toMatchObject({ kind: 'self-hosted', base, insecure: true, api: `${base}/api` });
  });

  it.each([
    ['https://vault.bitwarden.com', 'us'],
    ['https://vault.bitwarden.com/', 'us'],
    ['vault.bitwarden.com', 'us'],
    ['https://bitwarden.com', 'us'],
    ['https://vault.bitwarden.eu/', 'eu'],
  ])('treats the cloud web-vault URL %j as the %s region', (input, kind) => {
    expect(resolveServer(input)).toEqual(resolveServer(kind));
  });

  it('keeps a cloud host with a path as a self-hosted URL (the suffix rule applies as written)', () => {
    expect(resolveServer('https://vault.bitwarden.com/x').kind).toBe('self-hosted');
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['ftp://vault.example.com', "scheme 'ftp:'"],
    ['file:///etc/passwd', "scheme 'file:'"],
    ['https://', 'not a valid URL'],
    ['https://vault example.com', 'whitespace'],
    ['https://user:pw@vault.example.com', 'user name or password'],
    ['https://vault.example.com/?x=1', 'query or fragment'],
    ['https://vault.example.com/#frag', 'query or fragment'],
    ['https://exa mple.com', 'whitespace'],
    ['http://[::1', 'not a valid URL'],
  ])('rejects %j with a UsageError naming the value', (input, reason) => {
    let caught: unknown;
    try {
      resolveServer(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UsageError);
    const error = caught as UsageError;
    expect(error.message).toContain(`'${input}'`);
    expect(error.message).toContain(reason);
    expect(error.hint).toContain("'us', 'eu'");
  });
});

describe('resolveServer keyword look-alikes', () => {
  it.each(['uss', 'useu', 'europe'])('rejects the bare word %j as a likely typo of a region', (input) => {
    expect(() => resolveServer(input)).toThrow(UsageError);
    expect(() => resolveServer(input)).toThrow(`invalid server '${input}'`);
  });

  it.each([
    ['https://bitwarden', 'https://bitwarden'],
    ['bitwarden:8443', 'https://bitwarden:8443'],
    ['localhost', 'https://localhost'],
  ])('accepts the single-label host %j when written as a URL, with a port, or localhost', (input, base) => {
    expect(resolveServer(input)).toMatchObject({ kind: 'self-hosted', base });
  });
});

describe('serverId / canonicalServer', () => {
  it.each([
    ['us', 'us'],
    ['EU', 'eu'],
    ['https://vault.bitwarden.com/', 'us'],
    ['Vault.Example.com/', 'https://vault.example.com'],
    ['http://localhost:8080/', 'http://localhost:8080'],
  ])('spells %j as %j', (input, id) => {
    expect(canonicalServer(input)).toBe(id);
    expect(serverId(resolveServer(input))).toBe(id);
  });
});
