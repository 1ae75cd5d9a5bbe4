/**
 * Moving organization licenses (licensing-and-selfhost.md §1.1, §2, §7):
 * - download: `GET organizations/{id}/license?installationId=` on the cloud, for a client (provider
 *   user) or an organization the account owns;
 * - upload: a new self-hosted organization from a license file, with official-style keys: the org key
 *   RSA-wrapped to the account's public key, the collection name encrypted under it, then the org key
 *   pair via `POST organizations/{id}/keys` (as the web client does);
 * - update: a new license for an existing self-hosted organization.
 * Uploads are preflighted (§7 rows 7–11) so a doomed upload fails here with the field named.
 */
import { ApiError } from '../api/errors.js';
import type { ApiClient } from '../api/client.js';
import { multipartBody, type MultipartBody } from '../api/multipart.js';
import { listCollectionDetails } from '../api/endpoints/collections.js';
import {
  createSelfHostedOrganization,
  downloadOrganizationLicense,
  postOrganizationKeys,
  updateSelfHostedLicense,
} from '../api/endpoints/licenses.js';
import { listMembers } from '../api/endpoints/members.js';
import { encapsulateSymmetricKey, encryptString, makeOrgKeys } from '../crypto/index.js';
import { MAX_LICENSE_VERSION, MIN_LICENSE_VERSION } from '../crypto/license-data.js';
import { AuthError, InputError } from '../errors.js';
import { LICENSE_UPLOAD_MAX_BYTES, type OrganizationLicense } from '../protocol/license.js';
import { withAdminOrg, type OrgRef } from './admin-org.js';
import type { ConnectionDeps } from './connection.js';
import type { LicenseFile } from './license-file.js';
import { openVault, htmlDecode } from './vault.js';

/** The web client's file name for the upload part. */
const UPLOAD_FILE_NAME = 'bitwarden_organization_license.json';

/** 404 from a license route: the account may not act for that organization. Exit 4. */
function refused(error: unknown, what: string): never {
  if (error instanceof ApiError && error.status === 404) {
    throw new AuthError(`the server refused ${what}: organization not found or not yours (404)`, {
      hint: 'Licenses need an Owner of the organization, or a provider user for a client; check --client/--org and the profile.',
      cause: error,
    });
  }
  throw error;
}

export interface DownloadedLicense {
  organizationId: string;
  name: string;
  license: OrganizationLicense;
}

export async function downloadLicense(d: ConnectionDeps, ref: OrgRef, installationId: string): Promise<DownloadedLicense> {
  return withAdminOrg(d, ref, { key: 'none', orgApiKey: false, why: 'downloading a license needs a user login' }, async (org) => {
    const license = await downloadOrganizationLicense(org.api, org.orgId, installationId).catch((e: unknown) => refused(e, 'the license download'));
    return { organizationId: org.orgId, name: org.name, license };
  });
}

/** §7 rows 8–10 on a parsed file: what would make the self-hosted server refuse it. */
export function licenseUploadProblems(file: LicenseFile, now: Date): string[] {
  const problems: string[] = [];
  const v = file.effective;
  if (file.fields.licenseType !== 1) problems.push(`LicenseType is ${file.fields.licenseType ?? 'missing'}, not 1 (Organization)`);
  if (file.token === null && !(file.fields.version >= MIN_LICENSE_VERSION && file.fields.version <= MAX_LICENSE_VERSION)) {
    problems.push(`Version ${file.fields.version} is not supported (${MIN_LICENSE_VERSION}..${MAX_LICENSE_VERSION})`);
  }
  if (file.token !== null) {
    const t = file.token;
    if (t.issuer !== 'bitwarden') problems.push(`the token's issuer is ${t.issuer ?? 'missing'}, not bitwarden`);
    if (!t.audiences.some((a) => a.toLowerCase() === `organization:${(file.fields.id ?? '').toLowerCase()}`)) {
      problems.push(`the token's audience is not organization:${file.fields.id ?? '?'}`);
    }
    if (t.notBefore !== null && t.notBefore.getTime() > now.getTime()) problems.push(`the token is not valid before ${t.notBefore.toISOString()} (check the clocks)`);
    if (t.expiresAt === null || t.expiresAt.getTime() <= now.getTime()) problems.push('the token has expired; download a fresh license');
  }
  if (!v.selfHost) problems.push('SelfHost is false: the plan does not allow self-hosting');
  if (!v.enabled) problems.push('Enabled is false: the cloud organization is disabled');
  if (v.expires !== null && v.expires.getTime() < now.getTime()) problems.push(`the license expired on ${v.expires.toISOString()}`);
  return problems;
}

