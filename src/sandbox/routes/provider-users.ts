/**
 * Provider users (admin-api.md §1.3, `/providers/{providerId}/users`): every route needs a
 * ProviderAdmin except accept, which any logged-in account may call with the token of its invitation.
 *
 * As on the official server, the single-item confirm, reinvite and delete routes discard the per-item
 * outcome (200 even when the item was refused); the bulk routes report it in `error`. Removing users
 * so that no confirmed ProviderAdmin would remain refuses the whole request.
 */
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { EventType } from '../../protocol/event.js';
import {
  providerUserAcceptRequestSchema,
  providerUserBulkConfirmRequestSchema,
  providerUserBulkRequestSchema,
  providerUserConfirmRequestSchema,
  providerUserInviteRequestSchema,
  providerUserUpdateRequestSchema,
  type ProviderBulkResponse,
} from '../../protocol/provider-user.js';
import { ProviderUserStatusType, ProviderUserType } from '../../protocol/provider.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { BadRequestError, NotFoundError } from '../errors.js';
import { currentUser, requireUser } from '../middleware/auth.js';
import type { ProviderRecord, ProviderUserRecord } from '../repositories/providers.js';
import type { UserRecord } from '../repositories/users.js';
import { requireProviderAdmin } from '../services/provider-authz.js';
import { logProviderUserEvents, providerActor, type ProviderActor } from '../services/provider-events.js';
import {
  providerUserInviteTokenValid,
  sendProviderUserInviteMail,
  sendProviderUserNotice,
} from '../services/provider-invites.js';
import { guidParam, param, PROVIDER_PATH, providerOr404 } from '../services/provider-lookup.js';
import {
  providerBulkModel,
  providerUserDetailsModel,
  providerUserModel,
} from '../services/provider-models.js';
import { readBody } from '../services/request.js';

const USERS = `${PROVIDER_PATH}/users`;
const USER = `${USERS}/${guidParam('id')}`;

const NO_CONFIRMED_ADMIN = 'Provider must have at least one confirmed ProviderAdmin.';

interface Outcome {
  id: string;
  error: string;
}

function list(data: readonly ProviderBulkResponse[]) {
  return { object: 'list', data, continuationToken: null };
}

/** `ResendInvitesAsync`: only Invited rows of this provider get a new mail. */
function reinvite(ctx: SandboxContext, provider: ProviderRecord, ids: readonly string[]): Outcome[] {
  return ctx.store.providerUsers.findMany(ids).map((row) => {
    if (row.status !== ProviderUserStatusType.Invited || row.providerId !== provider.id) {
      return { id: row.id, error: 'User invalid.' };
    }
    sendProviderUserInviteMail(ctx, provider, row);
    return { id: row.id, error: '' };
  });
}

/**
 * `ConfirmUsersAsync`: Accepted rows of this provider become Confirmed with their wrapped provider key.
 * Rows not linked to an account yet are left out of the result, as on the official server.
 */
function confirm(
  ctx: SandboxContext,
  provider: ProviderRecord,
  keys: ReadonlyMap<string, string>,
  actor: ProviderActor,
): Outcome[] {
  const rows = ctx.store.providerUsers.findMany([...keys.keys()]).filter((row) => row.userId !== null);
  const outcomes: Outcome[] = [];
  const confirmed: { row: ProviderUserRecord; account: UserRecord }[] = [];
  const iso = ctx.clock.now().toISOString();
  ctx.store.transaction(() => {
    for (const row of rows) {
      const account = row.userId === null ? undefined : ctx.store.users.findById(row.userId);
      if (account === undefined) continue;
      if (row.status !== ProviderUserStatusType.Accepted || row.providerId !== provider.id) {
        outcomes.push({ id: row.id, error: 'Invalid user.' });
        continue;
      }
      const updated = ctx.store.providerUsers.update(
        row.id,
        { status: ProviderUserStatusType.Confirmed, key: keys.get(row.id) ?? null, email: null },
        iso,
      );
      confirmed.push({ row: updated, account });
      outcomes.push({ id: row.id, error: '' });
    }
    logProviderUserEvents(
      ctx,
      confirmed.map(({ row }) => ({ providerUser: row, type: EventType.ProviderUser_Confirmed })),
      actor,
    );
    ctx.store.users.touchAccountRevision(
      confirmed.map(({ account }) => account.id),
      iso,
    );
  });
  for (const { account } of confirmed) sendProviderUserNotice(ctx, provider, account.email, 'confirmed');
  return outcomes;
}

