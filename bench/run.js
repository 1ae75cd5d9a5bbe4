// npm run bench: every benchmark, printed as a table and written to bench/results.json. Never part
// of npm test. Each measurement is reported as a ratio against a baseline measured in the same run:
//   cold start           bwmsp --version / --help     vs  node -e 0
//   onboarding           changing requests            vs  the minimum the batch sizes allow
//                        wall time                    vs  requests × a raw HTTP round trip
//   re-apply             wall time                    vs  requests × a raw HTTP round trip (changing requests must be 0)
//   cloud rate limits    wall time                    vs  the floor the limits impose (429 answers must be 0)
//   /sync, 200 clients   median time                  vs  /sync with 1 client
//   unlock (Argon2id)    bwmsp unlock                 vs  a bare Argon2id derivation, same parameters
// BENCH_ONLY=cold-start,onboarding,cloud,sync,unlock runs a subset.
import { cpus, loadavg } from 'node:os';
import { writeFileSync } from 'node:fs';
import { coldStart } from './cold-start.js';
import { onboardingCloudLimits, onboardingUnlimited, SIZES } from './onboarding.js';
import { syncBench } from './sync.js';
import { unlockBench } from './unlock.js';

const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;
const wanted = (name) => only === null || only.has(name);
const log = (line) => process.stderr.write(`${line}\n`);

// The load average tells whether other work shared the cores during the run (ratios are relative, times are not).
const results = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, loadAverageAtStart: loadavg().map((x) => +x.toFixed(2)), plan: SIZES };
if (wanted('cold-start')) {
  log('cold start…');
  results.coldStart = coldStart();
}
if (wanted('onboarding')) {
  log(`onboarding ${SIZES.members} members / ${SIZES.collections} collections / ${SIZES.groups} groups…`);
  results.onboarding = await onboardingUnlimited();
}
if (wanted('cloud')) {
  log('onboarding under the cloud rate limits (time-scaled)…');
  results.cloudRateLimits = await onboardingCloudLimits(0.01);
}
if (wanted('sync')) {
  log('/sync with 200 clients…');
  results.sync = await syncBench();
}
if (wanted('unlock')) {
  log('unlock with Argon2id defaults…');
  results.unlock = await unlockBench();
}

results.loadAverageAtEnd = loadavg().map((x) => +x.toFixed(2));

const rows = [];
const row = (name, value, baseline, ratio, note = '') => rows.push([name, value, baseline, ratio === undefined ? '' : `${ratio}x`, note]);
const c = results.coldStart;
if (c) {
  row('bwmsp --version', `${c.versionMs} ms`, `node -e 0: ${c.nodeMs} ms`, c.versionRatio, c.versionRatio <= c.targets.versionRatio ? `ok (<= ${c.targets.versionRatio}x)` : `OVER ${c.targets.versionRatio}x`);
  row('bwmsp --help', `${c.helpMs} ms`, `node -e 0: ${c.nodeMs} ms`, c.helpRatio, c.helpRatio <= c.targets.helpRatio ? `ok (<= ${c.targets.helpRatio}x)` : `OVER ${c.targets.helpRatio}x`);
}
const o = results.onboarding;
if (o) {
  row('onboard: changing requests', o.apply.changingRequests, `minimum ${o.apply.minimumChangingRequests}`, o.apply.requestRatio, `${o.apply.requests} requests in all`);
  row('onboard: wall time', `${o.apply.wallMs} ms`, `${o.apply.requests} × ${o.roundTripMs} ms RTT = ${o.apply.baselineMs} ms`, o.apply.timeRatio);
  row('re-apply: wall time', `${o.reapply.wallMs} ms`, `${o.reapply.requests} × ${o.roundTripMs} ms RTT = ${o.reapply.baselineMs} ms`, o.reapply.timeRatio, `changing requests ${o.reapply.changingRequests} (${o.reapply.ok ? 'ok' : 'NOT 0'})`);
}
const r = results.cloudRateLimits;
if (r) row(`cloud limits ×${r.timeScale}: wall`, `${r.wallMs} ms`, `floor ${r.floorMs} ms`, r.timeRatio, `429s ${r.rateLimited} (${r.ok ? 'ok' : 'NOT 0'}); ${r.bindingRule}`);
const s = results.sync;
if (s) row(`/sync, ${s.clients} clients`, `${s.manyClients.ms} ms`, `1 client: ${s.oneClient.ms} ms`, s.ratio, `${s.manyClients.bytes} vs ${s.oneClient.bytes} bytes`);
const u = results.unlock;
if (u && !u.skipped) row('unlock (Argon2id 3/64MiB/4)', `${u.unlockMs} ms`, `bare Argon2id: ${u.bareArgon2Ms} ms`, u.ratio, `node start ${u.nodeStartMs} ms`);
else if (u) row('unlock', 'skipped', '', undefined, u.skipped);

const header = ['benchmark', 'measured', 'baseline (same run)', 'ratio', 'note'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((x) => String(x[i]).length)));
const line = (cells) => cells.map((cell, i) => String(cell).padEnd(widths[i])).join('  ').trimEnd();
process.stdout.write(`${[line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`);
writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
