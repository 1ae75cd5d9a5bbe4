import type { CommandSpec } from '../spec.js';
import { eventListSpec } from './list.js';

export const eventSpec: CommandSpec = {
  name: 'event',
  summary: 'Read event logs',
  subcommands: [eventListSpec],
};
