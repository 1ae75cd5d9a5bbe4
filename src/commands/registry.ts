/**
 * Top-level commands with their summaries, so the root help lists them without importing any.
 * Keep the summaries equal to the specs' own (a unit test checks).
 */
import type { TopLevelEntry } from './spec.js';

export const registry: readonly TopLevelEntry[] = [
  { name: 'login', summary: 'Log in to a Bitwarden server', load: async () => (await import('./auth/index.js')).loginSpec },
  { name: 'logout', summary: 'Log out and delete the local session', load: async () => (await import('./auth/index.js')).logoutSpec },
  { name: 'unlock', summary: 'Unlock the vault keys and print a session key', load: async () => (await import('./auth/index.js')).unlockSpec },
  { name: 'lock', summary: 'Forget the session key of the current profile', load: async () => (await import('./auth/index.js')).lockSpec },
  { name: 'status', summary: 'Show server, account and lock state', load: async () => (await import('./auth/index.js')).statusSpec },
  { name: 'profile', summary: 'Manage connection profiles', load: async () => (await import('./profile/index.js')).profileSpec },
  { name: 'provider', summary: 'Set up and run the provider', load: async () => (await import('./provider/index.js')).providerSpec },
  { name: 'client', summary: "Manage the provider's client organizations", load: async () => (await import('./client/index.js')).clientSpec },
  { name: 'member', summary: 'Manage members of an organization', load: async () => (await import('./member/index.js')).memberSpec },
  { name: 'collection', summary: 'Manage collections of an organization', load: async () => (await import('./collection/index.js')).collectionSpec },
  { name: 'group', summary: 'Manage groups of an organization', load: async () => (await import('./group/index.js')).groupSpec },
  { name: 'policy', summary: 'Manage policies of an organization', load: async () => (await import('./policy/index.js')).policySpec },
  { name: 'event', summary: 'Read event logs', load: async () => (await import('./event/index.js')).eventSpec },
  { name: 'org', summary: 'Manage organizations you belong to', load: async () => (await import('./org/index.js')).orgSpec },
  { name: 'license', summary: 'Download, upload and verify organization licenses', load: async () => (await import('./license/index.js')).licenseSpec },
  { name: 'billing-sync', summary: 'Keep self-hosted licenses in sync with the cloud', load: async () => (await import('./billing-sync/index.js')).billingSyncSpec },
  { name: 'sponsorship', summary: 'Manage families-for-enterprise sponsorships', load: async () => (await import('./sponsorship/index.js')).sponsorshipSpec },
  { name: 'selfhost', summary: 'Check and edit self-hosted server settings', load: async () => (await import('./selfhost/index.js')).selfhostSpec },
  { name: 'sandbox', summary: 'Run the local Bitwarden-compatible sandbox server', load: async () => (await import('./sandbox/index.js')).sandboxSpec },
  { name: 'completion', summary: 'Print a shell completion script', load: async () => (await import('./completion/index.js')).completionSpec },
];

export function findTopLevel(name: string): TopLevelEntry | undefined {
  return registry.find((entry) => entry.name === name);
}
