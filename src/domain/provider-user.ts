/**
 * Provider users (admin-api.md §1.3): list, invite (batches of 20), reinvite, accept as the invitee,
 * confirm (the provider key RSA-wrapped to each user's public key, with fingerprint phrases), remove
 * and change role. Bulk verbs return one result per item; re-running converges (items already in the
 * wanted state come back as `skipped`).
 */
import {
  acceptProviderInvite,
  confirmProviderUsers,
  getProviderUserPublicKeys,
  inviteProviderUsers,
  listProviderUsers,
  PROVIDER_INVITE_BATCH,
  reinviteProviderUsers,
  removeProviderUsers,
  updateProviderUserType,
  type ProviderBulkResult,
  type ProviderUserResponse,
} from '../api/endpoints/provider-users.js';
import { ApiError } from '../api/errors.js';
import { encapsulateSymmetricKey, fingerprintPhraseString } from '../crypto/index.js';
import { UsageError } from '../errors.js';
import { connectAuthenticated, type ConnectionDeps } from './connection.js';
import {
  adminRefusal,
  oneAdminWarning,
  requireProviderKey,
  roleOf,
  roleTypes,
  userStatusOf,
  type ProviderContext,
  type ProviderRole,
  type ProviderUserStatus,
} from './provider.js';

export interface ProviderUserView {
  id: string;
  userId: string | null;
  email: string | null;
  name: string | null;
  role: ProviderRole | 'unknown';
  status: ProviderUserStatus | 'unknown';
}

export function providerUserView(u: ProviderUserResponse): ProviderUserView {
  return {
    id: u.id,
    userId: u.userId ?? null,
    email: u.email ? u.email.toLowerCase() : null,
    name: u.name ?? null,
    role: roleOf(u.type),
    status: userStatusOf(u.status),
  };
}

/** Status words of the portal: "Invited", "Needs confirmation", "Confirmed". */
export function userStatusWords(status: ProviderUserStatus | 'unknown'): string {
  return status === 'invited' ? 'Invited' : status === 'accepted' ? 'Accepted (needs confirmation)' : status === 'confirmed' ? 'Confirmed' : 'Unknown';
}

/** One line of a bulk verb's report. */
export interface UserResult {
  /** What the user typed (e-mail or id). */
  item: string;
  id: string | null;
  email: string | null;
  result: 'invited' | 'reinvited' | 'confirmed' | 'removed' | 'updated' | 'skipped' | 'failed';
  detail: string;
  /** Confirm only: the fingerprint phrase of the user's public key. */
  fingerprint?: string;
}

export async function listUsers(ctx: ProviderContext): Promise<ProviderUserView[]> {
  try {
    const users = await listProviderUsers(ctx.api, ctx.providerId);
    return users.map(providerUserView).sort((a, b) => (a.email ?? a.id).localeCompare(b.email ?? b.id));
  } catch (error) {
    throw adminRefusal(error, ctx, 'listing provider users');
  }
}

/** The one-admin warning after a change, or undefined (also when the list cannot be read). */
export async function adminWarningAfterChange(ctx: ProviderContext): Promise<string | undefined> {
  try {
    return oneAdminWarning(await listUsers(ctx), ctx.name);
  } catch {
    return undefined;
  }
}

const EMAIL = /^[^@\s]+@[^@\s]+$/;

/** Lower-cased, de-duplicated e-mails; a UsageError names the first invalid one. */
export function normalizeEmails(emails: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of emails) {
    const email = raw.trim().toLowerCase();
    if (!EMAIL.test(email) || email.length > 256) throw new UsageError(`'${raw}' is not an e-mail address`);
    if (!out.includes(email)) out.push(email);
  }
  return out;
}

