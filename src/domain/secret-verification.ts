/**
 * The SecretVerification body (admin-api.md §3.3): the server-side authentication hash of the
 * acting user's master password, derived with the session's KDF and salt exactly as at login
 * (auth-and-crypto.md §3.3-3.4). The password is checked locally first, against the protected
 * user key in the session, so a typo fails with "wrong master password" before anything is sent.
 */
import type { Session } from '../config/session-store.js';
import { CryptoError, deriveMasterKey, hashMasterPassword, normalizeEmailSalt, unlockUserKeyWithMasterKey } from '../crypto/index.js';
import { AuthError, UsageError } from '../errors.js';

export interface SecretVerification {
  masterPasswordHash: string;
}

export async function masterPasswordVerification(session: Session, password: string): Promise<SecretVerification> {
  if (session.authMethod === 'org-apikey') throw new UsageError('an organization API key session has no master password; log in as a user');
  if (!session.kdf) throw new AuthError('this session holds no KDF settings; log in again');
  const salt = session.salt ?? (session.email ? normalizeEmailSalt(session.email) : undefined);
  if (!salt) throw new AuthError('this session holds no e-mail or salt; log in again');
  const masterKey = await deriveMasterKey(password, salt, session.kdf);
  if (session.protectedUserKey) {
    try {
      unlockUserKeyWithMasterKey(masterKey, session.protectedUserKey);
    } catch (error) {
      if (error instanceof CryptoError) throw new AuthError('wrong master password', { hint: '' });
      throw error;
    }
  }
  return { masterPasswordHash: hashMasterPassword(masterKey, password) };
}
