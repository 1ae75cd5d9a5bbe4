/** Verifying a `SecretVerificationRequestModel` (`masterPasswordHash`, or `otp` for accounts without one). */
import { verifyServerPassword } from '../auth/password-hash.js';
import { ModelStateError } from '../errors.js';
import type { UserRecord } from '../repositories/users.js';

export async function verifySecret(
  user: UserRecord,
  secret: { masterPasswordHash?: string | null | undefined; otp?: string | null | undefined },
): Promise<boolean> {
  if (secret.masterPasswordHash != null && secret.masterPasswordHash !== '') {
    return verifyServerPassword(secret.masterPasswordHash, user.masterPassword);
  }
  // OTP verification exists only for accounts without a master password (not created by the sandbox).
  return false;
}

/** Throws 400 `{"": ["User verification failed."]}` when the secret does not verify. */
export async function requireSecret(
  user: UserRecord,
  secret: { masterPasswordHash?: string | null | undefined; otp?: string | null | undefined },
): Promise<void> {
  if (!(await verifySecret(user, secret))) throw new ModelStateError({ '': ['User verification failed.'] });
}
