import type { CommandSpec } from '../spec.js';
import { sponsorshipListSpec } from './list.js';
import { sponsorshipOfferSpec } from './offer.js';
import { sponsorshipRevokeSpec } from './revoke.js';
import { sponsorshipStatusSpec } from './status.js';

export const sponsorshipSpec: CommandSpec = {
  name: 'sponsorship',
  summary: 'Manage families-for-enterprise sponsorships',
  subcommands: [sponsorshipListSpec, sponsorshipOfferSpec, sponsorshipRevokeSpec, sponsorshipStatusSpec],
};
