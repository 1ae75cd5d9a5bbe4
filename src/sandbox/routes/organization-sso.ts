/**
 * `GET/POST /organizations/{id}/sso` (admin-api.md §14.2): ManageSso (Owner, Admin, Custom with
 * manageSso, or provider user), else 404.
 */
import { Hono, type Context } from 'hono';
import { organizationSsoRequestSchema, type OrganizationSsoResponse, type SsoConfigData } from '../../protocol/sso.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { requireUser } from '../middleware/auth.js';
import { authorize, hasPermission, organizationParam, userOrgCaller } from '../services/org-caller.js';
import { readBody } from '../services/request.js';
import { saveSsoConfig, ssoUrls } from '../services/sso-config.js';

export function organizationSsoRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const auth = requireUser(ctx);

  const model = (organizationId: string): OrganizationSsoResponse => {
    const org = ctx.store.organizations.findById(organizationId);
    const config = ctx.store.ssoConfigs.find(organizationId);
    return {
      object: 'organizationSso',
      enabled: config?.enabled ?? false,
      identifier: org?.identifier ?? null,
      data: config === undefined ? null : (JSON.parse(config.data) as SsoConfigData),
      urls: ssoUrls(ctx.baseUrl(), organizationId),
    };
  };

  const caller = (c: Context<SandboxEnv>) => {
    const found = userOrgCaller(ctx, c, organizationParam(ctx, c.req.param('id')));
    authorize(hasPermission(found, 'manageSso'), 'notFound');
    return found;
  };

  app.get('/organizations/:id/sso', auth, (c) => c.json(model(caller(c).organization.id)));
  app.post('/organizations/:id/sso', auth, async (c) => {
    const found = caller(c);
    const body = await readBody(c, organizationSsoRequestSchema);
    saveSsoConfig(ctx, found, body);
    return c.json(model(found.organization.id));
  });
  return app;
}
