import { clientOption, orgOption, type CommandSpec } from '../spec.js';

const target = [clientOption, orgOption];

export const sponsorshipSpec: CommandSpec = {
  name: 'sponsorship',
  summary: 'Manage families-for-enterprise sponsorships',
  subcommands: [
    {
      name: 'list',
      aliases: ['ls'],
      summary: 'List sponsorships of an organization',
      options: target,
      examples: [
        { comment: "A client's sponsorships", command: "bwmsp sponsorship list --client 'Contoso Ltd'" },
        { comment: 'As JSON', command: "bwmsp sponsorship list --client 'Contoso Ltd' --json" },
      ],
    },
    {
      name: 'offer',
      summary: 'Offer a families sponsorship to a member',
      options: [...target, { flags: '--member <email>', description: 'member who receives the offer' }],
      examples: [
        { comment: 'Offer a sponsorship', command: "bwmsp sponsorship offer --member ana@contoso.example --client 'Contoso Ltd'" },
        { comment: 'Same, as JSON', command: "bwmsp sponsorship offer --member ana@contoso.example --client 'Contoso Ltd' --json" },
      ],
    },
    {
      name: 'revoke',
      summary: 'Revoke a families sponsorship',
      options: [...target, { flags: '--member <email>', description: 'member whose sponsorship ends' }],
      examples: [
        { comment: 'Revoke a sponsorship', command: "bwmsp sponsorship revoke --member ana@contoso.example --client 'Contoso Ltd' --yes" },
        { comment: 'Same, as JSON', command: "bwmsp sponsorship revoke --member ana@contoso.example --client 'Contoso Ltd' --yes --json" },
      ],
    },
    {
      name: 'status',
      summary: 'Show sponsorship state, including pending syncs',
      options: target,
      examples: [
        { comment: 'Sponsorship state on a self-hosted server', command: 'bwmsp sponsorship status --org 1f0c... --profile contoso-selfhost' },
        { comment: 'As JSON', command: "bwmsp sponsorship status --client 'Contoso Ltd' --json" },
      ],
    },
  ],
};
