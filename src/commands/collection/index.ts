import type { CommandSpec } from '../spec.js';
import { collectionAccessGrantSpec } from './access-grant.js';
import { collectionAccessRevokeSpec } from './access-revoke.js';
import { collectionCreateSpec } from './create.js';
import { collectionDeleteSpec } from './delete.js';
import { collectionEditSpec } from './edit.js';
import { collectionListSpec } from './list.js';

export const collectionSpec: CommandSpec = {
  name: 'collection',
  summary: 'Manage collections of an organization',
  description: 'Collection names are encrypted with the organization key; nested names use "/".',
  subcommands: [
    collectionListSpec,
    collectionCreateSpec,
    collectionEditSpec,
    collectionDeleteSpec,
    {
      name: 'access',
      summary: 'Grant or revoke access to a collection',
      subcommands: [collectionAccessGrantSpec, collectionAccessRevokeSpec],
    },
  ],
};
