/**
 * Wire building blocks shared by every noun: GUIDs, EncStrings, dates, the error bodies and the
 * list wrapper. Field names are Bitwarden's; nothing here has behaviour.
 */
import { z } from 'zod';

/** A GUID as the server emits it: lower-case, hyphenated. The server accepts any case. */
export const guidSchema = z
  .string()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'Invalid GUID');

const B64 = '[A-Za-z0-9+/]+={0,2}';

/**
 * EncString syntax accepted by the official server's request validation: a known type prefix (or
 * the legacy header-less forms) and the right number of standard-base64 parts.
 * 0 `iv|ct`, 1/2 `iv|ct|mac`, 3/4/7 one part, 5/6 `ct|mac`.
 */
export const ENC_STRING_PATTERN = new RegExp(
  `^(?:(?:0\\.)?${B64}\\|${B64}|(?:[12]\\.)?${B64}\\|${B64}\\|${B64}|[347]\\.${B64}|[56]\\.${B64}\\|${B64})$`,
);

export const encStringSchema = z.string().regex(ENC_STRING_PATTERN, 'Invalid EncString');

/** A base64 value that is not an EncString (e.g. a public key: base64 SPKI DER). */
export const base64Schema = z.string().regex(new RegExp(`^${B64}$`), 'Invalid base64');

/**
 * An e-mail address as the official server validates it (`[EmailAddress]`: exactly one `@`, not
 * first or last), surrounding whitespace trimmed, at most 256 characters.
 */
export const emailSchema = z
  .string()
  .trim()
  .max(256)
  .regex(/^[^@\s]+@[^@\s]+$/, 'The Email field is not a valid e-mail address.');

/** ISO-8601 UTC date-time as the server emits it. */
export const dateTimeSchema = z.string();

/** `Bit.Core.Models.Api.ErrorResponseModel` (private API, camelCase). */
export const errorResponseSchema = z.object({
  object: z.literal('error'),
  message: z.string(),
  validationErrors: z.record(z.string(), z.array(z.string())).nullable(),
  exceptionMessage: z.string().nullable().optional(),
  exceptionStackTrace: z.string().nullable().optional(),
  innerExceptionMessage: z.string().nullable().optional(),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/** The message of a model-state (validation) error. */
export const MODEL_STATE_INVALID = 'The model state is invalid.';
export const RESOURCE_NOT_FOUND = 'Resource not found.';

/** Private API list wrapper: `{object: "list", data, continuationToken}`. */
export function listResponseSchema<T extends z.ZodType>(item: T) {
  return z.object({
    object: z.literal('list'),
    data: z.array(item),
    continuationToken: z.string().nullable(),
  });
}

/** `{masterPasswordHash | otp}`: a secret verification body (`SecretVerificationRequestModel`). */
export const secretVerificationRequestSchema = z.object({
  masterPasswordHash: z.string().max(300).nullish(),
  otp: z.string().nullish(),
  authRequestAccessCode: z.string().nullish(),
});
export type SecretVerificationRequest = z.infer<typeof secretVerificationRequestSchema>;

/** The message of a Public API (`/public/*`) model-state error. */
export const PUBLIC_MODEL_STATE_INVALID = "The request's model state is invalid.";

/** Public API error (`Bit.Api.Models.Public.Response.ErrorResponseModel`): `errors`, not `validationErrors`. */
export const publicErrorResponseSchema = z.object({
  object: z.literal('error'),
  message: z.string(),
  errors: z.record(z.string(), z.array(z.string())).nullish(),
});
export type PublicErrorResponse = z.infer<typeof publicErrorResponseSchema>;

/** Public API list wrapper: `{object: "list", data}` (paged lists add `continuationToken`). */
export function publicListResponseSchema<T extends z.ZodType>(item: T) {
  return z.object({
    object: z.literal('list'),
    data: z.array(item),
    continuationToken: z.string().nullish(),
  });
}

/** `{ids: guid[≥1]}`: the body of the bulk member / collection / group routes. */
export const bulkIdsRequestSchema = z.object({
  ids: z.array(guidSchema).min(1),
});
export type BulkIdsRequest = z.infer<typeof bulkIdsRequestSchema>;
