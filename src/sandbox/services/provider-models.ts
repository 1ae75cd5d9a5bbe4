/** Response models of the provider routes, built from store records. */
import type { ProviderBulkResponse, ProviderUserResponse, ProviderUserUserDetailsResponse } from '../../protocol/provider-user.js';
import type {
  ProviderOrganizationOrganizationDetailsResponse,
  ProviderOrganizationResponse,
} from '../../protocol/provider-client.js';
import type { ProviderResponse } from '../../protocol/provider.js';
import type { ProviderOrganizationDetails } from '../repositories/provider-organizations.js';
import type { ProviderUserDetails } from '../repositories/provider-users.js';
import type { ProviderOrganizationRecord, ProviderRecord, ProviderUserRecord } from '../repositories/providers.js';
import { parsePermissions } from './models.js';

export function providerModel(provider: ProviderRecord): ProviderResponse {
  return {
    object: 'provider',
    id: provider.id,
    name: provider.name === '' ? null : provider.name,
    businessName: provider.businessName,
    businessAddress1: provider.businessAddress1,
    businessAddress2: provider.businessAddress2,
    businessAddress3: provider.businessAddress3,
    businessCountry: provider.businessCountry,
    businessTaxNumber: provider.businessTaxNumber,
    billingEmail: provider.billingEmail,
    creationDate: provider.creationDate,
    type: provider.type,
  };
}

/** `providerUser`: `permissions` is null unless some were stored (providers do not use them). */
export function providerUserModel(row: ProviderUserRecord, object = 'providerUser'): ProviderUserResponse {
  return {
    object,
    id: row.id,
    userId: row.userId,
    type: row.type,
    status: row.status,
    permissions: row.permissions === null ? null : parsePermissions(row.permissions),
  };
}

export function providerUserDetailsModel(row: ProviderUserDetails): ProviderUserUserDetailsResponse {
  return {
    ...providerUserModel(row, 'providerUserUserDetails'),
    object: 'providerUserUserDetails',
    name: row.name,
    email: row.accountEmail,
  };
}

export function providerBulkModel(id: string, error: string): ProviderBulkResponse {
  return { object: 'providerBulkConfirmResponseModel', id, error };
}

export function providerOrganizationModel(link: ProviderOrganizationRecord): ProviderOrganizationResponse {
  return {
    object: 'providerOrganization',
    id: link.id,
    providerId: link.providerId,
    organizationId: link.organizationId,
    key: link.key,
    settings: link.settings,
    creationDate: link.creationDate,
    revisionDate: link.revisionDate,
  };
}

export function providerOrganizationDetailsModel(
  client: ProviderOrganizationDetails,
): ProviderOrganizationOrganizationDetailsResponse {
  return {
    ...providerOrganizationModel(client),
    object: 'providerOrganizationOrganizationDetail',
    organizationName: client.organizationName === '' ? null : client.organizationName,
    userCount: client.userCount,
    seats: client.seats,
    occupiedSeats: client.occupiedSeats,
    remainingSeats: client.seats === null ? null : client.seats - client.occupiedSeats,
    plan: client.plan,
  };
}
