/**
 * Applying an accepted license to a self-hosted organization (`Organization.UpdateFromLicense` and
 * `LicensingService.WriteLicenseToDisk`, licensing-and-selfhost.md §2.3 step 5, §2.4): every licensed
 * value (from the token's claims when there is one), `ExpirationDate = expires`, `MaxStorageGb = 10240`,
 * and the file stored PascalCase. Callers validate first (license-validation.ts).
 */
import { decodeJwt } from '../../crypto/license-signature.js';
import type { LicensedOrganizationValues } from '../repositories/licensing.js';
import type { SandboxStore } from '../store.js';
import { licenseFileText, licenseValues, parseUploadedLicense, type UploadedLicense } from './license-validation.js';

/** The claims of the license's token (already validated), or null for a legacy file. */
export function licenseClaimsOf(license: UploadedLicense): Record<string, unknown> | null {
  const token = license.fields.token;
  if (typeof token !== 'string' || token === '') return null;
  return decodeJwt(token).payload;
}

/** The organization values a (validated) license gives. */
export function licensedValues(license: UploadedLicense): LicensedOrganizationValues {
  return licenseValues(license, licenseClaimsOf(license));
}

/** Updates the organization from the license and stores the file. */
export function applyLicenseToOrganization(
  store: SandboxStore,
  organizationId: string,
  license: UploadedLicense,
  now: Date = new Date(),
): void {
  store.transaction(() => {
    store.licensing.updateLicensedValues(organizationId, licensedValues(license), now.toISOString());
    store.licensing.setLicenseFile(organizationId, licenseFileText(license));
  });
}

/** The stored license of a self-hosted organization, or null. */
export function storedLicense(store: SandboxStore, organizationId: string): UploadedLicense | null {
  const text = store.licensing.licenseFile(organizationId);
  if (text === null) return null;
  return parseUploadedLicense(text);
}
