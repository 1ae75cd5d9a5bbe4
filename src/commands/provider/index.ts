import { type CommandSpec } from '../spec.js';

const sinceUntil = [
  { flags: '--since <date>', description: 'only events at or after this date (ISO 8601 or 7d, 24h)' },
  { flags: '--until <date>', description: 'only events before this date' },
] as const;

const usersSpec: CommandSpec = {
  name: 'users',
  summary: 'Manage provider users (admins and service users)',
  subcommands: [
    {
      name: 'list',
      aliases: ['ls'],
      summary: 'List provider users with status and role',
      options: [
        { flags: '--status <status>', description: 'filter by status', choices: ['invited', 'accepted', 'confirmed'] },
        { flags: '--role <role>', description: 'filter by role', choices: ['admin', 'service-user'] },
      ],
      examples: [
        { comment: 'List all provider users', command: 'bwmsp provider users list' },
        { comment: 'Users who accepted and wait for confirmation, as JSON', command: 'bwmsp provider users list --status accepted --json' },
      ],
    },
    {
      name: 'invite',
      summary: 'Invite people to the provider',
      args: ['<email...>'],
      options: [{ flags: '--role <role>', description: 'role of the new users', choices: ['admin', 'service-user'], defaultValue: 'service-user' }],
      examples: [
        { comment: 'Invite two service users', command: 'bwmsp provider users invite ana@msp.example bo@msp.example' },
        { comment: 'Invite a second provider admin', command: 'bwmsp provider users invite chief@msp.example --role admin' },
      ],
    },
    {
      name: 'reinvite',
      summary: 'Send the provider invitation again',
      args: ['<email-or-id...>'],
      examples: [
        { comment: 'Re-send an invitation', command: 'bwmsp provider users reinvite ana@msp.example' },
        { comment: 'Re-send several, printing the result as JSON', command: 'bwmsp provider users reinvite ana@msp.example bo@msp.example --json' },
      ],
    },
    {
      name: 'accept',
      summary: 'Accept a provider invitation as the invitee',
      options: [
        { flags: '--provider <provider-id>', description: 'provider id from the invitation link' },
        { flags: '--user <provider-user-id>', description: 'provider user id from the invitation link' },
        { flags: '--token <token>', description: 'invitation token from the mail' },
      ],
      examples: [
        { comment: 'Accept with the values from the invitation link', command: 'bwmsp provider users accept --provider 6f1c... --user 9a2b... --token abc...' },
        { comment: 'Accept and print the result as JSON', command: 'bwmsp provider users accept --provider 6f1c... --user 9a2b... --token abc... --json' },
      ],
    },
    {
      name: 'confirm',
      summary: 'Confirm accepted provider users (shares the provider key)',
      args: ['[email-or-id...]'],
      options: [
        { flags: '--all-accepted', description: 'confirm every user awaiting confirmation' },
        { flags: '--verify', description: 'show each fingerprint phrase and ask before confirming' },
      ],
      examples: [
        { comment: 'Confirm one user after checking the fingerprint phrase', command: 'bwmsp provider users confirm ana@msp.example --verify' },
        { comment: 'Confirm everyone who accepted', command: 'bwmsp provider users confirm --all-accepted --yes' },
      ],
    },
    {
      name: 'remove',
      summary: 'Remove users from the provider',
      args: ['<email-or-id...>'],
      examples: [
        { comment: 'Remove a user who left', command: 'bwmsp provider users remove bo@msp.example --yes' },
        { comment: 'Remove two users and print results as JSON', command: 'bwmsp provider users remove a@msp.example b@msp.example --yes --json' },
      ],
    },
    {
      name: 'set-role',
      summary: 'Change the role of provider users',
      args: ['<email-or-id...>'],
      options: [{ flags: '--role <role>', description: 'new role', choices: ['admin', 'service-user'] }],
      examples: [
        { comment: 'Promote a service user to provider admin', command: 'bwmsp provider users set-role ana@msp.example --role admin' },
        { comment: 'Demote an admin', command: 'bwmsp provider users set-role chief@msp.example --role service-user --json' },
      ],
    },
  ],
};

export const providerSpec: CommandSpec = {
  name: 'provider',
  summary: 'Set up and run the provider',
  description: 'What the Bitwarden Provider Portal does: provider setup, provider users, events and billing.',
  subcommands: [
    {
      name: 'setup',
      summary: 'Set up a provider from a provider invitation',
      options: [
        { flags: '--provider <provider-id>', description: 'provider id from the setup invitation' },
        { flags: '--token <token>', description: 'setup token from the invitation mail' },
        { flags: '--name <name>', description: 'provider name' },
        { flags: '--billing-email <email>', description: 'billing e-mail address' },
      ],
      examples: [
        { comment: 'Set up the provider from the invitation', command: "bwmsp provider setup --provider 6f1c... --token abc... --name 'Acme MSP' --billing-email billing@msp.example" },
        { comment: 'Same, printing the provider as JSON', command: "bwmsp provider setup --provider 6f1c... --token abc... --name 'Acme MSP' --billing-email billing@msp.example --json" },
      ],
    },
    {
      name: 'view',
      summary: 'Show the provider',
      options: [{ flags: '--provider <provider-id>', description: 'provider id (default: the profile or your only provider)' }],
      examples: [
        { comment: 'Show the provider of the current profile', command: 'bwmsp provider view' },
        { comment: 'As JSON', command: 'bwmsp provider view --json' },
      ],
    },
    {
      name: 'edit',
      summary: 'Change the provider name or billing e-mail',
      options: [
        { flags: '--name <name>', description: 'new provider name' },
        { flags: '--billing-email <email>', description: 'new billing e-mail address' },
      ],
      examples: [
        { comment: 'Rename the provider', command: "bwmsp provider edit --name 'Acme Managed Services'" },
        { comment: 'Change the billing address', command: 'bwmsp provider edit --billing-email ap@msp.example --json' },
      ],
    },
    usersSpec,
    {
      name: 'events',
      summary: 'Show the provider event log',
      options: [...sinceUntil, { flags: '--type <type...>', description: 'only these event types (number or name)' }],
      examples: [
        { comment: 'Events of the last 7 days', command: 'bwmsp provider events --since 7d' },
        { comment: 'Export a month as CSV', command: 'bwmsp provider events --since 2026-10-01 --until 2026-11-01 --format csv > events.csv' },
      ],
    },
    {
      name: 'billing',
      summary: 'Show the provider subscription and invoices',
      options: [{ flags: '--invoices', description: 'list invoices instead of the subscription' }],
      examples: [
        { comment: 'Plans, seat minimums and assigned seats', command: 'bwmsp provider billing' },
        { comment: 'Invoices as CSV', command: 'bwmsp provider billing --invoices --format csv' },
      ],
    },
  ],
};