/** Splits a list into runs of at most `size`. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function findUser(users: readonly ProviderUserView[], ref: string): ProviderUserView | undefined {
  const wanted = ref.trim().toLowerCase();
  return users.find((u) => u.id.toLowerCase() === wanted || u.email === wanted || (u.userId !== null && u.userId.toLowerCase() === wanted));
}

function serverMessage(error: unknown): string {
  if (error instanceof ApiError || (error instanceof Error && 'serverMessage' in error)) {
    const text = (error as { serverMessage?: string }).serverMessage;
    if (text) return text;
  }
  return error instanceof Error ? error.message : String(error);
}

function bulkError(results: readonly ProviderBulkResult[], id: string): string | undefined {
  const found = results.find((r) => r.id.toLowerCase() === id.toLowerCase());
  if (found === undefined) return 'the server did not report a result';
  return found.error ? found.error : undefined;
}

export async function inviteUsers(ctx: ProviderContext, emails: readonly string[], role: ProviderRole): Promise<UserResult[]> {
  const wanted = normalizeEmails(emails);
  const existing = await listUsers(ctx);
  const results: UserResult[] = [];
  const toInvite: string[] = [];
  for (const email of wanted) {
    const found = findUser(existing, email);
    if (found) results.push({ item: email, id: found.id, email, result: 'skipped', detail: `already in the provider (${found.status}, ${found.role})` });
    else toInvite.push(email);
  }
  for (const batch of batches(toInvite, PROVIDER_INVITE_BATCH)) {
    try {
      await inviteProviderUsers(ctx.api, ctx.providerId, { emails: batch, type: roleTypes[role] });
      for (const email of batch) results.push({ item: email, id: null, email, result: 'invited', detail: `invited as ${role}` });
    } catch (error) {
      const refused = adminRefusal(error, ctx, 'inviting provider users');
      if (refused !== error) throw refused;
      for (const email of batch) results.push({ item: email, id: null, email, result: 'failed', detail: serverMessage(error) });
    }
  }
  if (results.some((r) => r.result === 'invited')) {
    const after = await listUsers(ctx);
    for (const r of results) if (r.id === null && r.email) r.id = findUser(after, r.email)?.id ?? null;
  }
  return order(results, wanted);
}

function order(results: UserResult[], items: readonly string[]): UserResult[] {
  return [...results].sort((a, b) => items.indexOf(a.item) - items.indexOf(b.item));
}

export async function reinviteUsers(ctx: ProviderContext, refs: readonly string[]): Promise<UserResult[]> {
  const users = await listUsers(ctx);
  const results: UserResult[] = [];
  const targets: { ref: string; user: ProviderUserView }[] = [];
  for (const ref of refs) {
    const user = findUser(users, ref);
    if (!user) results.push({ item: ref, id: null, email: null, result: 'failed', detail: 'not a user of this provider' });
    else if (user.status !== 'invited') results.push({ item: ref, id: user.id, email: user.email, result: 'skipped', detail: `already ${user.status}` });
    else targets.push({ ref, user });
  }
  if (targets.length) {
    let answers: ProviderBulkResult[] = [];
    let failure: string | undefined;
    try {
      answers = await reinviteProviderUsers(ctx.api, ctx.providerId, targets.map((t) => t.user.id));
    } catch (error) {
      const refused = adminRefusal(error, ctx, 'reinviting provider users');
      if (refused !== error) throw refused;
      failure = serverMessage(error);
    }
    for (const { ref, user } of targets) {
      const problem = failure ?? bulkError(answers, user.id);
      results.push({ item: ref, id: user.id, email: user.email, result: problem ? 'failed' : 'reinvited', detail: problem ?? 'invitation sent again' });
    }
  }
  return order(results, refs);
}

/** As the invitee: accept with the token from the invitation mail. "Already accepted." converges. */
export async function acceptInvitation(d: ConnectionDeps, input: { providerId: string; providerUserId: string; token: string }): Promise<{ result: 'accepted' | 'skipped'; detail: string }> {
  const conn = await connectAuthenticated(d);
  try {
    await acceptProviderInvite(conn.api, input.providerId, input.providerUserId, input.token);
    return { result: 'accepted', detail: 'a provider admin must now confirm you' };
  } catch (error) {
    if (error instanceof ApiError && error.status === 400 && /already accepted/i.test(error.serverMessage ?? '')) {
      return { result: 'skipped', detail: 'the invitation was already accepted' };
    }
    throw error;
  } finally {
    await conn.api.close();
  }
}

export interface ConfirmOptions {
  refs: readonly string[];
  allAccepted: boolean;
  /** Called per user before confirming (the `--verify` question); false skips that user. */
  verify?: (user: ProviderUserView, fingerprint: string) => Promise<boolean>;
}

