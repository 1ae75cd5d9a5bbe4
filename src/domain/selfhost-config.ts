/**
 * Checks of a self-hosted server's `bwdata/env/global.override.env` (licensing-and-selfhost.md
 * section 6): what invitations, billing sync and the EU cloud need, each finding with its fix.
 */
import { duplicateKeys, getEnv, type EnvFile } from './env-file.js';

export type FindingLevel = 'pass' | 'warn' | 'fail';

export interface Finding {
  check: string;
  level: FindingLevel;
  message: string;
  /** What to change (a `bwmsp selfhost config set ...` line where one exists). */
  fix?: string;
}

const K = {
  installationId: 'globalSettings__installation__id',
  installationKey: 'globalSettings__installation__key',
  identityUri: 'globalSettings__installation__identityUri',
  apiUri: 'globalSettings__installation__apiUri',
  cloudRegion: 'globalSettings__baseServiceUri__cloudRegion',
  vault: 'globalSettings__baseServiceUri__vault',
  pushRelay: 'globalSettings__pushRelayBaseUri',
  cloudCommunication: 'globalSettings__enableCloudCommunication',
  smtpHost: 'globalSettings__mail__smtp__host',
  smtpPort: 'globalSettings__mail__smtp__port',
  smtpSsl: 'globalSettings__mail__smtp__ssl',
  smtpSslOverride: 'globalSettings__mail__smtp__sslOverride',
  smtpUser: 'globalSettings__mail__smtp__username',
  smtpPassword: 'globalSettings__mail__smtp__password',
  replyTo: 'globalSettings__mail__replyToEmail',
  disableRegistration: 'globalSettings__disableUserRegistration',
  enforceSso: 'globalSettings__sso__enforceSsoPolicyForAllUsers',
  hibp: 'globalSettings__hibpApiKey',
  duo: 'globalSettings__duo__aKey',
} as const;
export const ENV_KEYS = K;

/** The four values that must be set together for a region (section 6.2). */
export const REGION_VALUES: Record<'us' | 'eu', Record<string, string>> = {
  us: {
    [K.cloudRegion]: 'US',
    [K.identityUri]: 'https://identity.bitwarden.com',
    [K.apiUri]: 'https://api.bitwarden.com',
    [K.pushRelay]: 'https://push.bitwarden.com',
  },
  eu: {
    [K.cloudRegion]: 'EU',
    [K.identityUri]: 'https://identity.bitwarden.eu',
    [K.apiUri]: 'https://api.bitwarden.eu',
    [K.pushRelay]: 'https://push.bitwarden.eu',
  },
};

/** `CoreHelpers.SettingHasValue`: empty, whitespace, REPLACE and SECRET count as unset. */
export function hasValue(value: string | undefined): value is string {
  if (value === undefined) return false;
  const v = value.trim();
  return v !== '' && v.toUpperCase() !== 'REPLACE' && v.toUpperCase() !== 'SECRET';
}

