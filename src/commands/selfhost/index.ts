import type { CommandSpec } from '../spec.js';
import { selfhostConfigCheckSpec } from './check.js';
import { selfhostConfigSetSpec } from './set.js';

export const selfhostSpec: CommandSpec = {
  name: 'selfhost',
  summary: 'Check and edit self-hosted server settings',
  subcommands: [
    {
      name: 'config',
      summary: 'Check or edit global.override.env',
      subcommands: [selfhostConfigCheckSpec, selfhostConfigSetSpec],
    },
  ],
};
