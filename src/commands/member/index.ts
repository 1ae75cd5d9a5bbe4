import { allClientsOption, clientOption, orgOption, type CommandSpec } from '../spec.js';

const target = [clientOption, orgOption];
const roles = ['owner', 'admin', 'user', 'custom'] as const;

export const memberSpec: CommandSpec = {
  name: 'member',
  summary: 'Manage members of an organization',
  description: 'Members are addressed by e-mail or id. Use --client for a client of your provider, --org for any organization.',
  subcommands: [
    {
      name: 'list',
      aliases: ['ls'],
      summary: 'List members with status, role, 2FA and groups',
      options: [
        ...target,
        { flags: '--status <status>', description: 'filter by status', choices: ['invited', 'accepted', 'confirmed', 'revoked'] },
        { flags: '--role <role>', description: 'filter by role', choices: roles },
      ],
      examples: [
        { comment: "List a client's members", command: "bwmsp member list --client 'Contoso Ltd'" },
        { comment: 'Members awaiting confirmation, as JSON', command: "bwmsp member list --client 'Contoso Ltd' --status accepted --json" },
      ],
    },
    {
      name: 'invite',
      summary: 'Invite members by e-mail, from arguments, CSV or stdin',
      args: ['[email...]'],
      options: [
        ...target,
        { flags: '--csv <file>', description: "CSV with columns email, role, groups, collections ('-' for stdin)", complete: 'files' },
        { flags: '--role <role>', description: 'role of the new members', choices: roles, defaultValue: 'user' },
        { flags: '--group <name>', description: 'add to this group (repeatable)', repeatable: true },
        { flags: '--collection <name[:permission]>', description: 'give access to a collection (repeatable)', repeatable: true },
        { flags: '--permission <name>', description: 'custom role permission (repeatable)', repeatable: true },
      ],
      examples: [
        { comment: 'Invite two users into a group', command: "bwmsp member invite ana@contoso.example bo@contoso.example --client 'Contoso Ltd' --group Finance" },
        { comment: 'Invite from a CSV file', command: "bwmsp member invite --csv staff.csv --client 'Contoso Ltd' --json" },
      ],
    },
    {
      name: 'reinvite',
      summary: 'Send invitations again',
      args: ['<email-or-id...>'],
      options: target,
      examples: [
        { comment: 'Re-send an invitation', command: "bwmsp member reinvite ana@contoso.example --client 'Contoso Ltd'" },
        { comment: 'Re-send to several members, results as JSON', command: "bwmsp member reinvite a@contoso.example b@contoso.example --client 'Contoso Ltd' --json" },
      ],
    },
    {
      name: 'accept',
      summary: 'Accept an organization invitation as the invitee',
      options: [
        { flags: '--org <org-id>', description: 'organization id from the invitation link' },
        { flags: '--user <org-user-id>', description: 'organization user id from the invitation link' },
        { flags: '--token <token>', description: 'invitation token from the mail' },
      ],
      examples: [
        { comment: 'Accept with the values from the invitation link', command: 'bwmsp member accept --org 1f0c... --user 77aa... --token abc...' },
        { comment: 'Accept, result as JSON', command: 'bwmsp member accept --org 1f0c... --user 77aa... --token abc... --json' },
      ],
    },
    {
      name: 'confirm',
      summary: 'Confirm accepted members (shares the organization key)',
      args: ['[email-or-id...]'],
      options: [
        ...target,
        { flags: '--all-accepted', description: 'confirm every member awaiting confirmation' },
        allClientsOption,
        { flags: '--verify', description: 'show each fingerprint phrase and ask before confirming' },
      ],
      examples: [
        { comment: 'Confirm one member after checking the fingerprint phrase', command: "bwmsp member confirm ana@contoso.example --client 'Contoso Ltd' --verify" },
        { comment: 'Confirm everyone who accepted, in every client', command: 'bwmsp member confirm --all-accepted --all-clients --yes --json' },
      ],
    },
    {
      name: 'set-role',
      summary: 'Change the role of members',
      args: ['<email-or-id...>'],
      options: [
        ...target,
        { flags: '--role <role>', description: 'new role', choices: roles },
        { flags: '--permission <name>', description: 'custom role permission (repeatable)', repeatable: true },
      ],
      examples: [
        { comment: 'Make a member an admin', command: "bwmsp member set-role ana@contoso.example --client 'Contoso Ltd' --role admin" },
        { comment: 'Custom role that manages groups and users', command: "bwmsp member set-role bo@contoso.example --client 'Contoso Ltd' --role custom --permission manage-groups --permission manage-users" },
      ],
    },
    {
      name: 'revoke',
      summary: 'Revoke access of members',
      args: ['<email-or-id...>'],
      options: target,
      examples: [
        { comment: 'Revoke a leaver', command: "bwmsp member revoke bo@contoso.example --client 'Contoso Ltd' --yes" },
        { comment: 'Revoke several, results as JSON', command: "bwmsp member revoke a@contoso.example b@contoso.example --client 'Contoso Ltd' --yes --json" },
      ],
    },
    {
      name: 'restore',
      summary: 'Restore access of revoked members',
      args: ['<email-or-id...>'],
      options: target,
      examples: [
        { comment: 'Restore a member', command: "bwmsp member restore bo@contoso.example --client 'Contoso Ltd'" },
        { comment: 'Restore several, results as JSON', command: "bwmsp member restore a@contoso.example b@contoso.example --client 'Contoso Ltd' --json" },
      ],
    },
    {
      name: 'remove',
      summary: 'Remove members from the organization',
      args: ['<email-or-id...>'],
      options: target,
      examples: [
        { comment: 'Remove a member', command: "bwmsp member remove bo@contoso.example --client 'Contoso Ltd' --yes" },
        { comment: 'Remove by id, results as JSON', command: 'bwmsp member remove 77aa... --org 1f0c... --yes --json' },
      ],
    },
  ],
};
