// `/sync` of a provider admin whose provider manages 200 clients, against the same request when it
// manages 1 (baseline, same run, same connection). Seeding 200 clients through the API would take
// minutes, so 199 copies of one real client (its organization row and provider link, keys
// included) are inserted directly into the sandbox store: fine for a benchmark of the read path.
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePlan } from '../test/helpers/plan-generator.ts';
import { median, round, startBenchWorld } from './world.js';

export const CLIENTS = 200;

async function timeSync(world, samples) {
  const headers = { Authorization: `Bearer ${world.accessToken()}`, 'Device-Type': '25', 'Bitwarden-Client-Name': 'cli', 'Bitwarden-Client-Version': '2026.9.0' };
  let bytes = 0;
  for (let i = 0; i < 5; i++) await (await world.fetch('/api/sync?excludeDomains=true', { headers })).arrayBuffer();
  const times = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    const res = await world.fetch('/api/sync?excludeDomains=true', { headers });
    const body = await res.arrayBuffer();
    times.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`/sync answered ${res.status}`);
    bytes = body.byteLength;
  }
  return { ms: median(times), bytes };
}

export async function syncBench(samples = 40) {
  const world = await startBenchWorld();
  try {
    const plan = generatePlan({ name: 'Sync Client 000', members: 0, collections: 1, groups: 0 });
    const file = join(mkdtempSync(join(tmpdir(), 'bwmsp-bench-sync-')), 'plan.json');
    writeFileSync(file, JSON.stringify(plan));
    await world.run(['client', 'onboard', '--plan', file, '--yes']);
    const [client] = await world.json(['client', 'list']);
    const one = await timeSync(world, samples);

    const store = world.sandbox.store;
    const org = store.organizations.findById(client.id);
    const { link } = store.providers.findOrganizationLink(client.id);
    store.transaction(() => {
      for (let i = 1; i < CLIENTS; i++) {
        const id = randomUUID();
        store.organizations.insert({ ...org, id, name: `Sync Client ${String(i).padStart(3, '0')}` });
        store.providers.insertOrganization({ ...link, id: randomUUID(), organizationId: id });
      }
    });
    const listed = await world.json(['client', 'list']);
    if (listed.length !== CLIENTS) throw new Error(`expected ${CLIENTS} clients, the provider lists ${listed.length}`);
    const many = await timeSync(world, samples);
    return {
      clients: CLIENTS,
      samples,
      oneClient: { ms: round(one.ms, 2), bytes: one.bytes },
      manyClients: { ms: round(many.ms, 2), bytes: many.bytes },
      ratio: round(many.ms / one.ms, 2),
      bytesRatio: round(many.bytes / one.bytes, 2),
    };
  } finally {
    await world.close();
  }
}
