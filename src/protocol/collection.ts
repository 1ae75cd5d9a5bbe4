/** Collections as returned to members (sync `collections[]`, `GET /collections`). */
import { z } from 'zod';

export const CollectionType = {
  SharedCollection: 0,
  DefaultUserCollection: 1,
} as const;
export type CollectionType = (typeof CollectionType)[keyof typeof CollectionType];

/** `collectionDetails`: collection + the caller's access flags. `name` is an EncString under the org key. */
export const collectionDetailsResponseSchema = z.object({
  object: z.literal('collectionDetails'),
  id: z.string(),
  organizationId: z.string(),
  name: z.string(),
  externalId: z.string().nullable(),
  type: z.int(),
  defaultUserCollectionEmail: z.string().nullable(),
  readOnly: z.boolean(),
  hidePasswords: z.boolean(),
  manage: z.boolean(),
});
export type CollectionDetailsResponse = z.infer<typeof collectionDetailsResponseSchema>;