function isTrue(value: string | undefined): boolean {
  return value?.trim().toLowerCase() === 'true';
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function set(key: string, value: string): string {
  return `bwmsp selfhost config set ${key}=${value}`;
}

export function checkSelfhostEnv(file: EnvFile, options: { mode?: number } = {}): Finding[] {
  const get = (key: string) => getEnv(file, key);
  const findings: Finding[] = [];
  const add = (check: string, level: FindingLevel, message: string, fix?: string) => findings.push({ check, level, message, ...(fix ? { fix } : {}) });

  for (const line of file.lines) {
    if (line.kind === 'invalid') add('syntax', 'fail', `line ${line.line} is not KEY=VALUE: ${line.raw.slice(0, 60)}`, `fix or comment out line ${line.line}`);
  }
  for (const dup of duplicateKeys(file)) add('duplicates', 'warn', `${dup.key} is set ${dup.lines.length} times (lines ${dup.lines.join(', ')}); the last one wins`, 'keep one assignment');
  if (options.mode !== undefined && (options.mode & 0o077) !== 0) {
    add('permissions', 'warn', `the file is readable by others (mode 0${(options.mode & 0o777).toString(8)}); it holds secrets`, 'chmod 600 bwdata/env/global.override.env');
  }

  const id = get(K.installationId);
  if (!hasValue(id)) add('installation', 'fail', `${K.installationId} is not set: the server will not start and licenses cannot match`, `${set(K.installationId, '<id from bitwarden.com/host>')}`);
  else if (!GUID.test(id.trim())) add('installation', 'fail', `${K.installationId} is not a GUID: ${id}`, `${set(K.installationId, '<id from bitwarden.com/host>')}`);
  else if (!hasValue(get(K.installationKey))) add('installation', 'fail', `${K.installationKey} is not set`, `${set(K.installationKey, '<key from bitwarden.com/host>')}`);
  else add('installation', 'pass', 'installation id and key are set');

  const host = get(K.smtpHost);
  if (!hasValue(host)) add('smtp', 'fail', 'SMTP is not configured: invitations and verification mails cannot be sent', `${set(K.smtpHost, 'smtp.example.com')} ${K.smtpPort}=587 ${K.replyTo}=no-reply@example.com`);
  else {
    const problems: string[] = [];
    if (!hasValue(get(K.replyTo))) problems.push(`${K.replyTo} is not set`);
    if (hasValue(get(K.smtpUser)) !== hasValue(get(K.smtpPassword))) problems.push('only one of the SMTP username and password is set (authentication needs both)');
    if (problems.length) add('smtp', 'fail', problems.join('; '), `set ${K.replyTo} and both credentials`);
    else add('smtp', 'pass', `SMTP host ${host}`);
    if (get(K.smtpPort)?.trim() === '587' && isTrue(get(K.smtpSsl)) && !isTrue(get(K.smtpSslOverride))) {
      add('smtp-tls', 'warn', 'smtp ssl=true is ignored on port 587 unless sslOverride=true', `${set(K.smtpSslOverride, 'true')} (or use startTls)`);
    }
  }

  if (isTrue(get(K.cloudCommunication))) add('cloud-communication', 'pass', 'cloud communication is on (billing sync, license sync, sponsorships)');
  else add('cloud-communication', 'fail', `${K.cloudCommunication} is not true: billing sync and license sync cannot run`, set(K.cloudCommunication, 'true'));

  const region = get(K.cloudRegion)?.trim().toUpperCase();
  const regionName = region === 'EU' ? 'eu' : region === 'US' || region === undefined || region === '' ? 'us' : undefined;
  if (regionName === undefined) add('region', 'fail', `${K.cloudRegion} is '${region}', not US or EU`, 'bwmsp selfhost config set --region us|eu');
  else {
    const expected = REGION_VALUES[regionName];
    const wrong = Object.entries(expected)
      .filter(([key]) => key !== K.cloudRegion)
      .filter(([key, value]) => {
        const actual = get(key);
        // Unset URIs default to the US cloud; that is only right for US.
        return hasValue(actual) ? actual.trim().replace(/\/+$/, '') !== value : regionName === 'eu';
      })
      .map(([key]) => key);
    if (wrong.length) add('region', 'fail', `region ${regionName.toUpperCase()} but ${wrong.join(', ')} ${wrong.length === 1 ? 'does' : 'do'} not point to the ${regionName.toUpperCase()} cloud`, `bwmsp selfhost config set --region ${regionName}`);
    else add('region', 'pass', `${regionName.toUpperCase()} cloud values are consistent`);
  }

  const vault = get(K.vault);
  if (hasValue(vault) && vault.trim().endsWith('/')) add('vault-url', 'warn', `${K.vault} ends with '/': generated links will contain '//'`, set(K.vault, vault.trim().replace(/\/+$/, '')));

  if (isTrue(get(K.disableRegistration))) add('registration', 'pass', 'open sign-up is disabled');
  else add('registration', 'warn', 'anyone who reaches the server can create an account', set(K.disableRegistration, 'true'));

  if (isTrue(get(K.enforceSso))) add('sso', 'pass', 'the Require SSO policy also applies to owners and admins');
  else add('sso', 'warn', 'the Require SSO policy exempts owners and admins', set(K.enforceSso, 'true'));

  if (!hasValue(get(K.hibp))) add('hibp', 'warn', 'no HaveIBeenPwned API key: the breach report is unavailable', set(K.hibp, '<key>'));
  if (!hasValue(get(K.duo))) add('duo', 'warn', 'no Duo application key (duo__aKey): Duo two-step login is unavailable', set(K.duo, '<64 random characters>'));
  return findings;
}
