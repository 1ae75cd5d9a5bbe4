/**
 * The typed options of `policy set`: which flag sets which `data` field of which policy
 * (admin-api.md §7.2). Pure data and parsers, no schemas, so the command tree can list the flags
 * without loading zod.
 */
import { UsageError } from '../errors.js';

export type FlagValue = 'int' | 'bool' | 'text' | 'choice' | 'send-types';

export interface PolicyFlag {
  /** commander syntax. */
  flags: string;
  /** The key commander gives the value under. */
  key: string;
  description: string;
  choices?: readonly string[];
  /** Policy name → `data` field this flag sets. */
  sets: Readonly<Record<string, string>>;
  value: FlagValue;
  /** For `choice` flags: the value sent for each choice. */
  wire?: Readonly<Record<string, string | number>>;
}

const MP = 'master-password';
const PG = 'password-generator';

export const URI_MATCH_CHOICES = { domain: 0, host: 1, 'starts-with': 2, exact: 3, 'regular-expression': 4, never: 5 } as const;
export const WHO_CAN_ACCESS_CHOICES = { any: 0, 'password-protected': 1, 'specific-people': 2 } as const;
export const SEND_TYPES = { text: 0, file: 1, item: 2 } as const;

export const POLICY_FLAGS: readonly PolicyFlag[] = [
  { flags: '--min-length <n>', key: 'minLength', description: 'master-password / password-generator: minimum length', sets: { [MP]: 'minLength', [PG]: 'minLength' }, value: 'int' },
  { flags: '--min-complexity <0-4>', key: 'minComplexity', description: 'master-password: minimum strength score', sets: { [MP]: 'minComplexity' }, value: 'int' },
  { flags: '--require-upper', key: 'requireUpper', description: 'master-password: require upper case', sets: { [MP]: 'requireUpper' }, value: 'bool' },
  { flags: '--require-lower', key: 'requireLower', description: 'master-password: require lower case', sets: { [MP]: 'requireLower' }, value: 'bool' },
  { flags: '--require-numbers', key: 'requireNumbers', description: 'master-password: require numbers', sets: { [MP]: 'requireNumbers' }, value: 'bool' },
  { flags: '--require-special', key: 'requireSpecial', description: 'master-password: require special characters', sets: { [MP]: 'requireSpecial' }, value: 'bool' },
  { flags: '--enforce-on-login', key: 'enforceOnLogin', description: 'master-password: check at login', sets: { [MP]: 'enforceOnLogin' }, value: 'bool' },
  {
    flags: '--password-type <type>',
    key: 'passwordType',
    description: 'password-generator: force passwords or passphrases',
    choices: ['password', 'passphrase'],
    sets: { [PG]: 'overridePasswordType' },
    value: 'choice',
    wire: { password: 'password', passphrase: 'passphrase' },
  },
  { flags: '--use-upper', key: 'useUpper', description: 'password-generator: include upper case', sets: { [PG]: 'useUpper' }, value: 'bool' },
  { flags: '--use-lower', key: 'useLower', description: 'password-generator: include lower case', sets: { [PG]: 'useLower' }, value: 'bool' },
  { flags: '--use-numbers', key: 'useNumbers', description: 'password-generator: include numbers', sets: { [PG]: 'useNumbers' }, value: 'bool' },
  { flags: '--use-special', key: 'useSpecial', description: 'password-generator: include special characters', sets: { [PG]: 'useSpecial' }, value: 'bool' },
  { flags: '--min-numbers <n>', key: 'minNumbers', description: 'password-generator: minimum numbers', sets: { [PG]: 'minNumbers' }, value: 'int' },
  { flags: '--min-special <n>', key: 'minSpecial', description: 'password-generator: minimum special characters', sets: { [PG]: 'minSpecial' }, value: 'int' },
  { flags: '--min-number-words <n>', key: 'minNumberWords', description: 'password-generator: minimum passphrase words', sets: { [PG]: 'minNumberWords' }, value: 'int' },
  { flags: '--capitalize', key: 'capitalize', description: 'password-generator: capitalise passphrase words', sets: { [PG]: 'capitalize' }, value: 'bool' },
  { flags: '--include-number', key: 'includeNumber', description: 'password-generator: add a number to passphrases', sets: { [PG]: 'includeNumber' }, value: 'bool' },
  { flags: '--auto-enroll', key: 'autoEnroll', description: 'account-recovery: enrol new members automatically', sets: { 'account-recovery': 'autoEnrollEnabled' }, value: 'bool' },
  { flags: '--minutes <n>', key: 'minutes', description: 'maximum-vault-timeout: minutes (required)', sets: { 'maximum-vault-timeout': 'minutes' }, value: 'int' },
  {
    flags: '--action <action>',
    key: 'action',
    description: "maximum-vault-timeout: action (default: the member's choice)",
    choices: ['lock', 'logOut'],
    sets: { 'maximum-vault-timeout': 'action' },
    value: 'choice',
    wire: { lock: 'lock', logOut: 'logOut' },
  },
  { flags: '--idp-host <host>', key: 'idpHost', description: 'automatic-app-login: identity provider host (required)', sets: { 'automatic-app-login': 'idpHost' }, value: 'text' },
  {
    flags: '--uri-match <detection>',
    key: 'uriMatch',
    description: 'uri-match-defaults: default URI match detection (required)',
    choices: Object.keys(URI_MATCH_CHOICES),
    sets: { 'uri-match-defaults': 'uriMatchDetection' },
    value: 'choice',
    wire: URI_MATCH_CHOICES,
  },
  { flags: '--allow-banner', key: 'allowBanner', description: 'organization-user-notification: let members dismiss the banner', sets: { 'organization-user-notification': 'allowBanner' }, value: 'bool' },
  { flags: '--header <text>', key: 'header', description: 'organization-user-notification: banner title (max 40)', sets: { 'organization-user-notification': 'header' }, value: 'text' },
  { flags: '--description <text>', key: 'description', description: 'organization-user-notification: banner text (max 250, required)', sets: { 'organization-user-notification': 'description' }, value: 'text' },
  { flags: '--button-text <text>', key: 'buttonText', description: 'organization-user-notification: button label (max 20)', sets: { 'organization-user-notification': 'buttonText' }, value: 'text' },
  {
    flags: '--show-after-every-login',
    key: 'showAfterEveryLogin',
    description: 'organization-user-notification: show the banner after every login',
    sets: { 'organization-user-notification': 'showAfterEveryLogin' },
    value: 'bool',
  },
  { flags: '--disable-send', key: 'disableSend', description: 'send-controls: members may not create Sends', sets: { 'send-controls': 'disableSend' }, value: 'bool' },
  { flags: '--disable-hide-email', key: 'disableHideEmail', description: 'send-controls / send-options: members may not hide their e-mail', sets: { 'send-controls': 'disableHideEmail', 'send-options': 'disableHideEmail' }, value: 'bool' },
  {
    flags: '--who-can-access <who>',
    key: 'whoCanAccess',
    description: 'send-controls: who may open Sends',
    choices: Object.keys(WHO_CAN_ACCESS_CHOICES),
    sets: { 'send-controls': 'whoCanAccess' },
    value: 'choice',
    wire: WHO_CAN_ACCESS_CHOICES,
  },
  { flags: '--allowed-domains <domains>', key: 'allowedDomains', description: 'send-controls: e-mail domains Sends may go to (comma-separated)', sets: { 'send-controls': 'allowedDomains' }, value: 'text' },
  { flags: '--deletion-hours <n>', key: 'deletionHours', description: 'send-controls: delete Sends after this many hours', sets: { 'send-controls': 'deletionHours' }, value: 'int' },
  { flags: '--allowed-send-types <types>', key: 'allowedSendTypes', description: 'send-controls: Send types allowed: text,file,item', sets: { 'send-controls': 'allowedSendTypes' }, value: 'send-types' },
  { flags: '--rules-url <url>', key: 'rulesUrl', description: 'fill-assist: https URL of the fill rules (required)', sets: { 'fill-assist': 'rulesUrl' }, value: 'text' },
];

