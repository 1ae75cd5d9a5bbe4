/**
 * The provider object (admin-api.md §1.2): setup from the staff invitation, view (with status from
 * `/sync`, user and client counts and the one-admin warning) and edit (name, billing e-mail).
 */
import { getProvider, setupProvider, updateProvider, type ProviderResponse, type ProviderSetupRequest } from '../api/endpoints/providers.js';
import { ApiError } from '../api/errors.js';
import { encapsulateSymmetricKey, makeProviderKey } from '../crypto/index.js';
import { AuthError, UsageError } from '../errors.js';
import { listClients } from './client.js';
import { adminRefusal, oneAdminWarning, providerKindOf, type ProviderContext, type ProviderKind, type ProviderRole, type ProviderStatus } from './provider.js';
import { listUsers } from './provider-user.js';
import { htmlDecode } from './vault.js';

export interface ProviderUserCounts {
  total: number;
  confirmedAdmins: number;
  serviceUsers: number;
  invited: number;
  needsConfirmation: number;
}

export interface ProviderView {
  id: string;
  name: string;
  businessName: string | null;
  billingEmail: string | null;
  type: ProviderKind | 'unknown';
  status: ProviderStatus | 'unknown';
  enabled: boolean | null;
  role: ProviderRole | 'unknown' | null;
  creationDate: string | null;
  clients: number | null;
  /** Null for service users, who may not list provider users. */
  users: ProviderUserCounts | null;
}

export interface ProviderReport {
  view: ProviderView;
  /** The one-admin warning, for stderr. */
  warning: string | undefined;
}

function baseView(ctx: ProviderContext, p: ProviderResponse): ProviderView {
  return {
    id: p.id.toLowerCase(),
    name: htmlDecode(p.name ?? ctx.name),
    businessName: p.businessName ? htmlDecode(p.businessName) : null,
    billingEmail: p.billingEmail ?? null,
    type: providerKindOf(p.type ?? ctx.membership?.providerType),
    status: ctx.membership?.providerStatus ?? 'unknown',
    enabled: ctx.membership?.enabled ?? null,
    role: ctx.membership?.role ?? null,
    creationDate: p.creationDate ?? null,
    clients: null,
    users: null,
  };
}

export async function viewProvider(ctx: ProviderContext): Promise<ProviderReport> {
  let provider: ProviderResponse;
  try {
    provider = await getProvider(ctx.api, ctx.providerId);
  } catch (error) {
    throw adminRefusal(error, ctx, 'viewing the provider');
  }
  const view = baseView(ctx, provider);
  view.clients = await listClients(ctx).then((c) => c.length, () => null);
  let warning: string | undefined;
  if (ctx.membership?.role !== 'service-user') {
    const users = await listUsers(ctx).catch(() => undefined);
    if (users) {
      view.users = {
        total: users.length,
        confirmedAdmins: users.filter((u) => u.role === 'admin' && u.status === 'confirmed').length,
        serviceUsers: users.filter((u) => u.role === 'service-user').length,
        invited: users.filter((u) => u.status === 'invited').length,
        needsConfirmation: users.filter((u) => u.status === 'accepted').length,
      };
      warning = oneAdminWarning(users, view.name);
    }
  }
  return { view, warning };
}

export interface EditProviderInput {
  name?: string | undefined;
  billingEmail?: string | undefined;
  businessName?: string | undefined;
}

const EMAIL = /^[^@\s]+@[^@\s]+$/;

function checkName(name: string, flag: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new UsageError(`${flag} is empty`);
  if (trimmed.length > 50) throw new UsageError(`${flag} '${trimmed}' is longer than 50 characters`);
  return trimmed;
}

function checkEmail(email: string, flag: string): string {
  const trimmed = email.trim();
  if (!EMAIL.test(trimmed) || trimmed.length > 256) throw new UsageError(`${flag} '${email}' is not an e-mail address`);
  return trimmed;
}