/** `DeleteUsersAsync`: refuses the request when no confirmed ProviderAdmin would remain. */
function remove(
  ctx: SandboxContext,
  provider: ProviderRecord,
  ids: readonly string[],
  caller: UserRecord,
  actor: ProviderActor,
): Outcome[] {
  const rows = ctx.store.providerUsers.findMany(ids);
  if (ctx.store.providerUsers.countConfirmedAdminsExcept(provider.id, ids) === 0) {
    throw new BadRequestError(NO_CONFIRMED_ADMIN);
  }
  const outcomes: Outcome[] = [];
  const removed: { row: ProviderUserRecord; email: string | null }[] = [];
  ctx.store.transaction(() => {
    for (const row of rows) {
      if (row.providerId !== provider.id) {
        outcomes.push({ id: row.id, error: 'Invalid user.' });
        continue;
      }
      if (row.userId === caller.id) {
        outcomes.push({ id: row.id, error: 'You cannot remove yourself.' });
        continue;
      }
      const account = row.userId === null ? undefined : ctx.store.users.findById(row.userId);
      removed.push({ row, email: account?.email ?? row.email });
      outcomes.push({ id: row.id, error: '' });
    }
    logProviderUserEvents(
      ctx,
      removed.map(({ row }) => ({ providerUser: row, type: EventType.ProviderUser_Removed })),
      actor,
    );
    ctx.store.providerUsers.deleteMany(removed.map(({ row }) => row.id));
    const iso = ctx.clock.now().toISOString();
    ctx.store.users.touchAccountRevision(
      removed.flatMap(({ row }) => (row.userId === null ? [] : [row.userId])),
      iso,
    );
  });
  for (const { email } of removed) {
    if (email !== null && email.trim() !== '') sendProviderUserNotice(ctx, provider, email, 'removed');
  }
  return outcomes;
}

