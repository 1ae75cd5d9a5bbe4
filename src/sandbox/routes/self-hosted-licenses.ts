/**
 * Self-hosted organization licenses (licensing-and-selfhost.md §2.1–§2.4), self-hosted only:
 * - `POST organizations/licenses/self-hosted` — multipart `license`, `key`, optional `collectionName`
 *   (and `keys.publicKey`/`keys.encryptedPrivateKey`); creates the organization from the license;
 * - `POST organizations/licenses/self-hosted/{orgId}` — Owner; multipart `license`; updates it;
 * - `GET organizations/{orgId}/subscription` — Owner; license dates on a self-hosted server;
 * - `GET organizations/connections/enabled` — `selfHosted && enableCloudCommunication`.
 */
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { CollectionType } from '../../protocol/collection.js';
import { EventType } from '../../protocol/event.js';
import { LICENSE_UPLOAD_MAX_BYTES, LicenseType, SELF_HOST_GRACE_PERIOD_DAYS } from '../../protocol/license.js';
import {
  OrganizationApiKeyType,
  OrganizationStatusType,
  OrganizationUserStatusType,
  OrganizationUserType,
  ProductTierType,
} from '../../protocol/organization.js';
import { PolicyType } from '../../protocol/policy.js';
import { ProviderType } from '../../protocol/provider.js';
import { secureRandomString } from '../auth/random.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { BadRequestError } from '../errors.js';
import { currentUser, requireUser } from '../middleware/auth.js';
import { selfHostedOnly } from '../middleware/self-hosted.js';
import { logOrganizationEvent } from '../services/events.js';
import { applyLicenseToOrganization, licenseClaimsOf, licensedValues, storedLicense } from '../services/license-apply.js';
import {
  INVALID_LICENSE,
  LICENSE_IN_USE,
  PREMIUM_LICENSE_MESSAGE,
  invalidLicenseMessage,
  licenseCapacityError,
  parseClaimDate,
  parseUploadedLicense,
  validateLicense,
  type UploadedLicense,
} from '../services/license-validation.js';
import { touchAccounts, touchOrganizationAccounts } from '../services/member-rules.js';
import { authorize, isOwner, organizationParam, userOrgCaller, type OrgCaller } from '../services/org-caller.js';
import { organizationModel } from '../services/organization-models.js';
import { findPlan } from '../services/plans.js';
import { policyInForce } from '../services/policy-rules.js';
import { cloudCommunicationEnabled, selfhostSettings } from '../services/selfhost-settings.js';

const SINGLE_ORG_MESSAGE =
  "You cannot create a new organization vault because your current membership doesn't allow you to join or create additional organization vaults.";
const DAY_MS = 86_400_000;

/** `ApiHelpers.ReadJsonFileFromBody`: Content-Length required and ≤ 51 200 bytes, else null. */
async function readMultipart(c: Context<SandboxEnv>): Promise<{ license: UploadedLicense | null; form: Record<string, unknown> }> {
  const length = Number(c.req.header('Content-Length') ?? NaN);
  if (!Number.isInteger(length) || length <= 0 || length > LICENSE_UPLOAD_MAX_BYTES) return { license: null, form: {} };
  let form: Record<string, unknown>;
  try {
    form = (await c.req.parseBody()) as Record<string, unknown>;
  } catch {
    return { license: null, form: {} };
  }
  const file = form.license;
  if (!(file instanceof Blob)) return { license: null, form };
  return { license: parseUploadedLicense(await file.text()), form };
}

