/**
 * Provider clients (admin-api.md §2): the link-table routes `/providers/{pid}/organizations` (list,
 * add an owned organization, detach) and the consolidated-billing routes `/providers/{pid}/clients`
 * (create, add existing, addable, update). Client ids in routes are ProviderOrganization ids.
 *
 * Not served: `POST /providers/{pid}/organizations` (the legacy create-with-payment for
 * non-billable providers; whether current clients call it is unverified).
 */
import { Hono, type Context } from 'hono';
import {
  addExistingOrganizationRequestSchema,
  createClientOrganizationRequestSchema,
  providerOrganizationAddRequestSchema,
  updateClientOrganizationRequestSchema,
} from '../../protocol/provider-client.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { ApiError } from '../errors.js';
import { requireUser } from '../middleware/auth.js';
import { requireProviderAdmin, requireProviderUser } from '../services/provider-authz.js';
import {
  addableOrganizations,
  addExistingClient,
  addOrganizationLegacy,
  billableProvider,
  createClient,
  removeClient,
  updateClient,
} from '../services/provider-clients.js';
import { guidParam, param, PROVIDER_PATH, providerOr404 } from '../services/provider-lookup.js';
import { providerOrganizationDetailsModel } from '../services/provider-models.js';
import { readBody } from '../services/request.js';

const ORGANIZATIONS = `${PROVIDER_PATH}/organizations`;
const ORGANIZATION = `${ORGANIZATIONS}/${guidParam('id')}`;
const CLIENTS = `${PROVIDER_PATH}/clients`;

/** What the official server answers for an unknown link id (a null dereference). */
const UNHANDLED = 'An unhandled server error has occurred.';

export function providerClientRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const auth = requireUser(ctx);

  app.get(ORGANIZATIONS, auth, (c) => {
    const providerId = param(c, 'providerId');
    requireProviderUser(ctx, c, providerId);
    const data = ctx.store.providerOrganizations.listDetails(providerId).map(providerOrganizationDetailsModel);
    return c.json({ object: 'list', data, continuationToken: null });
  });

  app.post(`${ORGANIZATIONS}/add`, auth, async (c) => {
    const providerId = param(c, 'providerId');
    requireProviderAdmin(ctx, c, providerId);
    const body = await readBody(c, providerOrganizationAddRequestSchema);
    addOrganizationLegacy(ctx, c, providerOr404(ctx, providerId), body.organizationId, body.key);
    return c.body(null, 200);
  });

  const detach = (c: Context<SandboxEnv>): Response => {
    const providerId = param(c, 'providerId');
    requireProviderAdmin(ctx, c, providerId);
    const link = ctx.store.providerOrganizations.findById(param(c, 'id'));
    if (link === undefined) throw new ApiError(500, UNHANDLED);
    removeClient(ctx, c, ctx.store.providers.findById(providerId), link);
    return c.body(null, 200);
  };
  app.delete(ORGANIZATION, auth, detach);
  app.post(`${ORGANIZATION}/delete`, auth, detach);

  app.post(CLIENTS, auth, async (c) => {
    const providerId = param(c, 'providerId');
    requireProviderAdmin(ctx, c, providerId);
    const body = await readBody(c, createClientOrganizationRequestSchema);
    createClient(ctx, c, billableProvider(ctx, providerId), body);
    return c.body(null, 200);
  });

  app.get(`${CLIENTS}/addable`, auth, (c) => {
    const providerId = param(c, 'providerId');
    requireProviderUser(ctx, c, providerId);
    return c.json(addableOrganizations(ctx, c, billableProvider(ctx, providerId)));
  });

  app.post(`${CLIENTS}/existing`, auth, async (c) => {
    const providerId = param(c, 'providerId');
    requireProviderAdmin(ctx, c, providerId);
    const body = await readBody(c, addExistingOrganizationRequestSchema);
    addExistingClient(ctx, c, billableProvider(ctx, providerId), body.organizationId, body.key);
    return c.body(null, 200);
  });

  app.put(`${CLIENTS}/${guidParam('id')}`, auth, async (c) => {
    const providerId = param(c, 'providerId');
    requireProviderUser(ctx, c, providerId);
    const body = await readBody(c, updateClientOrganizationRequestSchema);
    updateClient(ctx, c, billableProvider(ctx, providerId), param(c, 'id'), body);
    return c.body(null, 200);
  });

  return app;
}
