/**
 * Organization connections (admin-api.md §14.5, licensing-and-selfhost.md §3.2): type 1
 * CloudBillingSync (self-hosted only, Owner) and type 2 SCIM (ManageScim: Owner, Admin, Custom with
 * manageScim, or provider user). Permission failures are 400s, as on the official server. Like the
 * official server, `config` is stored and returned with PascalCase keys; request configs are read
 * case-insensitively.
 */
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import {
  OrganizationConnectionType,
  organizationConnectionRequestSchema,
  scimConfigSchema,
  type OrganizationConnectionRequest,
  type OrganizationConnectionResponse,
} from '../../protocol/sso.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { BadRequestError, NotFoundError } from '../errors.js';
import { requireUser } from '../middleware/auth.js';
import type { OrganizationConnectionRecord } from '../repositories/organization-connections.js';
import { billingSyncConnectionConfig } from '../services/billing-sync-connection.js';
import { hasPermission, isOwner, userOrgCaller } from '../services/org-caller.js';
import { readBody } from '../services/request.js';

const ZERO_GUID = '00000000-0000-0000-0000-000000000000';

/** The enum name the official server prints in its messages (`{model.Type}`). */
const TYPE_NAMES: Readonly<Record<number, string>> = { 1: 'CloudBillingSync', 2: 'Scim' };
const typeName = (type: number): string => TYPE_NAMES[type] ?? String(type);

/** `{type}` in a route: the number or the enum name (ASP.NET binds both). */
function routeType(raw: string): number | undefined {
  const byName = Object.entries(TYPE_NAMES).find(([, name]) => name.toLowerCase() === raw.toLowerCase());
  if (byName !== undefined) return Number(byName[0]);
  const n = Number(raw);
  return Number.isInteger(n) ? n : undefined;
}

function scimConfig(config: OrganizationConnectionRequest['config']): string | null {
  if (config == null) return null;
  const parsed = scimConfigSchema.safeParse(lowerKeys(config));
  if (!parsed.success) throw new BadRequestError('Organization Connection configuration malformed');
  return JSON.stringify({
    Enabled: parsed.data.enabled ?? false,
    ScimProvider: parsed.data.scimProvider ?? null,
    InviteUsersAfterProvisioning: parsed.data.inviteUsersAfterProvisioning ?? null,
  });
}

/** camelCases the first letter of every key, so `BillingSyncKey` and `billingSyncKey` bind alike. */
function lowerKeys(config: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k.charAt(0).toLowerCase() + k.slice(1), v]));
}

function model(record: OrganizationConnectionRecord): OrganizationConnectionResponse {
  return {
    id: record.id,
    type: record.type,
    organizationId: record.organizationId,
    enabled: record.enabled,
    config: record.config === null ? null : (JSON.parse(record.config) as Record<string, unknown>),
  };
}

export function organizationConnectionRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const auth = requireUser(ctx);

  /** HasPermissionAsync: ManageScim for SCIM, OrganizationOwner for everything else; unknown org = no. */
  const permitted = (c: Context<SandboxEnv>, organizationId: string | undefined, type: number): boolean => {
    const org = organizationId === undefined ? undefined : ctx.store.organizations.findById(organizationId);
    if (org === undefined) return false;
    const caller = userOrgCaller(ctx, c, org);
    return type === OrganizationConnectionType.Scim ? hasPermission(caller, 'manageScim') : isOwner(caller);
  };

  const duplicate = (organizationId: string, type: number, except: string | null): void => {
    const existing = ctx.store.organizationConnections.findByType(organizationId, type);
    if (existing !== undefined && existing.id !== except) {
      throw new BadRequestError(
        `The requested organization already has a connection of type ${typeName(type)}. Only one of each connection type may exist per organization.`,
      );
    }
  };

  /** The stored config for a create/update, after the type's validation. */
  const configFor = (body: OrganizationConnectionRequest): string | null => {
    switch (body.type) {
      case OrganizationConnectionType.CloudBillingSync:
        if (ctx.mode !== 'selfhost') {
          throw new BadRequestError('Cannot create a CloudBillingSync connection outside of a self-hosted instance.');
        }
        return billingSyncConnectionConfig(ctx, body.organizationId, body.config ? lowerKeys(body.config) : null);
      case OrganizationConnectionType.Scim:
        return scimConfig(body.config);
      default:
        throw new BadRequestError(`Unknown Organization connection Type: ${body.type}`);
    }
  };

  app.get('/organizations/connections/:orgId/:type', auth, (c) => {
    const type = routeType(c.req.param('type'));
    if (type === undefined) throw new NotFoundError();
    const orgId = c.req.param('orgId');
    if (!permitted(c, orgId, type)) {
      throw new BadRequestError(`You do not have permission to retrieve a connection of type ${typeName(type)}.`);
    }
    if (type === OrganizationConnectionType.CloudBillingSync && ctx.mode !== 'selfhost') {
      throw new BadRequestError('Cannot get a CloudBillingSync connection outside of a self-hosted instance.');
    }
    if (type !== OrganizationConnectionType.CloudBillingSync && type !== OrganizationConnectionType.Scim) {
      throw new BadRequestError(`Unknown Organization connection Type: ${type}`);
    }
    const found = ctx.store.organizationConnections.findByType(orgId, type);
    if (found !== undefined) return c.json(model(found));
    const empty: OrganizationConnectionResponse = { id: null, type: 0, organizationId: ZERO_GUID, enabled: false, config: null };
    return c.json(empty);
  });

  app.post('/organizations/connections', auth, async (c) => {
    const body = await readBody(c, organizationConnectionRequestSchema);
    if (!permitted(c, body.organizationId, body.type)) {
      throw new BadRequestError(`You do not have permission to create a connection of type ${typeName(body.type)}.`);
    }
    const organizationId = body.organizationId.toLowerCase();
    duplicate(organizationId, body.type, null);
    const config = configFor(body);
    const saved = ctx.store.organizationConnections.insert({
      id: randomUUID(),
      organizationId,
      type: body.type,
      enabled: body.enabled ?? false,
      config,
    });
    return c.json(model(saved));
  });

  app.put('/organizations/connections/:connectionId', auth, async (c) => {
    const body = await readBody(c, organizationConnectionRequestSchema);
    const current = ctx.store.organizationConnections.findById(c.req.param('connectionId'));
    if (current === undefined || current.organizationId !== body.organizationId.toLowerCase()) throw new NotFoundError();
    if (!permitted(c, current.organizationId, current.type)) {
      throw new BadRequestError('You do not have permission to update this connection.');
    }
    if (current.type !== body.type) throw new BadRequestError('The connection type cannot be changed.');
    duplicate(current.organizationId, body.type, current.id);
    // The whole config is replaced: LastLicenseSync is lost unless it is sent again (§3.2).
    const saved = ctx.store.organizationConnections.update({ ...current, enabled: body.enabled ?? false, config: configFor(body) });
    return c.json(model(saved));
  });

  app.delete('/organizations/connections/:connectionId', auth, (c) => {
    const current = ctx.store.organizationConnections.findById(c.req.param('connectionId'));
    if (current === undefined) throw new NotFoundError();
    if (!permitted(c, current.organizationId, current.type)) {
      throw new BadRequestError(`You do not have permission to remove this connection of type ${typeName(current.type)}.`);
    }
    ctx.store.organizationConnections.delete(current.id);
    return c.body(null, 200);
  });
  return app;
}
