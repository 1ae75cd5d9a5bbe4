/**
 * The onboarding plan: one client, what it should contain, and how it should be set up. YAML or
 * JSON; `schemas/onboarding-plan.schema.json` (generated from this file) gives editors completion.
 * Field names are camelCase; permission and role words are the ones the CLI flags use.
 */
import { z } from 'zod';

/** The CLI's access words (`--collection NAME:PERMISSION`), the same in plans. */
export const PERMISSIONS = ['read-only', 'hide-passwords', 'edit', 'edit-hide-passwords', 'manage'] as const;
export const ROLES = ['owner', 'admin', 'user', 'custom'] as const;
export const CUSTOM_PERMISSIONS = [
  'access-event-logs',
  'access-import-export',
  'access-reports',
  'create-new-collections',
  'edit-any-collection',
  'delete-any-collection',
  'manage-groups',
  'manage-policies',
  'manage-sso',
  'manage-users',
  'manage-reset-password',
  'manage-scim',
] as const;

const email = z.email({ error: 'must be an e-mail address' }).max(256).transform((e) => e.trim().toLowerCase());
const name = z.string().trim().min(1, 'must not be empty');
const collectionName = name.max(1000).refine((n) => !n.split('/').some((part) => part.trim() === ''), 'has an empty segment between slashes');

export const collectionAccessSchema = z.strictObject({
  collection: collectionName.describe('collection name, nested with "/"'),
  permission: z.enum(PERMISSIONS).default('edit').describe('read-only, hide-passwords, edit, edit-hide-passwords or manage'),
});

/** `Finance` or `Finance:read-only` as a shorthand for {collection, permission}. */
const collectionAccess = z.preprocess((value) => {
  if (typeof value !== 'string') return value;
  const at = value.lastIndexOf(':');
  return at < 0 ? { collection: value } : { collection: value.slice(0, at), permission: value.slice(at + 1).trim() };
}, collectionAccessSchema);

export const planCollectionSchema = z.strictObject({
  name: collectionName.describe('collection name; nest with "/" (Finance/Banking)'),
  externalId: z.string().max(300).optional(),
});

export const planGroupSchema = z.strictObject({
  name: name.max(100),
  externalId: z.string().max(300).optional(),
  collections: z.array(collectionAccess).default([]).describe('collections the group reaches: "Name" or "Name:permission"'),
});

export const planMemberSchema = z
  .strictObject({
    email,
    role: z.enum(ROLES).default('user'),
    permissions: z.array(z.enum(CUSTOM_PERMISSIONS)).default([]).describe('only with role custom'),
    groups: z.array(name).default([]),
    collections: z.array(collectionAccess).default([]),
  })
  .refine((m) => m.role === 'custom' || m.permissions.length === 0, { message: 'permissions are only for role custom', path: ['permissions'] });

export const planPolicySchema = z.strictObject({
  type: z.string().trim().min(1).describe('policy name as on the command line, e.g. master-password, single-org'),
  enabled: z.boolean().default(true),
  options: z.record(z.string(), z.unknown()).default({}).describe("the policy's data, camelCase as the server stores it"),
});

const oidcSchema = z.strictObject({
  authority: z.url(),
  clientId: z.string().min(1),
  clientSecretEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name').describe('name of the env var holding the client secret (never put the secret in the plan)'),
  metadataAddress: z.url().optional(),
  redirectBehavior: z.enum(['redirect-get', 'form-post']).optional(),
  getClaimsFromUserInfoEndpoint: z.boolean().optional(),
  additionalScopes: z.string().optional(),
});

const samlSchema = z.strictObject({
  idpEntityId: z.string().min(1),
  idpSingleSignOnServiceUrl: z.url(),
  idpBindingType: z.enum(['http-redirect', 'http-post']).default('http-redirect'),
  idpX509PublicCert: z.string().optional(),
  spNameIdFormat: z.enum(['not-configured', 'unspecified', 'email-address', 'x509-subject-name', 'windows-domain-qualified-name', 'kerberos-principal-name', 'entity-identifier', 'persistent', 'transient']).optional(),
  spWantAssertionsSigned: z.boolean().optional(),
  spUniqueEntityId: z.boolean().optional(),
});

