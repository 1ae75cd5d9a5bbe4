/**
 * The Bitwarden staff side of providers (the Admin portal's part, admin-api.md §1.2): create a
 * provider in status Pending with a Confirmed ProviderAdmin row for its owner (no provider key yet)
 * and the plans with their seat minimums, then mail the owner the setup link. Works on a store alone,
 * so `bwmsp sandbox provider-invite` can call it while the server runs (SQLite WAL allows a second
 * writer process; writes wait for each other).
 */
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { PlanType } from '../../protocol/organization.js';
import { ProviderStatusType, ProviderType, ProviderUserStatusType, ProviderUserType } from '../../protocol/provider.js';
import { loadServerSecrets } from '../auth/secrets.js';
import { systemClock, type Clock } from '../clock.js';
import { createMailer } from '../mailer.js';
import { readRuntimeInfo } from '../runtime-file.js';
import type { SandboxStore } from '../store.js';
import { createProviderPlans, DEFAULT_SEAT_MINIMUMS } from './billing.js';
import { createProviderSetupToken, sendProviderSetupMail } from './provider-invites.js';

export interface InviteProviderOwnerOptions {
  /** The owner's e-mail. The official portal requires an existing account; the sandbox also accepts an
   * address with no account yet (the owner row is linked when that account completes setup). */
  email: string;
  /** Provider name shown until the owner sets the real one at setup. */
  name?: string;
  /** Msp (default) or BusinessUnit. */
  type?: ProviderType;
  /** Seat minimums of the provider's plans (MSP: Teams Monthly and Enterprise Monthly). */
  seatMinimums?: { teams?: number; enterprise?: number };
  /** Web vault base URL for the link; default: the running sandbox's URL from its runtime file. */
  baseUrl?: string;
  clock?: Clock;
}

export interface ProviderOwnerInvitation {
  providerId: string;
  /** The setup token (also in the outbox mail). */
  token: string;
  email: string;
  setupUrl: string;
  /** True when a provider still waiting for this owner's setup got a fresh link instead of a new provider. */
  resent: boolean;
}

const FALLBACK_BASE_URL = 'https://127.0.0.1';

function vaultUrl(store: SandboxStore, baseUrl: string | undefined): string {
  if (baseUrl !== undefined) return baseUrl.replace(/\/+$/, '');
  if (store.file !== ':memory:') {
    const runtime = readRuntimeInfo(dirname(store.file));
    if (runtime !== undefined) return runtime.url;
  }
  return FALLBACK_BASE_URL;
}

function seatMinimum(value: number | undefined, fallback: number, label: string): number {
  const minimum = value ?? fallback;
  if (!Number.isInteger(minimum) || minimum < 0) throw new Error(`The ${label} seat minimum can not be negative.`);
  return minimum;
}

/** A Pending provider this e-mail's owner row is waiting to set up, if any. */
function pendingProviderFor(store: SandboxStore, email: string, userId: string | null): string | undefined {
  const memberships =
    userId === null ? [] : store.providers.listMembershipsForUser(userId, ProviderUserStatusType.Confirmed);
  const linked = memberships.find(
    (m) => m.provider.status === ProviderStatusType.Pending && m.providerUser.type === ProviderUserType.ProviderAdmin,
  );
  if (linked !== undefined) return linked.provider.id;
  return store.providerUsers.findPendingSetupByEmail(email);
}

/**
 * Creates a provider for `email` to set up (or, when one is already waiting for that owner, mails a
 * fresh setup link for it) and returns the setup token and link.
 */
export function inviteProviderOwner(store: SandboxStore, options: InviteProviderOwnerOptions): ProviderOwnerInvitation {
  const email = options.email.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new Error(`Invalid owner e-mail address: ${options.email}`);
  const type = options.type ?? ProviderType.Msp;
  if (type !== ProviderType.Msp && type !== ProviderType.BusinessUnit) {
    throw new Error('Only MSP and Business Unit providers are set up by their owner.');
  }
  const teams = seatMinimum(options.seatMinimums?.teams, DEFAULT_SEAT_MINIMUMS.teams, 'Teams');
  const enterprise = seatMinimum(options.seatMinimums?.enterprise, DEFAULT_SEAT_MINIMUMS.enterprise, 'Enterprise');
  const clock = options.clock ?? systemClock;
  const now = clock.now();
  const iso = now.toISOString();
  const owner = store.users.findByEmail(email);

  const { providerId, resent } = store.transaction(() => {
    const waiting = pendingProviderFor(store, email, owner?.id ?? null);
    if (waiting !== undefined) return { providerId: waiting, resent: true };
    const provider = store.providers.insert({
      id: randomUUID(),
      name: options.name?.trim() === '' ? null : (options.name?.trim() ?? null),
      status: ProviderStatusType.Pending,
      type,
      enabled: true,
      useEvents: true,
      creationDate: iso,
    });
    store.providers.insertUser({
      id: randomUUID(),
      providerId: provider.id,
      userId: owner?.id ?? null,
      email: owner === undefined ? email : null,
      key: null,
      status: ProviderUserStatusType.Confirmed,
      type: ProviderUserType.ProviderAdmin,
      creationDate: iso,
    });
    createProviderPlans(
      store,
      provider.id,
      type === ProviderType.Msp
        ? [
            { planType: PlanType.TeamsMonthly, seatMinimum: teams },
            { planType: PlanType.EnterpriseMonthly, seatMinimum: enterprise },
          ]
        : [{ planType: PlanType.EnterpriseMonthly, seatMinimum: enterprise }],
    );
    return { providerId: provider.id, resent: false };
  });

  const provider = store.providers.findById(providerId);
  if (provider === undefined) throw new Error('provider invitation failed');
  const token = createProviderSetupToken(loadServerSecrets(store).tokenKey, providerId, email, now);
  const mailer = createMailer({ store, clock });
  const setupUrl = sendProviderSetupMail(mailer, vaultUrl(store, options.baseUrl), provider, email, token);
  return { providerId, token, email, setupUrl, resent };
}
