/**
 * Every PolicyType of admin-api.md §7.2: the name bwmsp uses on the command line, a title, the
 * `data` shape (camelCase, as server-side readers expect it) and whether Single organization (3)
 * must be on first. Data schemas are strict so a typo in `--data` is an error, not a silent no-op.
 */
import { z } from 'zod';
import { UsageError } from '../errors.js';
import { closeMatches } from './name-lookup.js';

export const SINGLE_ORG = 3;

/** PolicyTypes that need Single organization on (server `RequiredPolicies`, §7.2). */
export const REQUIRES_SINGLE_ORG: readonly number[] = [4, 8, 9, 16, 18, 20];

const bool = z.boolean().nullish();
const count = z.int().min(0).nullish();

export const masterPasswordData = z.strictObject({
  minComplexity: z.int().min(0).max(4).nullish(),
  minLength: z.int().min(12).max(128).nullish(),
  requireUpper: bool,
  requireLower: bool,
  requireNumbers: bool,
  requireSpecial: bool,
  enforceOnLogin: bool,
});

export const passwordGeneratorData = z.strictObject({
  overridePasswordType: z.enum(['password', 'passphrase']).nullish(),
  minLength: z.int().min(0).max(128).nullish(),
  useUpper: bool,
  useLower: bool,
  useNumbers: bool,
  useSpecial: bool,
  minNumbers: count,
  minSpecial: count,
  minNumberWords: count,
  capitalize: bool,
  includeNumber: bool,
});

export const sendOptionsData = z.strictObject({ disableHideEmail: z.boolean() });
export const resetPasswordData = z.strictObject({ autoEnrollEnabled: z.boolean() });
export const maximumVaultTimeoutData = z.strictObject({
  minutes: z.int().positive(),
  action: z.enum(['lock', 'logOut']).nullish(),
});
export const automaticAppLogInData = z.strictObject({ idpHost: z.string().trim().min(1) });
/** UriMatchType: 0 Domain, 1 Host, 2 StartsWith, 3 Exact, 4 RegularExpression, 5 Never. */
export const uriMatchDefaultsData = z.strictObject({ uriMatchDetection: z.int().min(0).max(5) });
export const organizationUserNotificationData = z.strictObject({
  allowBanner: bool,
  header: z.string().max(40).nullish(),
  description: z.string().min(1).max(250),
  buttonText: z.string().max(20).nullish(),
  showAfterEveryLogin: bool,
});
export const sendControlsData = z.strictObject({
  disableSend: z.boolean(),
  disableHideEmail: z.boolean(),
  /** 0 Any, 1 PasswordProtected, 2 SpecificPeople. */
  whoCanAccess: z.int().min(0).max(2).nullish(),
  /** A comma-separated list; the protocol notes give only the 1000 limit (string assumed). */
  allowedDomains: z.string().max(1000).nullish(),
  deletionHours: z.int().positive().nullish(),
  /** 0 Text, 1 File, 2 Item. */
  allowedSendTypes: z.array(z.int().min(0).max(2)).nullish(),
});
export const fillAssistData = z.strictObject({ rulesUrl: z.url({ protocol: /^https$/ }) });

export interface PolicyDef {
  type: number;
  /** Command-line name (kebab-case of the server enum name). */
  name: string;
  /** Server enum name. */
  enumName: string;
  title: string;
  /** The `data` schema; absent for policies without options. */
  data?: z.ZodType<Record<string, unknown>>;
  /** Data fields without a natural default: turning the policy on needs them (`policy set`). */
  required?: readonly string[];
  /** Values sent for fields the user did not give (booleans the server model requires). */
  defaults?: Readonly<Record<string, unknown>>;
}