export const planSsoSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    type: z.enum(['oidc', 'saml']),
    identifier: z.string().trim().min(1).max(50).describe('the SSO identifier members type at login'),
    memberDecryption: z.enum(['master-password', 'key-connector', 'trusted-devices']).default('master-password'),
    keyConnectorUrl: z.url().optional(),
    oidc: oidcSchema.optional(),
    saml: samlSchema.optional(),
  })
  .superRefine((sso, ctx) => {
    if (sso.type === 'oidc' && !sso.oidc) ctx.addIssue({ code: 'custom', message: 'type oidc needs an oidc block', path: ['oidc'] });
    if (sso.type === 'saml' && !sso.saml) ctx.addIssue({ code: 'custom', message: 'type saml needs a saml block', path: ['saml'] });
    if (sso.memberDecryption === 'key-connector' && !sso.keyConnectorUrl) ctx.addIssue({ code: 'custom', message: 'key-connector needs keyConnectorUrl', path: ['keyConnectorUrl'] });
  });

export const planSchema = z
  .strictObject({
    $schema: z.string().optional(),
    version: z.literal(1).describe('plan format version'),
    client: z.strictObject({
      name: name.max(50),
      ownerEmail: email,
      plan: z.enum(['teams', 'enterprise']),
      seats: z.int().min(1).max(100_000),
    }),
    collections: z.array(planCollectionSchema).default([]),
    groups: z.array(planGroupSchema).default([]),
    policies: z.array(planPolicySchema).default([]),
    members: z.array(planMemberSchema).default([]),
    membersCsv: z.string().min(1).optional().describe('CSV file of members (email, role, groups, collections), relative to the plan'),
    sso: planSsoSchema.optional(),
    scim: z.strictObject({ enabled: z.boolean() }).optional(),
    autoConfirm: z.boolean().default(false).describe('confirm members who accepted their invitation when the plan is applied again'),
  })
  .superRefine((plan, ctx) => {
    const dup = <T>(items: T[], key: (t: T) => string, path: string, what: string) => {
      const seen = new Map<string, number>();
      items.forEach((item, i) => {
        const k = key(item).toLowerCase();
        if (seen.has(k)) ctx.addIssue({ code: 'custom', message: `duplicate ${what} '${key(item)}' (also at index ${seen.get(k)})`, path: [path, i] });
        else seen.set(k, i);
      });
    };
    dup(plan.collections, (c) => c.name, 'collections', 'collection');
    dup(plan.groups, (g) => g.name, 'groups', 'group');
    dup(plan.members, (m) => m.email, 'members', 'member');
    dup(plan.policies, (p) => p.type, 'policies', 'policy');
    const collections = new Set(plan.collections.map((c) => c.name.toLowerCase()));
    const groups = new Set(plan.groups.map((g) => g.name.toLowerCase()));
    const check = (access: { collection: string }[], base: (string | number)[]) =>
      access.forEach((a, i) => {
        if (!collections.has(a.collection.toLowerCase())) ctx.addIssue({ code: 'custom', message: `collection '${a.collection}' is not in the plan's collections`, path: [...base, i] });
      });
    plan.groups.forEach((g, i) => check(g.collections, ['groups', i, 'collections']));
    plan.members.forEach((m, i) => {
      check(m.collections, ['members', i, 'collections']);
      m.groups.forEach((g, j) => {
        if (!groups.has(g.toLowerCase())) ctx.addIssue({ code: 'custom', message: `group '${g}' is not in the plan's groups`, path: ['members', i, 'groups', j] });
      });
    });
  });

export type Plan = z.infer<typeof planSchema>;
export type PlanMember = z.infer<typeof planMemberSchema>;
export type PlanGroup = z.infer<typeof planGroupSchema>;
export type PlanCollection = z.infer<typeof planCollectionSchema>;
export type PlanPolicy = z.infer<typeof planPolicySchema>;
export type CollectionAccess = z.infer<typeof collectionAccessSchema>;