function preflight(file: LicenseFile, now: Date, body: MultipartBody): void {
  const problems = licenseUploadProblems(file, now);
  if (body.body.length > LICENSE_UPLOAD_MAX_BYTES) {
    problems.push(`the upload is ${body.body.length} bytes; a self-hosted server accepts at most ${LICENSE_UPLOAD_MAX_BYTES} bytes including the form envelope`);
  }
  if (problems.length > 0) {
    throw new InputError(`${file.source}: the self-hosted server would refuse this license: ${problems.join('; ')}`, {
      hint: 'Download a fresh license for this installation (bwmsp license download), or pass --skip-checks to let the server decide.',
    });
  }
}

const filePart = (text: string) => ({ name: 'license', value: text, filename: UPLOAD_FILE_NAME, contentType: 'application/json' });

export interface UploadedOrganization {
  id: string;
  name: string;
  plan: string | null;
  seats: number | null;
  collectionName: string | null;
  keysSet: boolean;
  tokenRefreshed: boolean;
}

export async function uploadLicense(
  d: ConnectionDeps,
  file: LicenseFile,
  text: string,
  options: { collectionName: string | null; skipChecks: boolean },
): Promise<UploadedOrganization> {
  const vault = await openVault(d);
  try {
    const publicKey = vault.keys.publicKey;
    if (!publicKey) throw new AuthError('this account has no key pair; log in to the web vault once to create it, then try again');
    const keys = makeOrgKeys();
    const body = multipartBody([
      filePart(text),
      { name: 'key', value: encapsulateSymmetricKey(keys.orgKey, publicKey) },
      ...(options.collectionName === null ? [] : [{ name: 'collectionName', value: encryptString(options.collectionName, keys.orgKey) }]),
    ]);
    if (!options.skipChecks) preflight(file, d.clock.now(), body);
    const org = await createSelfHostedOrganization(vault.conn.api, body);
    // The new owner claim is only in a token issued from now on (admin-api.md §0.2); keys need it.
    const tokenRefreshed = await vault.conn.refreshAccessToken();
    await postOrganizationKeys(vault.conn.api, org.id, { publicKey: keys.publicKey, encryptedPrivateKey: keys.encryptedPrivateKey });
    return {
      id: org.id,
      name: htmlDecode(org.name),
      plan: org.plan?.name ?? null,
      seats: org.seats ?? null,
      collectionName: options.collectionName,
      keysSet: true,
      tokenRefreshed,
    };
  } finally {
    await vault.close();
  }
}

/** Current usage the new license must cover (§2.4 `CanUseLicense`, §7 row 11): seats and collections. */
async function capacityProblems(api: ApiClient, orgId: string, file: LicenseFile): Promise<string[]> {
  const problems: string[] = [];
  const v = file.effective;
  if (v.seats !== null) {
    const occupied = (await listMembers(api, orgId)).filter((m) => m.status === 0 || m.status === 1 || m.status === 2).length;
    if (occupied > v.seats) problems.push(`the organization has ${occupied} seats filled but the license allows ${v.seats}; remove some users first`);
  }
  if (v.maxCollections !== null) {
    const collections = (await listCollectionDetails(api, orgId)).length;
    if (collections > v.maxCollections) problems.push(`the organization has ${collections} collections but the license allows ${v.maxCollections}`);
  }
  return problems;
}

export interface UpdatedLicense {
  organizationId: string;
  name: string;
  seats: number | null;
  expires: string | null;
}

export async function updateLicense(d: ConnectionDeps, orgId: string, file: LicenseFile, text: string, options: { skipChecks: boolean }): Promise<UpdatedLicense> {
  return withAdminOrg(d, { org: orgId }, { key: 'none', orgApiKey: false, why: 'updating a license needs a user login' }, async (org) => {
    const body = multipartBody([filePart(text)]);
    if (!options.skipChecks) {
      preflight(file, d.clock.now(), body);
      const problems = await capacityProblems(org.api, org.orgId, file);
      if (problems.length > 0) {
        throw new InputError(`${file.source}: the license does not cover what organization ${org.name} uses: ${problems.join('; ')}`, {
          hint: 'Download a license with enough seats/collections, or reduce usage first.',
        });
      }
    }
    await updateSelfHostedLicense(org.api, org.orgId, body).catch((e: unknown) => refused(e, 'the license update'));
    return { organizationId: org.orgId, name: org.name, seats: file.effective.seats, expires: file.effective.expires?.toISOString() ?? null };
  });
}