export const POLICIES: readonly PolicyDef[] = [
  { type: 0, name: 'two-factor-authentication', enumName: 'TwoFactorAuthentication', title: 'Require two-step login' },
  { type: 1, name: 'master-password', enumName: 'MasterPassword', title: 'Master password requirements', data: masterPasswordData },
  { type: 2, name: 'password-generator', enumName: 'PasswordGenerator', title: 'Password generator', data: passwordGeneratorData },
  { type: 3, name: 'single-org', enumName: 'SingleOrg', title: 'Single organization' },
  { type: 4, name: 'require-sso', enumName: 'RequireSso', title: 'Require single sign-on authentication' },
  { type: 5, name: 'organization-data-ownership', enumName: 'OrganizationDataOwnership', title: 'Enforce organization data ownership' },
  { type: 6, name: 'disable-send', enumName: 'DisableSend', title: 'Remove Send (superseded by send-controls)' },
  { type: 7, name: 'send-options', enumName: 'SendOptions', title: 'Send options (superseded by send-controls)', data: sendOptionsData, defaults: { disableHideEmail: false } },
  { type: 8, name: 'account-recovery', enumName: 'ResetPassword', title: 'Account recovery administration', data: resetPasswordData, defaults: { autoEnrollEnabled: false } },
  { type: 9, name: 'maximum-vault-timeout', enumName: 'MaximumVaultTimeout', title: 'Vault timeout', data: maximumVaultTimeoutData, required: ['minutes'] },
  { type: 10, name: 'disable-personal-vault-export', enumName: 'DisablePersonalVaultExport', title: 'Remove individual vault export' },
  { type: 11, name: 'activate-autofill', enumName: 'ActivateAutofill', title: 'Activate autofill' },
  { type: 12, name: 'automatic-app-login', enumName: 'AutomaticAppLogIn', title: 'Automatic login with SSO', data: automaticAppLogInData, required: ['idpHost'] },
  { type: 13, name: 'free-families-sponsorship', enumName: 'FreeFamiliesSponsorshipPolicy', title: 'Remove Free Bitwarden Families sponsorship' },
  { type: 14, name: 'remove-unlock-with-pin', enumName: 'RemoveUnlockWithPin', title: 'Remove unlock with PIN' },
  // 15: the current web UI sends no data, and neither does bwmsp (admin-api.md marks a `restrictedTypes` list UNVERIFIED).
  { type: 15, name: 'restricted-item-types', enumName: 'RestrictedItemTypesPolicy', title: 'Remove card item type' },
  { type: 16, name: 'uri-match-defaults', enumName: 'UriMatchDefaults', title: 'Default URI match detection', data: uriMatchDefaultsData, required: ['uriMatchDetection'] },
  { type: 17, name: 'autotype-default-setting', enumName: 'AutotypeDefaultSetting', title: 'Autotype default setting' },
  { type: 18, name: 'automatic-user-confirmation', enumName: 'AutomaticUserConfirmation', title: 'Automatically confirm new members' },
  { type: 19, name: 'block-claimed-domain-account-creation', enumName: 'BlockClaimedDomainAccountCreation', title: 'Block account creation for claimed domains' },
  { type: 20, name: 'organization-user-notification', enumName: 'OrganizationUserNotification', title: 'Vault banner for members', data: organizationUserNotificationData, required: ['description'] },
  { type: 21, name: 'send-controls', enumName: 'SendControls', title: 'Send controls', data: sendControlsData, defaults: { disableSend: false, disableHideEmail: false } },
  { type: 22, name: 'fill-assist', enumName: 'FillAssist', title: 'Fill assist', data: fillAssistData, required: ['rulesUrl'] },
];

export function policyByType(type: number): PolicyDef | undefined {
  return POLICIES.find((p) => p.type === type);
}

/** A policy named by command-line name, server enum name or number. */
export function findPolicy(ref: string): PolicyDef {
  const wanted = ref.trim();
  const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const found = /^\d+$/.test(wanted)
    ? policyByType(Number(wanted))
    : POLICIES.find((p) => p.name === wanted.toLowerCase() || squash(p.enumName) === squash(wanted) || squash(p.name) === squash(wanted));
  if (found) return found;
  const close = closeMatches(wanted, POLICIES.map((p) => p.name));
  throw new UsageError(`unknown policy '${ref}'`, {
    hint: close.length ? `Did you mean: ${close.join(', ')}?` : `Policies: ${POLICIES.map((p) => p.name).join(', ')}`,
  });
}

/** The display name of any type number, known or not. */
export function policyName(type: number): string {
  return policyByType(type)?.name ?? `policy-${type}`;
}