export function providerUserRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const auth = requireUser(ctx);

  /** ProviderAdmin of the route's provider, then the provider (404 when gone). */
  function adminProvider(c: Context<SandboxEnv>): ProviderRecord {
    const providerId = param(c, 'providerId');
    requireProviderAdmin(ctx, c, providerId);
    return providerOr404(ctx, providerId);
  }

  /** A provider user of the route's provider (404 otherwise). */
  function routeUser(c: Context<SandboxEnv>, provider: ProviderRecord): ProviderUserRecord {
    const row = ctx.store.providers.findUser(param(c, 'id'));
    if (row === undefined || row.providerId !== provider.id) throw new NotFoundError();
    return row;
  }

  app.get(USERS, auth, (c) => {
    const provider = adminProvider(c);
    const data = ctx.store.providerUsers.listDetails(provider.id).map(providerUserDetailsModel);
    return c.json({ object: 'list', data, continuationToken: null });
  });

  app.get(USER, auth, (c) => {
    const provider = adminProvider(c);
    return c.json(providerUserModel(routeUser(c, provider)));
  });

  app.post(`${USERS}/invite`, auth, async (c) => {
    const providerId = param(c, 'providerId');
    requireProviderAdmin(ctx, c, providerId);
    const body = await readBody(c, providerUserInviteRequestSchema);
    const provider = providerOr404(ctx, providerId);
    const iso = ctx.clock.now().toISOString();
    const created = ctx.store.transaction(() => {
      const rows: ProviderUserRecord[] = [];
      for (const raw of body.emails) {
        const email = raw.trim().toLowerCase();
        // already invited, or already a user of this provider: skipped silently
        if (ctx.store.providerUsers.countByEmail(provider.id, email) > 0) continue;
        rows.push(
          ctx.store.providers.insertUser({
            id: randomUUID(),
            providerId: provider.id,
            userId: null,
            email,
            key: null,
            status: ProviderUserStatusType.Invited,
            type: body.type,
            creationDate: iso,
          }),
        );
      }
      logProviderUserEvents(
        ctx,
        rows.map((row) => ({ providerUser: row, type: EventType.ProviderUser_Invited })),
        providerActor(c, currentUser(c).id),
      );
      return rows;
    });
    for (const row of created) sendProviderUserInviteMail(ctx, provider, row);
    return c.body(null, 200);
  });

  app.post(`${USERS}/reinvite`, auth, async (c) => {
    const provider = adminProvider(c);
    const body = await readBody(c, providerUserBulkRequestSchema);
    return c.json(list(reinvite(ctx, provider, body.ids).map((o) => providerBulkModel(o.id, o.error))));
  });

  app.post(`${USER}/reinvite`, auth, (c) => {
    const provider = adminProvider(c);
    reinvite(ctx, provider, [param(c, 'id')]);
    return c.body(null, 200);
  });

  // any logged-in account: the invitation's token must have been issued to the caller's e-mail
  app.post(`${USER}/accept`, auth, async (c) => {
    const user = currentUser(c);
    const body = await readBody(c, providerUserAcceptRequestSchema);
    const row = ctx.store.providers.findUser(param(c, 'id'));
    if (row === undefined) throw new BadRequestError('User invalid.');
    if (row.status !== ProviderUserStatusType.Invited) throw new BadRequestError('Already accepted.');
    if (!providerUserInviteTokenValid(ctx, body.token, row.id, user.email)) throw new BadRequestError('Invalid token.');
    if (row.email === null || row.email.trim().toLowerCase() !== user.email.toLowerCase()) {
      throw new BadRequestError('User email does not match invite.');
    }
    if (ctx.store.providers.findUserByAccount(row.providerId, user.id) !== undefined) {
      throw new BadRequestError('User invalid.');
    }
    const iso = ctx.clock.now().toISOString();
    ctx.store.providerUsers.update(row.id, { status: ProviderUserStatusType.Accepted, userId: user.id, email: null }, iso);
    return c.body(null, 200);
  });

  app.post(`${USERS}/public-keys`, auth, async (c) => {
    const providerId = param(c, 'providerId');
    requireProviderAdmin(ctx, c, providerId);
    const body = await readBody(c, providerUserBulkRequestSchema);
    const data = ctx.store.providerUsers.listPublicKeys(providerId, body.ids).map((row) => ({
      object: 'providerUserPublicKeyResponseModel',
      id: row.id,
      userId: row.userId,
      key: row.publicKey,
    }));
    return c.json({ object: 'list', data, continuationToken: null });
  });

  app.post(`${USER}/confirm`, auth, async (c) => {
    const provider = adminProvider(c);
    const body = await readBody(c, providerUserConfirmRequestSchema);
    confirm(ctx, provider, new Map([[param(c, 'id'), body.key]]), providerActor(c, currentUser(c).id));
    return c.body(null, 200);
  });

  app.post(`${USERS}/confirm`, auth, async (c) => {
    const provider = adminProvider(c);
    const body = await readBody(c, providerUserBulkConfirmRequestSchema);
    const keys = new Map(body.keys.map((entry) => [entry.id.toLowerCase(), entry.key]));
    const outcomes = confirm(ctx, provider, keys, providerActor(c, currentUser(c).id));
    return c.json(list(outcomes.map((o) => providerBulkModel(o.id, o.error))));
  });

  const updateType = async (c: Context<SandboxEnv>): Promise<Response> => {
    const provider = adminProvider(c);
    const body = await readBody(c, providerUserUpdateRequestSchema);
    const row = routeUser(c, provider);
    if (
      body.type !== ProviderUserType.ProviderAdmin &&
      ctx.store.providerUsers.countConfirmedAdminsExcept(provider.id, [row.id]) === 0
    ) {
      throw new BadRequestError(NO_CONFIRMED_ADMIN);
    }
    const iso = ctx.clock.now().toISOString();
    ctx.store.transaction(() => {
      const updated = ctx.store.providerUsers.update(row.id, { type: body.type }, iso);
      logProviderUserEvents(
        ctx,
        [{ providerUser: updated, type: EventType.ProviderUser_Updated }],
        providerActor(c, currentUser(c).id),
      );
      if (updated.userId !== null) ctx.store.users.touchAccountRevision([updated.userId], iso);
    });
    return c.body(null, 200);
  };
  app.put(USER, auth, updateType);
  app.post(USER, auth, updateType);

  const deleteOne = (c: Context<SandboxEnv>): Response => {
    const provider = adminProvider(c);
    remove(ctx, provider, [param(c, 'id')], currentUser(c), providerActor(c, currentUser(c).id));
    return c.body(null, 200);
  };
  app.delete(USER, auth, deleteOne);
  app.post(`${USER}/delete`, auth, deleteOne);

  const deleteMany = async (c: Context<SandboxEnv>): Promise<Response> => {
    const provider = adminProvider(c);
    const body = await readBody(c, providerUserBulkRequestSchema);
    const ids = body.ids.map((id) => id.toLowerCase());
    const outcomes = remove(ctx, provider, ids, currentUser(c), providerActor(c, currentUser(c).id));
    return c.json(list(outcomes.map((o) => providerBulkModel(o.id, o.error))));
  };
  app.delete(USERS, auth, deleteMany);
  app.post(`${USERS}/delete`, auth, deleteMany);

  return app;
}
