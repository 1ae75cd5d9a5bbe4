import { allClientsOption, clientOption, orgOption, type CommandSpec } from '../spec.js';

export const eventSpec: CommandSpec = {
  name: 'event',
  summary: 'Read event logs',
  subcommands: [
    {
      name: 'list',
      aliases: ['ls'],
      summary: 'List events of an organization or the provider',
      options: [
        clientOption,
        orgOption,
        allClientsOption,
        { flags: '--provider', description: 'the provider event log instead of an organization' },
        { flags: '--since <date>', description: 'only events at or after this date (ISO 8601 or 7d, 24h)' },
        { flags: '--until <date>', description: 'only events before this date' },
        { flags: '--member <email-or-id>', description: 'only events by or about this member' },
        { flags: '--type <type>', description: 'only this event type, by number or name (repeatable)', repeatable: true },
      ],
      examples: [
        { comment: "A client's events of the last day", command: "bwmsp event list --client 'Contoso Ltd' --since 24h" },
        { comment: 'Logins by one member, as CSV', command: "bwmsp event list --client 'Contoso Ltd' --member ana@contoso.example --type user-logged-in --format csv" },
        { comment: 'The provider log as JSON', command: 'bwmsp event list --provider --since 2026-11-01 --json' },
      ],
    },
  ],
};
