/**
 * Organization vault data (admin-api.md §9, §3.3), following the official `ImportCiphersController`,
 * `ImportCiphersCommand.ImportIntoOrganizationalVaultAsync` and `CiphersController`:
 * - `POST /ciphers/import-organization?organizationId=`: ciphers (EncStrings only) into existing or
 *   new collections, relationships by index; 200 with an empty body. The official command logs no
 *   event for an import (it only pushes a vault sync), so neither does the sandbox.
 * - `POST /ciphers/purge?organizationId=`: SecretVerification first, then EditAnyCollection; deletes
 *   every cipher of the organization and keeps its collections; event 1601 Organization_PurgedVault.
 * - `GET /ciphers/organization-details?organizationId=`: every cipher, for those who may read all.
 */
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { secretVerificationRequestSchema } from '../../protocol/common.js';
import {
  IMPORT_LIMITS,
  IMPORT_NOT_ALLOWED,
  IMPORT_TOO_MUCH,
  importOrganizationCiphersRequestSchema,
  type ImportOrganizationCiphersRequest,
} from '../../protocol/cipher.js';
import { CollectionType } from '../../protocol/collection.js';
import { EventType } from '../../protocol/event.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { BadRequestError, NotFoundError } from '../errors.js';
import { currentUser, requireUser } from '../middleware/auth.js';
import type { CollectionRecord } from '../repositories/collections.js';
import { cipherMiniDetailsModel, storedDataOf } from '../services/cipher-models.js';
import { canCreateCollection, canUpdateCollection } from '../services/collection-permissions.js';
import { logOrganizationEvent } from '../services/events.js';
import { touchOrganizationAccounts } from '../services/member-rules.js';
import { authorize, hasPermission, userOrgCaller, type OrgCaller } from '../services/org-caller.js';
import { readBody } from '../services/request.js';
import { requireSecret } from '../services/secret-verification.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type ImportBody = Required<{ [K in keyof ImportOrganizationCiphersRequest]: NonNullable<ImportOrganizationCiphersRequest[K]> }>;

function withDefaults(body: ImportOrganizationCiphersRequest): ImportBody {
  return {
    ciphers: body.ciphers ?? [],
    collections: body.collections ?? [],
    collectionRelationships: body.collectionRelationships ?? [],
    folders: body.folders ?? [],
    folderRelationships: body.folderRelationships ?? [],
  };
}

/** Over any cloud limit (`ImportCiphersLimitation`; self-hosted servers have none). */
export function exceedsImportLimits(body: ImportBody): boolean {
  return (
    body.ciphers.length > IMPORT_LIMITS.ciphers ||
    body.collectionRelationships.length > IMPORT_LIMITS.collectionRelationships ||
    body.collections.length > IMPORT_LIMITS.collections ||
    body.folders.length > IMPORT_LIMITS.folders ||
    body.folderRelationships.length > IMPORT_LIMITS.folderRelationships
  );
}

/**
 * `CheckOrgImportPermissionAsync`: AccessImportExport (Owner, Admin, provider user, Custom with
 * accessImportExport), else collection rights: Create for new collections and ImportCiphers
 * (= Update) on the existing ones; an import naming no collection at all needs AccessImportExport.
 */
function mayImport(ctx: SandboxContext, caller: OrgCaller, existing: readonly CollectionRecord[], hasNew: boolean): boolean {
  if (hasPermission(caller, 'accessImportExport')) return true;
  const updatesExisting = existing.every((collection) => canUpdateCollection(ctx, caller, collection));
  if (hasNew) return canCreateCollection(caller) && updatesExisting;
  return existing.length > 0 && updatesExisting;
}

/** CanAccessAllCiphersAsync: Owner/Admin, Custom with accessImportExport, editAnyCollection or accessReports, provider. */
function mayReadAllCiphers(caller: OrgCaller): boolean {
  return (
    hasPermission(caller, 'accessImportExport') ||
    hasPermission(caller, 'editAnyCollection') ||
    hasPermission(caller, 'accessReports')
  );
}