export async function confirmUsers(ctx: ProviderContext, options: ConfirmOptions): Promise<UserResult[]> {
  const users = await listUsers(ctx);
  const results: UserResult[] = [];
  const targets: { ref: string; user: ProviderUserView }[] = [];
  if (options.allAccepted) {
    for (const user of users.filter((u) => u.status === 'accepted')) targets.push({ ref: user.email ?? user.id, user });
  }
  for (const ref of options.refs) {
    const user = findUser(users, ref);
    if (!user) results.push({ item: ref, id: null, email: null, result: 'failed', detail: 'not a user of this provider' });
    else if (user.status === 'confirmed') results.push({ item: ref, id: user.id, email: user.email, result: 'skipped', detail: 'already confirmed' });
    else if (user.status === 'invited') results.push({ item: ref, id: user.id, email: user.email, result: 'failed', detail: 'has not accepted the invitation yet' });
    else if (!targets.some((t) => t.user.id === user.id)) targets.push({ ref, user });
  }
  if (targets.length === 0) return results;

  const providerKey = requireProviderKey(ctx);
  let keys;
  try {
    keys = await getProviderUserPublicKeys(ctx.api, ctx.providerId, targets.map((t) => t.user.id));
  } catch (error) {
    throw adminRefusal(error, ctx, 'confirming provider users');
  }
  const wrapped: { id: string; key: string }[] = [];
  const pending: { ref: string; user: ProviderUserView; fingerprint: string }[] = [];
  for (const { ref, user } of targets) {
    const entry = keys.find((k) => k.id.toLowerCase() === user.id.toLowerCase());
    const userId = entry?.userId ?? user.userId;
    if (!entry?.key || !userId) {
      results.push({ item: ref, id: user.id, email: user.email, result: 'failed', detail: 'the server returned no public key for this user' });
      continue;
    }
    const fingerprint = fingerprintPhraseString(userId.toLowerCase(), entry.key);
    if (options.verify && !(await options.verify(user, fingerprint))) {
      results.push({ item: ref, id: user.id, email: user.email, result: 'skipped', detail: 'fingerprint phrase not confirmed', fingerprint });
      continue;
    }
    wrapped.push({ id: user.id, key: encapsulateSymmetricKey(providerKey, entry.key) });
    pending.push({ ref, user, fingerprint });
  }
  if (wrapped.length) {
    let answers: ProviderBulkResult[] = [];
    let failure: string | undefined;
    try {
      answers = await confirmProviderUsers(ctx.api, ctx.providerId, wrapped);
    } catch (error) {
      const refused = adminRefusal(error, ctx, 'confirming provider users');
      if (refused !== error) throw refused;
      failure = serverMessage(error);
    }
    for (const { ref, user, fingerprint } of pending) {
      const problem = failure ?? bulkError(answers, user.id);
      results.push({ item: ref, id: user.id, email: user.email, result: problem ? 'failed' : 'confirmed', detail: problem ?? `confirmed as ${user.role}`, fingerprint });
    }
  }
  return order(results, [...targets.map((t) => t.ref), ...options.refs]);
}

export async function removeUsers(ctx: ProviderContext, refs: readonly string[]): Promise<UserResult[]> {
  const users = await listUsers(ctx);
  const results: UserResult[] = [];
  const targets: { ref: string; user: ProviderUserView }[] = [];
  for (const ref of refs) {
    const user = findUser(users, ref);
    if (!user) results.push({ item: ref, id: null, email: null, result: 'skipped', detail: 'not a user of this provider (already removed?)' });
    else if (!targets.some((t) => t.user.id === user.id)) targets.push({ ref, user });
  }
  if (targets.length) {
    let answers: ProviderBulkResult[] = [];
    let failure: string | undefined;
    try {
      answers = await removeProviderUsers(ctx.api, ctx.providerId, targets.map((t) => t.user.id));
    } catch (error) {
      const refused = adminRefusal(error, ctx, 'removing provider users');
      if (refused !== error) throw refused;
      failure = serverMessage(error);
    }
    for (const { ref, user } of targets) {
      const problem = failure ?? bulkError(answers, user.id);
      results.push({ item: ref, id: user.id, email: user.email, result: problem ? 'failed' : 'removed', detail: problem ?? 'removed from the provider' });
    }
  }
  return order(results, refs);
}

export async function setUsersRole(ctx: ProviderContext, refs: readonly string[], role: ProviderRole): Promise<UserResult[]> {
  const users = await listUsers(ctx);
  const results: UserResult[] = [];
  for (const ref of refs) {
    const user = findUser(users, ref);
    if (!user) {
      results.push({ item: ref, id: null, email: null, result: 'failed', detail: 'not a user of this provider' });
      continue;
    }
    if (user.role === role) {
      results.push({ item: ref, id: user.id, email: user.email, result: 'skipped', detail: `already ${role}` });
      continue;
    }
    try {
      await updateProviderUserType(ctx.api, ctx.providerId, user.id, roleTypes[role]);
      results.push({ item: ref, id: user.id, email: user.email, result: 'updated', detail: `${user.role} → ${role}` });
    } catch (error) {
      const refused = adminRefusal(error, ctx, 'changing provider user roles');
      if (refused !== error) throw refused;
      results.push({ item: ref, id: user.id, email: user.email, result: 'failed', detail: serverMessage(error) });
    }
  }
  return results;
}
