/** Groups (`/organizations/{orgId}/groups`, admin-api.md §6). Group names are plain text. */
import { z } from 'zod';
import { guidSchema } from './common.js';
import { selectionRequestSchema, selectionResponseSchema } from './member.js';

/** `POST` / `PUT` body: on PUT both lists are full replacements. `externalId` is not settable here. */
export const groupRequestSchema = z.object({
  name: z.string().min(1).max(100, { error: 'The field Name must be a string with a maximum length of 100.' }),
  collections: z.array(selectionRequestSchema).nullish(),
  users: z.array(guidSchema).nullish(),
});
export type GroupRequest = z.infer<typeof groupRequestSchema>;

/** `group`. */
export const groupResponseSchema = z.object({
  object: z.literal('group'),
  id: z.string(),
  organizationId: z.string(),
  name: z.string(),
  externalId: z.string().nullable(),
});
export type GroupResponse = z.infer<typeof groupResponseSchema>;

/** `groupDetails`: the group and its collection access. */
export const groupDetailsResponseSchema = groupResponseSchema.extend({
  object: z.literal('groupDetails'),
  collections: z.array(selectionResponseSchema),
});
export type GroupDetailsResponse = z.infer<typeof groupDetailsResponseSchema>;
