/**
 * The CloudBillingSync connection config (licensing-and-selfhost.md §3.2) as the self-hosted server
 * stores it: PascalCase `{BillingSyncKey, CloudOrganizationId, LastLicenseSync}`.
 */
import type { SandboxContext } from '../context.js';
import { BadRequestError } from '../errors.js';
import { storedLicense } from './license-apply.js';
import { validateLicense, validateLicenseToken } from './license-validation.js';
import { selfhostSettings } from './selfhost-settings.js';

export interface StoredBillingSyncConfig {
  BillingSyncKey: string | null;
  CloudOrganizationId: string;
  LastLicenseSync: string | null;
}

const ZERO_GUID = '00000000-0000-0000-0000-000000000000';

/** Reads a stored config (null when absent or not JSON). */
export function readBillingSyncConfig(text: string | null): StoredBillingSyncConfig | null {
  if (text === null) return null;
  try {
    const parsed = JSON.parse(text) as Partial<StoredBillingSyncConfig> | null;
    if (parsed === null || typeof parsed !== 'object') return null;
    return {
      BillingSyncKey: typeof parsed.BillingSyncKey === 'string' ? parsed.BillingSyncKey : null,
      CloudOrganizationId: typeof parsed.CloudOrganizationId === 'string' ? parsed.CloudOrganizationId : ZERO_GUID,
      LastLicenseSync: typeof parsed.LastLicenseSync === 'string' ? parsed.LastLicenseSync : null,
    };
  } catch {
    return null;
  }
}

/**
 * `LastLicenseSync` as the official server writes it: its local clock (`DateTime.Now`) serialized
 * with the offset, e.g. `2026-08-20T14:16:19.1234567+00:00`. The sandbox's local zone is UTC.
 */
export function lastLicenseSyncValue(now: Date): string {
  return now.toISOString().replace(/\.(\d{3})Z$/, '.$10000+00:00');
}

/**
 * Validates and serializes the request config of a create/update (`ValidateBillingSyncConfig`):
 * the config must bind (else "Organization Connection configuration malformed"), then
 * `CloudOrganizationId` is forced to the id of the organization's license file.
 */
export function billingSyncConnectionConfig(
  ctx: SandboxContext,
  organizationId: string,
  config: Record<string, unknown> | null,
): string {
  if (config === null) throw new BadRequestError('Organization Connection configuration malformed');
  const key = config.billingSyncKey;
  const last = config.lastLicenseSync;
  if ((key !== undefined && key !== null && typeof key !== 'string') || (last !== undefined && last !== null && (typeof last !== 'string' || Number.isNaN(Date.parse(last))))) {
    throw new BadRequestError('Organization Connection configuration malformed');
  }
  const cloudOrganizationId = verifiedLicenseId(ctx, organizationId);
  if (cloudOrganizationId === null) throw new BadRequestError('Cannot verify license file.');
  const stored: StoredBillingSyncConfig = {
    BillingSyncKey: typeof key === 'string' ? key : null,
    CloudOrganizationId: cloudOrganizationId,
    LastLicenseSync: typeof last === 'string' ? last : null,
  };
  return JSON.stringify(stored);
}

/**
 * `LicensingService.VerifyLicense` on the organization's stored file: the token (signature, issuer,
 * audience, lifetime with zero skew) when there is one, else the legacy RSA signature. The file's
 * `id` (the cloud organization) when it verifies, else null.
 */
export function verifiedLicenseId(ctx: SandboxContext, organizationId: string): string | null {
  const license = storedLicense(ctx.store, organizationId.toLowerCase());
  if (license === null) return null;
  const settings = selfhostSettings(ctx.store);
  const now = ctx.clock.now();
  const token = license.fields.token;
  const verified =
    typeof token === 'string' && token !== ''
      ? !('error' in validateLicenseToken(license, settings, now))
      : !validateLicense(license, settings, now).includes('The license verification failed.');
  const id = license.fields.id;
  return verified && typeof id === 'string' ? id.toLowerCase() : null;
}
