/**
 * JSON bodies on GET requests (licensing-and-selfhost.md §3.3: `GET licenses/organization/{id}` carries
 * `{licenseKey, billingSyncKey}`). The Node adapter does not hand a GET body to the Request, so it is
 * read from the raw Node request; in-process requests (`app.request`) keep it on the Request.
 */
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import type { SandboxEnv } from '../context.js';

export async function readGetBodyText(c: Context<SandboxEnv>): Promise<string> {
  const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
  if (incoming === undefined) return c.req.raw.body === null ? '' : await c.req.text();
  if (incoming.readableEnded) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/** The GET body as JSON; empty or malformed → undefined (the server binds an empty model). */
export async function readGetJson(c: Context<SandboxEnv>): Promise<unknown> {
  const text = await readGetBodyText(c);
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
