/**
 * Policies (admin-api.md §7): `{api}/organizations/{orgId}/policies`. `PUT /{type}` takes both the
 * current wrapped body `{policy: {enabled, data}, metadata}` and the older flat
 * `{type, enabled, data}`; reads answer the status form, saves the entity form.
 */
import { Hono, type Context } from 'hono';
import {
  PolicyType,
  legacySavePolicyRequestSchema,
  savePolicyRequestSchema,
  type PolicyStatusResponse,
} from '../../protocol/policy.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { BadRequestError, NotFoundError } from '../errors.js';
import { currentUser, requireUser } from '../middleware/auth.js';
import type { PolicyRecord } from '../repositories/policies.js';
import { inviteTokenValid } from '../services/member-invites.js';
import { policyModel } from '../services/models.js';
import { authorize, hasPermission, organizationParam, userOrgCaller, type OrgCaller } from '../services/org-caller.js';
import { policyData } from '../services/policy-rules.js';
import { policyTypeParam, savePolicy, type PolicySave } from '../services/policy-save.js';
import { camelizeKeys, parseWith, readJson } from '../services/request.js';

export function policyStatusModel(organizationId: string, type: number, policy: PolicyRecord | undefined): PolicyStatusResponse {
  return {
    object: 'policy',
    organizationId,
    type,
    data: policy === undefined || policy.data === null ? null : policyData(policy),
    enabled: policy?.enabled ?? false,
    canToggleState: true,
  };
}

/** The SavePolicy body in either shape, for the policy type of the route. */
export function savePolicyRequest(type: PolicyType, raw: unknown): PolicySave {
  const camel = camelizeKeys(raw);
  const wrapped = typeof camel === 'object' && camel !== null && 'policy' in camel;
  if (wrapped) {
    const body = parseWith(savePolicyRequestSchema, camel);
    return { type, enabled: body.policy.enabled, data: body.policy.data, metadata: body.metadata };
  }
  const body = parseWith(legacySavePolicyRequestSchema, camel);
  if (body.type !== type) throw new BadRequestError('Mismatched policy type');
  return { type, enabled: body.enabled, data: body.data };
}

export function policyRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const auth = requireUser(ctx);
  const base = '/organizations/:orgId/policies';

  const policyManager = (c: Context<SandboxEnv>): OrgCaller => {
    const caller = userOrgCaller(ctx, c, organizationParam(ctx, c.req.param('orgId')));
    authorize(hasPermission(caller, 'managePolicies'), 'forbidden'); // [Authorize<ManagePoliciesRequirement>]
    return caller;
  };
  const typeParam = (c: Context<SandboxEnv>): PolicyType => {
    const type = policyTypeParam(c.req.param('type'));
    if (type === undefined) throw new NotFoundError();
    return type;
  };

  app.get(base, auth, (c) => {
    const caller = policyManager(c);
    const orgId = caller.organization.id;
    const data = ctx.store.policies.listByOrganization(orgId).map((p) => policyStatusModel(orgId, p.type, p));
    return c.json({ object: 'list', data, continuationToken: null });
  });

  // Anonymous: the policies an invited user must accept, shown before joining.
  app.get(`${base}/token`, (c) => {
    const org = organizationParam(ctx, c.req.param('orgId'));
    const member = ctx.store.organizations.findUser(c.req.query('organizationUserId') ?? '');
    const email = (c.req.query('email') ?? '').trim().toLowerCase();
    const valid =
      member !== undefined &&
      member.organizationId === org.id &&
      member.email === email &&
      inviteTokenValid(ctx, c.req.query('token') ?? '', member);
    if (!valid) throw new NotFoundError();
    const data = ctx.store.policies
      .listByOrganization(org.id)
      .filter((p) => p.enabled)
      .map(policyModel);
    return c.json({ object: 'list', data, continuationToken: null });
  });

  app.get(`${base}/master-password`, auth, (c) => {
    const org = organizationParam(ctx, c.req.param('orgId'));
    const member = ctx.store.organizations.findUserByAccount(org.id, currentUser(c).id);
    const policy = ctx.store.policies.find(org.id, PolicyType.MasterPassword);
    if (member === undefined || policy === undefined || !policy.enabled) throw new NotFoundError();
    return c.json(policyModel(policy));
  });

  app.get(`${base}/:type`, auth, (c) => {
    const caller = policyManager(c);
    const type = typeParam(c);
    return c.json(policyStatusModel(caller.organization.id, type, ctx.store.policies.find(caller.organization.id, type)));
  });

  const save =
    (wrappedOnly: boolean) =>
    async (c: Context<SandboxEnv>): Promise<Response> => {
      const caller = policyManager(c);
      const type = typeParam(c);
      const raw = await readJson(c);
      const request = wrappedOnly
        ? (() => {
            const body = parseWith(savePolicyRequestSchema, raw);
            return { type, enabled: body.policy.enabled, data: body.policy.data, metadata: body.metadata };
          })()
        : savePolicyRequest(type, raw);
      return c.json(policyModel(savePolicy(ctx, caller, request)));
    };
  app.put(`${base}/:type`, auth, save(false));
  app.put(`${base}/:type/vnext`, auth, save(true));

  return app;
}