/** Not a `data` field: the metadata of organization-data-ownership (encrypted under the org key). */
export const DEFAULT_COLLECTION_NAME_FLAG = {
  flags: '--default-collection-name <name>',
  key: 'defaultCollectionName',
  description: "organization-data-ownership: name of each member's default collection",
} as const;

export const DATA_FLAG = { flags: '--data <json>', key: 'data', description: 'policy data as JSON, checked against the policy (instead of typed flags)' } as const;

/** The flag name without its value placeholder: '--min-length'. */
export function flagName(flag: Pick<PolicyFlag, 'flags'>): string {
  return flag.flags.split(' ')[0] as string;
}

/** Converts one given flag value to what goes into `data`. */
export function wireValue(flag: PolicyFlag, raw: unknown): unknown {
  const name = flagName(flag);
  switch (flag.value) {
    case 'bool':
      return raw === true;
    case 'int': {
      const text = String(raw).trim();
      if (!/^-?\d+$/.test(text)) throw new UsageError(`${name} expects a whole number, got '${String(raw)}'`);
      return Number(text);
    }
    case 'text':
      return String(raw);
    case 'choice': {
      const wire = flag.wire?.[String(raw)];
      if (wire === undefined) throw new UsageError(`${name}: '${String(raw)}' is not one of ${(flag.choices ?? []).join(', ')}`);
      return wire;
    }
    case 'send-types': {
      const words = String(raw).split(',').map((w) => w.trim().toLowerCase()).filter((w) => w !== '');
      if (words.length === 0) throw new UsageError(`${name}: name at least one of ${Object.keys(SEND_TYPES).join(', ')}`);
      return [
        ...new Set(
          words.map((w) => {
            const value = (SEND_TYPES as Record<string, number>)[w];
            if (value === undefined) throw new UsageError(`${name}: unknown Send type '${w}'; use ${Object.keys(SEND_TYPES).join(', ')}`);
            return value;
          }),
        ),
      ];
    }
  }
}

/** Flags that set a field of this policy. */
export function flagsFor(policyName: string): PolicyFlag[] {
  return POLICY_FLAGS.filter((f) => policyName in f.sets);
}