function formString(form: Record<string, unknown>, ...names: string[]): string | null {
  const lower = new Map(Object.entries(form).map(([k, v]) => [k.toLowerCase(), v]));
  for (const name of names) {
    const value = lower.get(name.toLowerCase());
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
}

/**
 * `CurrentContext.ViewSubscription` (Billing `OrganizationsController.GetSubscription`): when the
 * caller has a membership row (any status) in an organization managed by a consolidated-billing
 * provider (MSP or business unit), only a user of that provider may view it — its own Owner gets
 * 404; otherwise OrganizationOwner (Owner or provider user).
 */
function viewSubscription(ctx: SandboxContext, caller: OrgCaller): boolean {
  const org = caller.organization;
  const link = ctx.store.providers.findOrganizationLink(org.id);
  const billable = link !== undefined && (link.provider.type === ProviderType.Msp || link.provider.type === ProviderType.BusinessUnit);
  const memberRow = caller.user !== null && ctx.store.organizations.findUserByAccount(org.id, caller.user.id) !== undefined;
  return billable && memberRow ? caller.providerId !== null : isOwner(caller);
}

export function selfHostedLicenseRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const auth = requireUser(ctx);
  const selfHosted = selfHostedOnly(ctx);
  const now = (): Date => ctx.clock.now();

  /** §2.4 `CanUse` (token validation first): 400 with the joined lines. */
  function assertUsable(license: UploadedLicense): void {
    const lines = validateLicense(license, selfhostSettings(ctx.store), now());
    if (lines.length > 0) throw new BadRequestError(invalidLicenseMessage(lines));
  }

  app.post('/organizations/licenses/self-hosted', auth, selfHosted, async (c) => {
    const user = currentUser(c);
    const { license, form } = await readMultipart(c);
    if (license === null) throw new BadRequestError(INVALID_LICENSE);
    const key = formString(form, 'key');
    if (key === null) throw new BadRequestError(INVALID_LICENSE);
    if (license.fields.licenseType !== LicenseType.Organization) throw new BadRequestError(PREMIUM_LICENSE_MESSAGE);
    assertUsable(license);
    const values = licensedValues(license);
    if (values.licenseKey !== null && ctx.store.licensing.organizationsWithLicenseKey(values.licenseKey).some((o) => o.enabled)) {
      throw new BadRequestError(LICENSE_IN_USE);
    }
    const bound = ctx.store.organizations
      .listAllMembershipsForUser(user.id)
      .some(
        (m) =>
          (m.status === OrganizationUserStatusType.Accepted || m.status === OrganizationUserStatusType.Confirmed) &&
          (policyInForce(ctx, m.organizationId, PolicyType.SingleOrg) !== undefined ||
            policyInForce(ctx, m.organizationId, PolicyType.AutomaticUserConfirmation) !== undefined),
      );
    if (bound) throw new BadRequestError(SINGLE_ORG_MESSAGE);

    const created = now().toISOString();
    const collectionName = formString(form, 'collectionName');
    const publicKey = formString(form, 'keys.publicKey', 'keys[publicKey]');
    const privateKey = formString(form, 'keys.encryptedPrivateKey', 'keys[encryptedPrivateKey]');
    const org = ctx.store.transaction(() => {
      const inserted = ctx.store.organizations.insert({
        id: randomUUID(),
        name: values.name,
        billingEmail: values.billingEmail,
        plan: values.plan,
        planType: values.planType,
        productTierType: findPlan(values.planType)?.productTier ?? ProductTierType.Free,
        status: OrganizationStatusType.Created,
        publicKey: publicKey !== null && privateKey !== null ? publicKey : null,
        privateKey: publicKey !== null && privateKey !== null ? privateKey : null,
        creationDate: created,
      });
      applyLicenseToOrganization(ctx.store, inserted.id, license, now());
      const owner = ctx.store.organizations.insertUser({
        id: randomUUID(),
        organizationId: inserted.id,
        userId: user.id,
        email: null,
        key,
        status: OrganizationUserStatusType.Confirmed,
        type: OrganizationUserType.Owner,
        creationDate: created,
      });
      ctx.store.organizations.upsertApiKey({
        id: randomUUID(),
        organizationId: inserted.id,
        type: OrganizationApiKeyType.Default,
        apiKey: secureRandomString(30),
        revisionDate: created,
      });
      const stored = organizationParam(ctx, inserted.id);
      const actor = userOrgCaller(ctx, c, stored).actor;
      if (collectionName !== null) {
        const collection = ctx.store.collections.insert({
          id: randomUUID(),
          organizationId: stored.id,
          name: collectionName,
          externalId: null,
          type: CollectionType.SharedCollection,
          defaultUserCollectionEmail: null,
          creationDate: created,
        });
        ctx.store.collections.setUserAccess(collection.id, owner.id, { readOnly: false, hidePasswords: false, manage: true });
        logOrganizationEvent(ctx, stored, actor, EventType.Collection_Created, { collectionId: collection.id });
      }
      logOrganizationEvent(ctx, stored, actor, EventType.Organization_Updated);
      return stored;
    });
    touchAccounts(ctx, [user.id]);
    return c.json(organizationModel(org));
  });

  app.post('/organizations/licenses/self-hosted/:id', auth, selfHosted, async (c) => {
    const caller = userOrgCaller(ctx, c, organizationParam(ctx, c.req.param('id')));
    authorize(isOwner(caller), 'notFound');
    const { license } = await readMultipart(c);
    if (license === null) throw new BadRequestError(INVALID_LICENSE);
    assertUsable(license);
    const org = caller.organization;
    const values = licensedValues(license);
    if (values.licenseKey !== null && ctx.store.licensing.organizationsWithLicenseKey(values.licenseKey).some((o) => o.id !== org.id)) {
      throw new BadRequestError(LICENSE_IN_USE);
    }
    const capacity = licenseCapacityError(ctx.store, org.id, values);
    if (capacity !== null) throw new BadRequestError(capacity);
    ctx.store.transaction(() => {
      applyLicenseToOrganization(ctx.store, org.id, license, now());
      logOrganizationEvent(ctx, organizationParam(ctx, org.id), caller.actor, EventType.Organization_Updated);
    });
    touchOrganizationAccounts(ctx, org.id);
    return c.body(null, 200);
  });

  app.get('/organizations/:id/subscription', auth, (c) => {
    const caller = userOrgCaller(ctx, c, organizationParam(ctx, c.req.param('id')));
    authorize(viewSubscription(ctx, caller), 'notFound');
    const org = caller.organization;
    let expiration: string | null = null;
    let withoutGrace: string | null = null;
    if (ctx.mode === 'selfhost') {
      const license = storedLicense(ctx.store, org.id);
      const claims = license === null ? null : licenseClaimsOf(license);
      if (claims !== null) {
        const claim = (name: string) => (typeof claims[name] === 'string' ? parseClaimDate(claims[name]) : null);
        expiration = claim('Expires')?.toISOString() ?? null;
        withoutGrace = claim('ExpirationWithoutGracePeriod')?.toISOString() ?? null;
      } else if (license !== null) {
        const f = license.fields;
        expiration = typeof f.expires === 'string' ? f.expires : null;
        withoutGrace =
          typeof f.expirationWithoutGracePeriod === 'string'
            ? f.expirationWithoutGracePeriod
            : expiration !== null && f.trial !== true
              ? new Date(Date.parse(expiration) - SELF_HOST_GRACE_PERIOD_DAYS * DAY_MS).toISOString()
              : null;
      }
    } else {
      expiration = org.expirationDate;
    }
    return c.json({
      ...organizationModel(org),
      object: 'organizationSubscription',
      storageName: null,
      storageGb: null,
      customerDiscount: null,
      subscription: null,
      upcomingInvoice: null,
      expiration,
      expirationWithoutGracePeriod: withoutGrace,
    });
  });

  app.get('/organizations/connections/enabled', auth, (c) =>
    c.json(ctx.mode === 'selfhost' && cloudCommunicationEnabled(selfhostSettings(ctx.store))),
  );

  return app;
}
