import type { CommandSpec } from '../spec.js';
import { policyDisableSpec } from './disable.js';
import { policyEnableSpec } from './enable.js';
import { policyListSpec } from './list.js';
import { policySetSpec } from './set.js';
import { policyViewSpec } from './view.js';

/** Policy names accepted on the command line (kebab-case of the server's PolicyType names). */
export const policyNames = [
  'two-factor-authentication',
  'master-password',
  'password-generator',
  'single-org',
  'require-sso',
  'organization-data-ownership',
  'disable-send',
  'send-options',
  'account-recovery',
  'maximum-vault-timeout',
  'disable-personal-vault-export',
  'activate-autofill',
  'automatic-app-login',
  'free-families-sponsorship',
  'remove-unlock-with-pin',
  'restricted-item-types',
  'uri-match-defaults',
  'autotype-default-setting',
  'automatic-user-confirmation',
  'block-claimed-domain-account-creation',
  'organization-user-notification',
  'send-controls',
  'fill-assist',
] as const;

export const policySpec: CommandSpec = {
  name: 'policy',
  summary: 'Manage policies of an organization',
  description: `Policy types: ${policyNames.join(', ')}.`,
  subcommands: [policyListSpec, policyViewSpec, policyEnableSpec, policyDisableSpec, policySetSpec],
};
