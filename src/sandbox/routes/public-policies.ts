/** Public API policies (`/public/policies`, admin-api.md §10.4): the flat body, the same rules as §7. */
import { Hono, type Context } from 'hono';
import type { PolicyType } from '../../protocol/policy.js';
import { publicPolicyUpdateRequestSchema, type PublicPolicyResponse } from '../../protocol/public-api.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { NotFoundError } from '../errors.js';
import { organizationKeyCaller, requireOrganizationToken } from '../middleware/organization-token.js';
import type { PolicyRecord } from '../repositories/policies.js';
import { policyData } from '../services/policy-rules.js';
import { policyTypeParam, savePolicy } from '../services/policy-save.js';
import { readBody } from '../services/request.js';

function publicPolicyModel(policy: PolicyRecord): PublicPolicyResponse {
  return {
    object: 'policy',
    id: policy.id,
    type: policy.type,
    enabled: policy.enabled,
    data: policy.data === null ? null : policyData(policy),
  };
}

export function publicPolicyRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const auth = requireOrganizationToken(ctx);
  const typeParam = (c: Context<SandboxEnv>): PolicyType => {
    const type = policyTypeParam(c.req.param('type'));
    if (type === undefined) throw new NotFoundError();
    return type;
  };

  app.get('/policies', auth, (c) => {
    const caller = organizationKeyCaller(ctx, c);
    const data = ctx.store.policies.listByOrganization(caller.organization.id).map(publicPolicyModel);
    return c.json({ object: 'list', data, continuationToken: null });
  });

  app.get('/policies/:type', auth, (c) => {
    const caller = organizationKeyCaller(ctx, c);
    const policy = ctx.store.policies.find(caller.organization.id, typeParam(c));
    if (policy === undefined) throw new NotFoundError();
    return c.json(publicPolicyModel(policy));
  });

  app.put('/policies/:type', auth, async (c) => {
    const caller = organizationKeyCaller(ctx, c);
    const type = typeParam(c);
    const body = await readBody(c, publicPolicyUpdateRequestSchema);
    const saved = savePolicy(ctx, caller, { type, enabled: body.enabled, data: body.data, metadata: body.metadata });
    return c.json(publicPolicyModel(saved));
  });

  return app;
}
