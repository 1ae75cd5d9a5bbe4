/**
 * Provider invitations by mail: the provider setup link Bitwarden staff send to a new provider's
 * owner, and the invitation of a provider user. Each token is bound to the invited e-mail and the
 * provider (or provider user) and lives `OrganizationInviteExpirationHours` (120 h), like the official
 * data-protected "ProviderSetupInvite" / "ProviderUserInvite" tokens. The mails land in the outbox
 * with the token parsed out.
 */
import { createSignedToken, readSignedToken } from '../auth/signed-token.js';
import type { SandboxContext } from '../context.js';
import type { Mailer } from '../mailer.js';
import type { ProviderRecord, ProviderUserRecord } from '../repositories/providers.js';

const SETUP_PURPOSE = 'provider-setup-invite';
const USER_INVITE_PURPOSE = 'provider-user-invite';
const INVITE_LIFETIME_MS = 120 * 60 * 60 * 1000;

/** The provider's display name (`Provider.DisplayName()`): its name, or "" before setup. */
export function providerDisplayName(provider: ProviderRecord): string {
  return provider.name ?? '';
}

export function createProviderSetupToken(tokenKey: Buffer, providerId: string, email: string, now: Date): string {
  return createSignedToken(
    tokenKey,
    SETUP_PURPOSE,
    { pid: providerId.toLowerCase(), email: email.trim().toLowerCase() },
    new Date(now.getTime() + INVITE_LIFETIME_MS),
  );
}

/** True when `token` is a current setup token for this provider and e-mail (case-insensitive). */
export function providerSetupTokenValid(
  tokenKey: Buffer,
  token: string,
  providerId: string,
  email: string,
  now: Date,
): boolean {
  const payload = readSignedToken(tokenKey, SETUP_PURPOSE, token, now);
  return payload !== null && payload.pid === providerId.toLowerCase() && payload.email === email.trim().toLowerCase();
}

/** Sends the "Create a Provider" mail; returns the setup link. */
export function sendProviderSetupMail(
  mailer: Mailer,
  vaultUrl: string,
  provider: ProviderRecord,
  email: string,
  token: string,
): string {
  const query = new URLSearchParams({ providerId: provider.id, email, token });
  const link = `${vaultUrl}/#/providers/setup-provider?${query.toString()}`;
  mailer.send({
    to: email,
    subject: 'Create a Provider',
    template: 'provider-setup-invite',
    text: `You have been invited to set up a new provider in Bitwarden.\n\n${link}\n\nThis link expires in 5 days.\n`,
    token,
    data: { providerId: provider.id, email, link },
  });
  return link;
}

/** Sends (or re-sends) a provider user's invitation with a fresh token. */
export function sendProviderUserInviteMail(
  ctx: SandboxContext,
  provider: ProviderRecord,
  providerUser: ProviderUserRecord,
): void {
  const email = providerUser.email;
  if (email === null) return;
  const token = createSignedToken(
    ctx.secrets.tokenKey,
    USER_INVITE_PURPOSE,
    { puid: providerUser.id, email: email.toLowerCase() },
    new Date(ctx.clock.now().getTime() + INVITE_LIFETIME_MS),
  );
  const providerName = providerDisplayName(provider);
  const query = new URLSearchParams({
    providerId: provider.id,
    providerUserId: providerUser.id,
    email,
    providerName,
    token,
  });
  const link = `${ctx.baseUrl()}/#/providers/accept-provider?${query.toString()}`;
  ctx.mailer.send({
    to: email,
    subject: `Join ${providerName}`,
    template: 'provider-user-invite',
    text: `You have been invited to join the ${providerName} provider.\n\n${link}\n\nThis invitation expires in 5 days.\n`,
    token,
    data: { providerId: provider.id, providerUserId: providerUser.id, providerName, email, link },
  });
}

/** True when `token` is a current invitation for this provider user, issued to `email` (case-insensitive). */
export function providerUserInviteTokenValid(
  ctx: SandboxContext,
  token: string,
  providerUserId: string,
  email: string,
): boolean {
  const payload = readSignedToken(ctx.secrets.tokenKey, USER_INVITE_PURPOSE, token, ctx.clock.now());
  return payload !== null && payload.puid === providerUserId.toLowerCase() && payload.email === email.toLowerCase();
}

/** "You Have Been Confirmed To {provider}" / "You Have Been Removed from {provider}". */
export function sendProviderUserNotice(
  ctx: SandboxContext,
  provider: ProviderRecord,
  email: string,
  kind: 'confirmed' | 'removed',
): void {
  const name = providerDisplayName(provider);
  ctx.mailer.send({
    to: email,
    subject: kind === 'confirmed' ? `You Have Been Confirmed To ${name}` : `You Have Been Removed from ${name}`,
    template: kind === 'confirmed' ? 'provider-user-confirmed' : 'provider-user-removed',
    text:
      kind === 'confirmed'
        ? `You have been confirmed to the ${name} provider. Log in to manage its client organizations.\n`
        : `You have been removed from the ${name} provider.\n`,
    data: { providerId: provider.id, providerName: name },
  });
}
