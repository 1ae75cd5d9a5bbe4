/**
 * Organization connections (admin-api.md §14.5): the SCIM connection (type 2). ManageScim
 * (Owner, Admin, Custom with manageScim, or provider user), else 400. The sandbox supports type 2
 * only. Like the official server, `config` is stored and returned with PascalCase keys.
 */
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import {
  OrganizationConnectionType,
  organizationConnectionRequestSchema,
  type OrganizationConnectionRequest,
  type OrganizationConnectionResponse,
} from '../../protocol/sso.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { BadRequestError, NotFoundError } from '../errors.js';
import { requireUser } from '../middleware/auth.js';
import type { OrganizationConnectionRecord } from '../repositories/organization-connections.js';
import { hasPermission, userOrgCaller, type OrgCaller } from '../services/org-caller.js';
import { readBody } from '../services/request.js';

const ZERO_GUID = '00000000-0000-0000-0000-000000000000';

function pascalConfig(config: OrganizationConnectionRequest['config']): string | null {
  if (config == null) return null;
  return JSON.stringify({
    Enabled: config.enabled ?? false,
    ScimProvider: config.scimProvider ?? null,
    InviteUsersAfterProvisioning: config.inviteUsersAfterProvisioning ?? null,
  });
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

  /** ManageScim on `organizationId`; an unknown organization or a missing right is a 400. */
  const manager = (c: Context<SandboxEnv>, organizationId: string | undefined): OrgCaller => {
    const org = organizationId === undefined ? undefined : ctx.store.organizations.findById(organizationId);
    const caller = org === undefined ? undefined : userOrgCaller(ctx, c, org);
    if (caller === undefined || !hasPermission(caller, 'manageScim')) {
      throw new BadRequestError('You do not have permission to manage this connection.');
    }
    return caller;
  };
  const supported = (type: number): void => {
    if (type !== OrganizationConnectionType.Scim) throw new BadRequestError('Unsupported connection type.');
  };

  app.get('/organizations/connections/:orgId/:type', auth, (c) => {
    const caller = manager(c, c.req.param('orgId'));
    const type = Number(c.req.param('type'));
    const found = Number.isInteger(type)
      ? ctx.store.organizationConnections.findByType(caller.organization.id, type)
      : undefined;
    if (found !== undefined) return c.json(model(found));
    const empty: OrganizationConnectionResponse = { id: null, type: 0, organizationId: ZERO_GUID, enabled: false, config: null };
    return c.json(empty);
  });

  app.post('/organizations/connections', auth, async (c) => {
    const body = await readBody(c, organizationConnectionRequestSchema);
    const caller = manager(c, body.organizationId);
    supported(body.type);
    if (ctx.store.organizationConnections.findByType(caller.organization.id, body.type) !== undefined) {
      throw new BadRequestError(
        'Connection already exists. Only one of each connection type may exist per organization.',
      );
    }
    const saved = ctx.store.organizationConnections.insert({
      id: randomUUID(),
      organizationId: caller.organization.id,
      type: body.type,
      enabled: body.enabled ?? false,
      config: pascalConfig(body.config),
    });
    return c.json(model(saved));
  });

  app.put('/organizations/connections/:connectionId', auth, async (c) => {
    const body = await readBody(c, organizationConnectionRequestSchema);
    const caller = manager(c, body.organizationId);
    const current = ctx.store.organizationConnections.findById(c.req.param('connectionId'));
    if (current === undefined || current.organizationId !== caller.organization.id) throw new NotFoundError();
    if (current.type !== body.type) throw new BadRequestError('You cannot change the type of a connection.');
    const saved = ctx.store.organizationConnections.update({
      ...current,
      enabled: body.enabled ?? false,
      config: pascalConfig(body.config),
    });
    return c.json(model(saved));
  });

  app.delete('/organizations/connections/:connectionId', auth, (c) => {
    const current = ctx.store.organizationConnections.findById(c.req.param('connectionId'));
    if (current === undefined) throw new NotFoundError();
    manager(c, current.organizationId);
    ctx.store.organizationConnections.delete(current.id);
    return c.body(null, 200);
  });
  return app;
}
