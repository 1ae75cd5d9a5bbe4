/**
 * Redaction for `--debug` HTTP traces and error messages. Anything secret becomes "[REDACTED]":
 * the `Authorization` header, values under secret keys (case-insensitive, exact key names) in JSON
 * bodies, forms and query strings, and EncStrings / JWTs wherever they appear.
 */

export const REDACTED = '[REDACTED]';

/** Keys whose values are always secret, in requests and responses alike. */
export const SECRET_KEYS: readonly string[] = [
  'access_token',
  'refresh_token',
  'id_token',
  'password',
  'masterPasswordHash',
  'newMasterPasswordHash',
  'key',
  'keys',
  'privateKey',
  'encryptedPrivateKey',
  'client_secret',
  'clientSecret',
  'apiKey',
  'token',
  'twoFactorToken',
  'code',
  'sessionKey',
  'secret',
  'signature',
  // Not in the original list, but as secret: license/billing-sync credentials, OTPs, session tokens.
  'licenseKey',
  'billingSyncKey',
  'installationKey',
  'newDeviceOtp',
  'otp',
  'accessCode',
  'ssoEmail2faSessionToken',
  // Vault item fields (EncStrings already, redacted by pattern too).
  'totp',
  // Registration (`register/finish`) and invitation tokens, found by the e2e secret audit.
  'masterPasswordAuthenticationHash',
  'emailVerificationToken',
  'orgInviteToken',
  'providerInviteToken',
  'orgSponsoredFreeFamilyPlanToken',
  'acceptEmergencyAccessInviteToken',
  'authRequestAccessCode',
  'resetPasswordKey',
  'userSymmetricKey',
  'masterKeyWrappedUserKey',
  'masterKeyEncryptedUserKey',
  'paymentToken',
  'captchaBypassToken',
  'recoveryCode',
];

/** Headers whose values are secret. */
export const SECRET_HEADERS: readonly string[] = ['authorization', 'cookie', 'set-cookie', 'proxy-authorization'];

const SECRET_KEY_SET = new Set(SECRET_KEYS.map((key) => key.toLowerCase()));
const SECRET_HEADER_SET = new Set(SECRET_HEADERS);

/** A whole value that is an EncString (`2.iv|ct|mac`, `4.b64`, …). */
export const ENC_STRING_PATTERN = /^[0-7]\.[A-Za-z0-9+/=|]+$/;
/** A whole value that is a JWT. */
const JWT_PATTERN = /^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
/** EncStrings and JWTs inside free text (minimum lengths keep version numbers like `2.0` readable). */
const ENC_STRING_IN_TEXT = /(?<![A-Za-z0-9+/=|.])[0-7]\.[A-Za-z0-9+/=]{16,}(?:\|[A-Za-z0-9+/=]+)*/g;
const JWT_IN_TEXT = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g;
const BEARER_IN_TEXT = /(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY_SET.has(key.toLowerCase());
}

export function isSecretValue(value: string): boolean {
  return ENC_STRING_PATTERN.test(value) || JWT_PATTERN.test(value);
}

/** Deep copy of a JSON value with secrets replaced. */
export function redactJson(value: unknown): unknown {
  if (typeof value === 'string') return isSecretValue(value) ? REDACTED : value;
  if (Array.isArray(value)) return value.map((item) => redactJson(item));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = isSecretKey(key) && inner !== null && inner !== undefined ? REDACTED : redactJson(inner);
    }
    return out;
  }
  return value;
}

/** A form (`application/x-www-form-urlencoded`) as a plain object with secrets replaced. */
export function redactForm(form: Readonly<Record<string, string>> | URLSearchParams): Record<string, string> {
  const entries = form instanceof URLSearchParams ? [...form.entries()] : Object.entries(form);
  const out: Record<string, string> = {};
  for (const [key, value] of entries) {
    out[key] = isSecretKey(key) || isSecretValue(value) ? REDACTED : scrubText(value);
  }
  return out;
}

export function redactHeaders(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    if (!SECRET_HEADER_SET.has(name.toLowerCase())) {
      out[name] = scrubText(text);
    } else if (name.toLowerCase() === 'authorization' && /^bearer\s/i.test(text)) {
      out[name] = `Bearer ${REDACTED}`;
    } else {
      out[name] = REDACTED;
    }
  }
  return out;
}

/** A URL with secret query parameters replaced (the rest kept as is). */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return scrubText(url);
  }
  if (parsed.search === '') return url;
  let changed = false;
  for (const [key, value] of [...parsed.searchParams.entries()]) {
    if (isSecretKey(key) || isSecretValue(value)) {
      parsed.searchParams.set(key, REDACTED);
      changed = true;
    }
  }
  return changed ? parsed.toString().replaceAll(encodeURIComponent(REDACTED), REDACTED) : url;
}

/** Free text: replace embedded EncStrings, JWTs and bearer tokens. */
export function scrubText(text: string): string {
  return text
    .replace(BEARER_IN_TEXT, `$1${REDACTED}`)
    .replace(JWT_IN_TEXT, REDACTED)
    .replace(ENC_STRING_IN_TEXT, REDACTED);
}

/**
 * A raw body (request or response) for the trace: JSON is parsed and redacted, forms likewise,
 * anything else scrubbed as text. A body that is one bare JSON string is a token (the official
 * `register/send-verification-email` answers with the e-mail verification token alone) and is
 * redacted whole. The result is truncated to `maxBytes` (default 2 KB).
 */
export function redactBodyText(text: string, contentType: string | undefined, maxBytes = 2048): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  let rendered: string;
  if (/json/i.test(contentType ?? '') || /^[[{]/.test(trimmed)) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      rendered = JSON.stringify(typeof parsed === 'string' ? REDACTED : redactJson(parsed));
    } catch {
      rendered = scrubText(trimmed);
    }
  } else if (/x-www-form-urlencoded/i.test(contentType ?? '')) {
    rendered = JSON.stringify(redactForm(new URLSearchParams(trimmed)));
  } else {
    rendered = scrubText(trimmed);
  }
  return truncateUtf8(rendered, maxBytes);
}

/** Cut `text` to at most `maxBytes` UTF-8 bytes, saying how much was left out. */
export function truncateUtf8(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  // Decoding a cut buffer may end in a partial character; drop the replacement char it produces.
  const head = bytes.subarray(0, maxBytes).toString('utf8').replace(/\uFFFD$/, '');
  return `${head}… [${bytes.length - maxBytes} more bytes]`;
}
