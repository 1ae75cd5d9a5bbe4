/**
 * Organization API keys (admin-api.md §3.4): view (creating on first use), rotate, and the
 * key-information list that never shows the secret. Type 0 is the Public API client secret
 * (`organization.<orgId>`), 1 billing sync, 2 SCIM.
 */
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { ApiKeyResponse } from '../../protocol/account.js';
import {
  OrganizationApiKeyType,
  ProductTierType,
  organizationApiKeyRequestSchema,
} from '../../protocol/organization.js';
import { secureRandomString } from '../auth/random.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { ModelStateError, NotFoundError } from '../errors.js';
import { currentUser, requireUser } from '../middleware/auth.js';
import type { OrganizationApiKeyRecord } from '../repositories/organizations.js';
import { authorize, hasPermission, isOwner, organizationParam, userOrgCaller, type OrgCaller } from '../services/org-caller.js';
import { keyInformationModel } from '../services/organization-models.js';
import { readBody } from '../services/request.js';
import { verifySecret } from '../services/secret-verification.js';

/** SCIM keys need manageScim; the others are Owner-only. Failures are 404. */
function canUseKeyType(caller: OrgCaller, type: number): boolean {
  return type === OrganizationApiKeyType.Scim ? hasPermission(caller, 'manageScim') : isOwner(caller);
}

export function organizationApiKeyRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const auth = requireUser(ctx);

  const handler =
    (rotate: boolean) =>
    async (c: Context<SandboxEnv>): Promise<Response> => {
      const caller = userOrgCaller(ctx, c, organizationParam(ctx, c.req.param('id')));
      const body = await readBody(c, organizationApiKeyRequestSchema);
      const type = body.type ?? OrganizationApiKeyType.Default;
      authorize(canUseKeyType(caller, type), 'notFound');
      const org = caller.organization;
      const businessTier =
        org.productTierType === ProductTierType.Teams || org.productTierType === ProductTierType.Enterprise;
      if (!rotate && type !== OrganizationApiKeyType.Default && !businessTier) throw new NotFoundError();
      const now = ctx.clock.now().toISOString();
      let key: OrganizationApiKeyRecord | undefined = ctx.store.organizations.findApiKey(org.id, type);
      if (key === undefined) {
        // As on the official server, the key is created before the secret is checked.
        key = { id: randomUUID(), organizationId: org.id, type, apiKey: secureRandomString(30), revisionDate: now };
        ctx.store.organizations.upsertApiKey(key);
      }
      if (!(await verifySecret(currentUser(c), body))) {
        throw new ModelStateError({ MasterPasswordHash: ['Invalid password.'] });
      }
      if (rotate) {
        key = { ...key, apiKey: secureRandomString(30), revisionDate: now };
        ctx.store.organizations.upsertApiKey(key);
      }
      const response: ApiKeyResponse = { object: 'apiKey', apiKey: key.apiKey, revisionDate: key.revisionDate };
      return c.json(response);
    };
  app.post('/organizations/:id/api-key', auth, handler(false));
  app.post('/organizations/:id/rotate-api-key', auth, handler(true));

  const information = (c: Context<SandboxEnv>): Response => {
    const caller = userOrgCaller(ctx, c, organizationParam(ctx, c.req.param('id')));
    const raw = c.req.param('type');
    const type = raw === undefined ? null : Number(raw);
    if (type !== null && !Number.isInteger(type)) throw new NotFoundError();
    authorize(type === null ? isOwner(caller) : canUseKeyType(caller, type), 'notFound');
    const keys = ctx.store.organizations
      .listApiKeys(caller.organization.id)
      .filter((key) => type === null || key.type === type);
    return c.json({ object: 'list', data: keys.map(keyInformationModel), continuationToken: null });
  };
  app.get('/organizations/:id/api-key-information', auth, information);
  app.get('/organizations/:id/api-key-information/:type', auth, information);

  return app;
}
