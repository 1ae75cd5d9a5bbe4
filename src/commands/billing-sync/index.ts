import type { CommandSpec } from '../spec.js';
import { billingSyncConfigureSpec } from './configure.js';
import { billingSyncRunSpec } from './run.js';
import { billingSyncStatusSpec } from './status.js';
import { billingSyncTokenSpec } from './token.js';

export const billingSyncSpec: CommandSpec = {
  name: 'billing-sync',
  summary: 'Keep self-hosted licenses in sync with the cloud',
  description:
    'The cloud side makes a billing sync token (`token`); the self-hosted side stores it (`configure`), pulls the license with it (`run`) and shows the result (`status`). No server job syncs licenses by itself: run `billing-sync run` from CI (daily is fine).',
  subcommands: [billingSyncTokenSpec, billingSyncConfigureSpec, billingSyncRunSpec, billingSyncStatusSpec],
};
