/**
 * The one pagination loop (STYLE.md §6). Bitwarden lists are `{object: "list", data: [...],
 * continuationToken}` (admin-api.md §11.2); only events are actually paged, every other list comes
 * complete with `continuationToken: null`.
 */
import { z } from 'zod';
import { BwmspError } from '../errors.js';

export interface Page<T> {
  data: T[];
  continuationToken?: string | null;
}

/** Yield every item of every page, following continuation tokens until the server stops sending one. */
export async function* paginate<T>(
  fetchPage: (continuationToken?: string) => Promise<Page<T>>,
): AsyncGenerator<T, void, undefined> {
  const seen = new Set<string>();
  let token: string | undefined;
  for (;;) {
    const page = await fetchPage(token);
    yield* page.data;
    const next = page.continuationToken;
    if (next === undefined || next === null || next === '') return;
    if (seen.has(next)) {
      throw new BwmspError('the server repeated a continuation token; stopped paging to avoid an endless loop');
    }
    seen.add(next);
    token = next;
  }
}

/** Zod schema of the list wrapper around `item` (camelCase, as the API sends it). */
export function listSchema<T extends z.ZodType>(item: T) {
  return z.object({
    object: z.literal('list').optional(),
    data: z.array(item),
    continuationToken: z.string().nullish(),
  });
}
