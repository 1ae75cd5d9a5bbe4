import { clientOption, type CommandSpec } from '../spec.js';

const orgRequired = { flags: '--org <org-id>', description: 'self-hosted organization id' };

export const billingSyncSpec: CommandSpec = {
  name: 'billing-sync',
  summary: 'Keep self-hosted licenses in sync with the cloud',
  subcommands: [
    {
      name: 'token',
      summary: 'Show or rotate the billing sync token of a client',
      options: [clientOption, { flags: '--rotate', description: 'make a new token (the old one stops working)' }],
      examples: [
        { comment: 'Show the token (asks the master password)', command: "bwmsp billing-sync token --client 'Contoso Ltd'" },
        { comment: 'Rotate it, password from stdin, as JSON', command: "bwmsp billing-sync token --client 'Contoso Ltd' --rotate --password-stdin --json < pw.txt" },
      ],
    },
    {
      name: 'configure',
      summary: 'Store the billing sync token on a self-hosted server',
      options: [orgRequired, { flags: '--token <token>', description: 'billing sync token from the cloud (or BWMSP_BILLING_SYNC_TOKEN)', env: 'BWMSP_BILLING_SYNC_TOKEN' }],
      examples: [
        { comment: 'Configure billing sync', command: 'bwmsp billing-sync configure --org 1f0c... --token "$TOKEN" --profile contoso-selfhost' },
        { comment: 'Token from the environment, result as JSON', command: 'BWMSP_BILLING_SYNC_TOKEN=... bwmsp billing-sync configure --org 1f0c... --json' },
      ],
    },
    {
      name: 'run',
      summary: 'Sync the license of a self-hosted organization now',
      options: [orgRequired],
      examples: [
        { comment: 'Sync now', command: 'bwmsp billing-sync run --org 1f0c... --profile contoso-selfhost' },
        { comment: 'In CI, progress as NDJSON', command: 'bwmsp billing-sync run --org 1f0c... --json' },
      ],
    },
    {
      name: 'status',
      summary: 'Show billing sync state and license expiry',
      options: [orgRequired],
      examples: [
        { comment: 'Last sync and license expiry', command: 'bwmsp billing-sync status --org 1f0c... --profile contoso-selfhost' },
        { comment: 'As JSON', command: 'bwmsp billing-sync status --org 1f0c... --json' },
      ],
    },
  ],
};