/** `PUT /providers/{id}`: the server wants name and billing e-mail together, so unchanged ones are resent. */
export async function editProvider(ctx: ProviderContext, input: EditProviderInput): Promise<{ report: ProviderReport; result: 'updated' | 'skipped' }> {
  if (input.name === undefined && input.billingEmail === undefined && input.businessName === undefined) {
    throw new UsageError('nothing to change: pass --name, --billing-email or --business-name');
  }
  const name = input.name === undefined ? undefined : checkName(input.name, '--name');
  const billingEmail = input.billingEmail === undefined ? undefined : checkEmail(input.billingEmail, '--billing-email');
  const businessName = input.businessName === undefined ? undefined : checkName(input.businessName, '--business-name');
  let current: ProviderResponse;
  try {
    current = await getProvider(ctx.api, ctx.providerId);
  } catch (error) {
    throw adminRefusal(error, ctx, 'editing the provider');
  }
  const next = {
    name: name ?? htmlDecode(current.name ?? ''),
    billingEmail: billingEmail ?? current.billingEmail ?? '',
    businessName: businessName ?? (current.businessName ? htmlDecode(current.businessName) : null),
  };
  const unchanged =
    next.name === htmlDecode(current.name ?? '') &&
    next.billingEmail.toLowerCase() === (current.billingEmail ?? '').toLowerCase() &&
    (next.businessName ?? null) === (current.businessName ? htmlDecode(current.businessName) : null);
  if (unchanged) return { report: await viewProvider(ctx), result: 'skipped' };
  if (next.billingEmail === '') throw new UsageError('the provider has no billing e-mail yet; pass --billing-email');
  try {
    await updateProvider(ctx.api, ctx.providerId, next);
  } catch (error) {
    throw adminRefusal(error, ctx, 'editing the provider');
  }
  return { report: await viewProvider(ctx), result: 'updated' };
}

export interface SetupInput {
  token: string;
  name: string;
  billingEmail: string;
  businessName?: string | undefined;
  paymentMethod: ProviderSetupRequest['paymentMethod'];
  billingAddress: ProviderSetupRequest['billingAddress'];
}

/**
 * `POST /providers/{id}/setup` (§1.2): a new provider key, RSA-wrapped (type 4) to the caller's own
 * public key. A provider that is already set up is reported as `skipped`.
 */
export async function setupProviderFromInvite(ctx: ProviderContext, input: SetupInput): Promise<{ report: ProviderReport; result: 'set-up' | 'skipped' }> {
  const name = checkName(input.name, '--name');
  const billingEmail = checkEmail(input.billingEmail, '--billing-email');
  if (ctx.membership && ctx.membership.hasKey && ctx.membership.providerStatus !== 'pending') {
    return { report: await viewProvider(ctx), result: 'skipped' };
  }
  if (ctx.membership && ctx.membership.role !== 'admin') {
    throw new AuthError(`only the provider admin named in the invitation can set up ${ctx.name}`);
  }
  const publicKey = ctx.keys?.publicKey;
  if (!publicKey) throw new AuthError('this account has no key pair, so it cannot hold a provider key');
  const { providerKey } = makeProviderKey();
  try {
    await setupProvider(ctx.api, ctx.providerId, {
      name,
      ...(input.businessName ? { businessName: checkName(input.businessName, '--business-name') } : {}),
      billingEmail,
      token: input.token,
      key: encapsulateSymmetricKey(providerKey, publicKey),
      paymentMethod: input.paymentMethod,
      billingAddress: input.billingAddress,
    });
  } catch (error) {
    if (error instanceof ApiError && /already set ?up/i.test(error.serverMessage ?? '')) {
      return { report: await viewProvider(ctx), result: 'skipped' };
    }
    throw error;
  }
  // The new provider key and status show up in /sync; the view only needs the status word.
  if (ctx.membership) ctx.membership = { ...ctx.membership, hasKey: true, providerStatus: 'billable' };
  ctx.keys?.setProviderKey(ctx.providerId, providerKey);
  return { report: await viewProvider(ctx), result: 'set-up' };
}