export function cipherRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const auth = requireUser(ctx);
  const now = (): string => ctx.clock.now().toISOString();

  /** The organization of `?organizationId=` (unknown or malformed: 404). */
  const callerFor = (c: Context<SandboxEnv>, organizationId: string | undefined): OrgCaller => {
    const org = organizationId !== undefined && GUID.test(organizationId) ? ctx.store.organizations.findById(organizationId) : undefined;
    if (org === undefined) throw new NotFoundError();
    return userOrgCaller(ctx, c, org);
  };

  app.post('/ciphers/import-organization', auth, async (c) => {
    const body = withDefaults(await readBody(c, importOrganizationCiphersRequestSchema));
    if (ctx.mode === 'cloud' && exceedsImportLimits(body)) throw new BadRequestError(IMPORT_TOO_MUCH);
    const caller = callerFor(c, c.req.query('organizationId'));
    const org = caller.organization;
    const orgCollections = new Map(ctx.store.collections.listByOrganization(org.id).map((col) => [col.id, col]));
    const existing = body.collections
      .map((col) => (col.id == null ? undefined : orgCollections.get(col.id.toLowerCase())))
      .filter((col): col is CollectionRecord => col !== undefined);
    const hasNew = body.collections.some((col) => col.id == null || !orgCollections.has(col.id.toLowerCase()));
    // Passing implies a member or a provider user for the organization, which the command requires.
    if (!mayImport(ctx, caller, existing, hasNew)) throw new BadRequestError(IMPORT_NOT_ALLOWED);
    if (body.collections.length > 0 && org.maxCollections !== null) {
      // As the official command counts: every collection of the request, reused ones included.
      if (org.maxCollections < orgCollections.size + body.collections.length) {
        throw new BadRequestError(`This organization can only have a maximum of ${org.maxCollections} collections.`);
      }
    }
    const created = now();
    ctx.store.transaction(() => {
      const collectionIds = body.collections.map((col) => {
        const reused = col.id == null ? undefined : orgCollections.get(col.id.toLowerCase());
        if (reused !== undefined) return reused.id;
        const made = ctx.store.collections.insert({
          id: randomUUID(),
          organizationId: org.id,
          name: col.name,
          externalId: col.externalId ?? null,
          type: CollectionType.SharedCollection,
          defaultUserCollectionEmail: null,
          creationDate: created,
        });
        // The importing member gets Manage on what it creates; a provider user (no membership) gets nothing.
        if (caller.membership !== null) {
          ctx.store.collections.setUserAccess(made.id, caller.membership.id, { readOnly: false, hidePasswords: false, manage: true });
        }
        return made.id;
      });
      const cipherIds = body.ciphers.map((cipher) => {
        const id = randomUUID();
        ctx.store.ciphers.insert({
          id,
          organizationId: org.id,
          type: cipher.type,
          data: storedDataOf(cipher),
          favorite: cipher.favorite ?? false,
          reprompt: cipher.reprompt ?? 0,
          key: cipher.key ?? null,
          creationDate: created,
          revisionDate: created,
          deletedDate: null,
        });
        return id;
      });
      for (const { key, value } of body.collectionRelationships) {
        const cipherId = cipherIds[key];
        const collectionId = collectionIds[value];
        if (cipherId === undefined || collectionId === undefined) continue; // invalid pairs are skipped
        ctx.store.ciphers.link(collectionId, cipherId);
      }
    });
    touchOrganizationAccounts(ctx, org.id);
    return c.body(null, 200);
  });

  app.post('/ciphers/purge', auth, async (c) => {
    const body = await readBody(c, secretVerificationRequestSchema);
    await requireSecret(currentUser(c), body);
    const organizationId = c.req.query('organizationId');
    // Without organizationId the official route purges the caller's personal vault; the sandbox
    // keeps no personal ciphers, so there is nothing to delete.
    if (organizationId === undefined || organizationId === '') return c.body(null, 200);
    const caller = callerFor(c, organizationId);
    authorize(hasPermission(caller, 'editAnyCollection'), 'notFound');
    ctx.store.transaction(() => {
      ctx.store.ciphers.deleteByOrganization(caller.organization.id);
      logOrganizationEvent(ctx, caller.organization, caller.actor, EventType.Organization_PurgedVault);
    });
    touchOrganizationAccounts(ctx, caller.organization.id);
    return c.body(null, 200);
  });

  app.get('/ciphers/organization-details', auth, (c) => {
    const caller = callerFor(c, c.req.query('organizationId'));
    authorize(mayReadAllCiphers(caller), 'notFound');
    const org = caller.organization;
    const includeMemberItems = (c.req.query('includeMemberItems') ?? '').toLowerCase() === 'true';
    const defaultCollections = new Set(
      ctx.store.collections
        .listByOrganization(org.id)
        .filter((col) => col.type === CollectionType.DefaultUserCollection)
        .map((col) => col.id),
    );
    const links = ctx.store.ciphers.collectionIdsByOrganization(org.id);
    const data = ctx.store.ciphers
      .listByOrganization(org.id)
      .filter((cipher) => includeMemberItems || !(links.get(cipher.id) ?? []).some((id) => defaultCollections.has(id)))
      .map((cipher) => cipherMiniDetailsModel(cipher, org.useTotp, links.get(cipher.id) ?? []));
    return c.json({ object: 'list', data, continuationToken: null });
  });

  return app;
}
