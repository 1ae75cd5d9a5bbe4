/** Request helpers shared by routes: JSON bodies validated with the wire schemas, client address, e-mail normalisation. */
import type { Context } from 'hono';
import type { z } from 'zod';
import type { SandboxEnv } from '../context.js';
import { ModelStateError, type ValidationErrors } from '../errors.js';

/** The normalised form used for storage and lookups: trimmed, lower-cased. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The peer address of the connection ("local" when called in-process). */
export function clientIp(c: Context<SandboxEnv>): string {
  const env = c.env as SandboxEnv['Bindings'] | undefined;
  return env?.incoming?.socket.remoteAddress ?? 'local';
}

/**
 * JSON request binding is case-insensitive on the official server; clients send camelCase. Lower
 * the first letter of every object key (recursively) so PascalCase bodies bind too.
 */
export function camelizeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelizeKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      const camel = key.length > 0 ? key.charAt(0).toLowerCase() + key.slice(1) : key;
      out[camel] = camelizeKeys(inner);
    }
    return out;
  }
  return value;
}

function fieldName(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else {
      const text = String(part);
      const pascal = text.charAt(0).toUpperCase() + text.slice(1);
      out += out === '' ? pascal : `.${pascal}`;
    }
  }
  return out;
}

/** Zod issues → `validationErrors` keyed like ASP.NET model state (`Email`, `Keys.PublicKey`). */
export function toValidationErrors(error: z.ZodError): ValidationErrors {
  const errors: ValidationErrors = {};
  for (const issue of error.issues) {
    const field = fieldName(issue.path);
    const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
    const message = missing ? `The ${field || 'value'} field is required.` : issue.message;
    (errors[field] ??= []).push(message);
  }
  return errors;
}

export function parseWith<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(camelizeKeys(value));
  if (!result.success) throw new ModelStateError(toValidationErrors(result.error));
  return result.data;
}

/** Reads a JSON body without validating it; an empty or malformed body is a model-state error. */
export async function readJson(c: Context<SandboxEnv>): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') throw new ModelStateError({ '': ['Body is empty.'] });
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ModelStateError({ $: ['The JSON value could not be parsed.'] });
  }
}

/** Reads and validates a JSON body; an empty or malformed body is a model-state error. */
export async function readBody<T extends z.ZodType>(c: Context<SandboxEnv>, schema: T): Promise<z.infer<T>> {
  return parseWith(schema, await readJson(c));
}
