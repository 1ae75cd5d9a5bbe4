/**
 * Provider users (`/providers/{providerId}/users`): request bodies and responses. Ids in routes and
 * bodies are provider user ids (ProviderUser.Id), not account ids.
 */
import { z } from 'zod';
import { encStringSchema, guidSchema, listResponseSchema } from './common.js';
import { permissionsSchema } from './organization.js';
import { ProviderUserType } from './provider.js';

/** At most this many e-mails per invite request. */
export const PROVIDER_INVITE_MAX_EMAILS = 20;

export const providerUserTypeSchema = z.union(
  [z.literal(ProviderUserType.ProviderAdmin), z.literal(ProviderUserType.ServiceUser)],
  {
    error: (issue) =>
      issue.input === undefined || issue.input === null
        ? 'The Type field is required.'
        : `The value '${String(issue.input)}' is not a valid ProviderUserType.`,
  },
);

const STRICT_EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * `StrictEmailAddressList`: 1..20 addresses, each a valid address of at most 256 characters, with the
 * server's messages (keyed on `Emails`, naming the position of the first bad address).
 */
export const strictEmailListSchema = z.array(z.string()).superRefine((emails, ctx) => {
  if (emails.length === 0) {
    ctx.addIssue({ code: 'custom', message: 'An email is required.' });
    return;
  }
  if (emails.length > PROVIDER_INVITE_MAX_EMAILS) {
    ctx.addIssue({ code: 'custom', message: `You can only submit up to ${PROVIDER_INVITE_MAX_EMAILS} emails at a time.` });
    return;
  }
  for (const [index, email] of emails.entries()) {
    if (!STRICT_EMAIL.test(email.trim())) {
      ctx.addIssue({ code: 'custom', message: `Email #${index + 1} is not valid.` });
      return;
    }
    if (email.length > 256) {
      ctx.addIssue({ code: 'custom', message: `Email #${index + 1} is longer than 256 characters.` });
      return;
    }
  }
});

/** `ProviderUserInviteRequestModel`: `{emails, type}`. */
export const providerUserInviteRequestSchema = z.object({
  emails: strictEmailListSchema,
  type: providerUserTypeSchema,
});
export type ProviderUserInviteRequest = z.infer<typeof providerUserInviteRequestSchema>;

/** `ProviderUserAcceptRequestModel`: `{token}` from the invitation mail. */
export const providerUserAcceptRequestSchema = z.object({ token: z.string() });
export type ProviderUserAcceptRequest = z.infer<typeof providerUserAcceptRequestSchema>;

/** `ProviderUserConfirmRequestModel`: `{key}` = the provider key RSA-wrapped (type 4) to the user's public key. */
export const providerUserConfirmRequestSchema = z.object({ key: encStringSchema });
export type ProviderUserConfirmRequest = z.infer<typeof providerUserConfirmRequestSchema>;

/** `ProviderUserBulkConfirmRequestModel`: `{keys: [{id, key}]}`. */
export const providerUserBulkConfirmRequestSchema = z.object({
  keys: z.array(z.object({ id: guidSchema, key: encStringSchema })),
});
export type ProviderUserBulkConfirmRequest = z.infer<typeof providerUserBulkConfirmRequestSchema>;

/** `ProviderUserUpdateRequestModel`: `{type}`. */
export const providerUserUpdateRequestSchema = z.object({ type: providerUserTypeSchema });
export type ProviderUserUpdateRequest = z.infer<typeof providerUserUpdateRequestSchema>;

/** `ProviderUserBulkRequestModel`: `{ids}` (reinvite, public-keys, bulk delete). */
export const providerUserBulkRequestSchema = z.object({ ids: z.array(guidSchema) });
export type ProviderUserBulkRequest = z.infer<typeof providerUserBulkRequestSchema>;

/** `providerUser` (`GET /providers/{pid}/users/{id}`): `userId` is null while Invited. */
export const providerUserResponseSchema = z.object({
  object: z.string(),
  id: guidSchema,
  userId: z.string().nullable(),
  type: z.int(),
  status: z.int(),
  /** Unused for providers; null unless permissions were ever stored. */
  permissions: permissionsSchema.nullable(),
});
export type ProviderUserResponse = z.infer<typeof providerUserResponseSchema>;

/** `providerUserUserDetails` (list item): `providerUser` plus the account's name and e-mail. */
export const providerUserUserDetailsResponseSchema = providerUserResponseSchema.extend({
  object: z.literal('providerUserUserDetails'),
  name: z.string().nullable(),
  email: z.string().nullable(),
});
export type ProviderUserUserDetailsResponse = z.infer<typeof providerUserUserDetailsResponseSchema>;
export const providerUserListResponseSchema = listResponseSchema(providerUserUserDetailsResponseSchema);

/** `providerUserPublicKeyResponseModel`: `key` is the account's public key (base64 SPKI). */
export const providerUserPublicKeyResponseSchema = z.object({
  object: z.literal('providerUserPublicKeyResponseModel'),
  id: guidSchema,
  userId: guidSchema,
  key: z.string(),
});
export type ProviderUserPublicKeyResponse = z.infer<typeof providerUserPublicKeyResponseSchema>;
export const providerUserPublicKeyListResponseSchema = listResponseSchema(providerUserPublicKeyResponseSchema);

/** Bulk result of every provider bulk call: `error` is `""` on success. */
export const providerBulkResponseSchema = z.object({
  object: z.literal('providerBulkConfirmResponseModel'),
  id: guidSchema,
  error: z.string(),
});
export type ProviderBulkResponse = z.infer<typeof providerBulkResponseSchema>;
export const providerBulkListResponseSchema = listResponseSchema(providerBulkResponseSchema);
