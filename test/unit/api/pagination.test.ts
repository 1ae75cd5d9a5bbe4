import type { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { listSchema, paginate, type Page } from '../../../src/api/pagination.js';
import { CLOUD_URLS, JSON_HEADERS, createMockAgent, createTestClient } from './mock-api.js';

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

describe('paginate', () => {
  it('follows continuation tokens until the server sends none', async () => {
    const pages: Record<string, Page<number>> = {
      first: { data: [1, 2], continuationToken: 't1' },
      t1: { data: [3], continuationToken: 't2' },
      t2: { data: [4, 5], continuationToken: null },
    };
    const asked: Array<string | undefined> = [];

    const items = await collect(
      paginate(async (token) => {
        asked.push(token);
        const page = pages[token ?? 'first'];
        if (page === undefined) throw new Error(`unexpected token ${token}`);
        return page;
      }),
    );

    expect(items).toEqual([1, 2, 3, 4, 5]);
    expect(asked).toEqual([undefined, 't1', 't2']);
  });

  it.each([undefined, null, ''])('stops after one page when the token is %o', async (continuationToken) => {
    let calls = 0;
    const items = await collect(
      paginate(async () => {
        calls += 1;
        return continuationToken === undefined ? { data: ['a'] } : { data: ['a'], continuationToken };
      }),
    );
    expect(items).toEqual(['a']);
    expect(calls).toBe(1);
  });

  it('fetches lazily: a consumer that stops early fetches no further page', async () => {
    let calls = 0;
    const source = paginate(async (token) => {
      calls += 1;
      return { data: [token ?? 'start'], continuationToken: `next-${calls}` };
    });
    for await (const item of source) {
      expect(item).toBe('start');
      break;
    }
    expect(calls).toBe(1);
  });

  it('refuses a server that repeats a continuation token', async () => {
    await expect(
      collect(paginate(async () => ({ data: [1], continuationToken: 'same' }))),
    ).rejects.toThrow(/repeated a continuation token/);
  });
});

describe('paging through the API client', () => {
  let agent: MockAgent;

  beforeEach(() => {
    agent = createMockAgent();
  });

  afterEach(async () => {
    agent.assertNoPendingInterceptors();
    await agent.close();
  });

  it('reads every event page of an organization', async () => {
    const event = z.object({ type: z.number(), date: z.string() });
    const pool = agent.get(CLOUD_URLS.api);
    pool
      .intercept({ path: '/organizations/o1/events?start=2026-01-01', method: 'GET' })
      .reply(200, { object: 'list', data: [{ type: 1000, date: 'd1' }], continuationToken: 'abc' }, { headers: JSON_HEADERS });
    pool
      .intercept({ path: '/organizations/o1/events?start=2026-01-01&continuationToken=abc', method: 'GET' })
      .reply(200, { object: 'list', data: [{ type: 1001, date: 'd2' }], continuationToken: null }, { headers: JSON_HEADERS });
    const { client } = createTestClient(agent);

    const events = await collect(
      paginate((continuationToken) =>
        client.request({
          service: 'api',
          method: 'GET',
          path: '/organizations/o1/events',
          query: { start: '2026-01-01', continuationToken },
          schema: listSchema(event),
        }),
      ),
    );

    expect(events).toEqual([
      { type: 1000, date: 'd1' },
      { type: 1001, date: 'd2' },
    ]);
  });
});
