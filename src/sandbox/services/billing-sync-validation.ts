/**
 * `OrganizationConnection.Validate<BillingSyncConfig>` (licensing-and-selfhost.md §3.3 step 1): the
 * checks a self-hosted server runs on its CloudBillingSync connection before calling the cloud, for
 * both the license sync and the sponsorship sync. Failures are 400s with the official texts.
 */
import { BadRequestError } from '../errors.js';
import type { OrganizationConnectionRecord } from '../repositories/organization-connections.js';
import { readBillingSyncConfig, type StoredBillingSyncConfig } from './billing-sync-connection.js';

export function validBillingSyncConfig(connection: OrganizationConnectionRecord): StoredBillingSyncConfig & { BillingSyncKey: string } {
  const orgId = connection.organizationId;
  if (!connection.enabled) throw new BadRequestError(`Connection disabled for organization ${orgId}`);
  if (connection.config === null) throw new BadRequestError(`No saved Connection config for organization ${orgId}`);
  const config = readBillingSyncConfig(connection.config);
  if (config === null) throw new BadRequestError(`Error parsing Connection config for organization ${orgId}`);
  if (config.BillingSyncKey === null || config.BillingSyncKey.trim() === '') throw new BadRequestError('Failed to get Billing Sync Key');
  return { ...config, BillingSyncKey: config.BillingSyncKey };
}
