// Onboarding benchmarks on the sandbox: a generated plan of 1000 members, 20 collections and 10
// groups applied (wall time against requests × a raw round trip; changing requests against the
// minimum the batch sizes allow), re-applied (changing requests must be 0), and applied on a
// sandbox enforcing the cloud rate limits with time-scaled windows (wall time against the floor the
// limits impose on the requests the run made; 429 answers must be 0).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLOUD_RATE_LIMITS, effectiveRateLimitRules, scaleRateLimits } from '../dist/api/pacer.js';
import { generatePlan, minimumChangingRequests } from '../test/helpers/plan-generator.ts';
import { requestsSince, round, roundTripMs, startBenchWorld } from './world.js';

export const SIZES = { members: 1000, collections: 20, groups: 10 };

function planFile(name) {
  const plan = generatePlan({ name, ...SIZES });
  const file = join(mkdtempSync(join(tmpdir(), 'bwmsp-bench-plan-')), `${name.toLowerCase().replace(/\W+/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(plan));
  return { plan, file };
}

/** Onboarding without limits, then the same plan again. */
export async function onboardingUnlimited() {
  const world = await startBenchWorld();
  try {
    const rtt = await roundTripMs(world);
    const { plan, file } = planFile('Bench Corp');
    const minimum = minimumChangingRequests(plan);

    let before = world.sandbox.stats();
    const first = await world.run(['client', 'onboard', '--plan', file, '--yes']);
    const applied = requestsSince(world, before);

    before = world.sandbox.stats();
    const again = await world.run(['client', 'onboard', '--plan', file, '--yes']);
    const reapplied = requestsSince(world, before);

    return {
      roundTripMs: round(rtt, 2),
      apply: {
        wallMs: round(first.ms),
        requests: applied.total,
        changingRequests: applied.changing,
        minimumChangingRequests: minimum.total,
        minimumInviteRequests: minimum.invites,
        requestRatio: round(applied.changing / minimum.total, 2),
        baselineMs: round(applied.total * rtt),
        timeRatio: round(first.ms / (applied.total * rtt), 2),
      },
      reapply: {
        wallMs: round(again.ms),
        requests: reapplied.total,
        changingRequests: reapplied.changing,
        baselineMs: round(reapplied.total * rtt),
        timeRatio: round(again.ms / (reapplied.total * rtt), 2),
        target: 'changingRequests = 0',
        ok: reapplied.changing === 0,
      },
    };
  } finally {
    await world.close();
  }
}

/**
 * The wall-time floor the limits impose on the requests a run made (`--debug` trace lines
 * `→ METHOD URL`): per rate-limit counter (rule pattern × period), n requests need at least
 * floor((n − 1) / limit) periods; the floor is the largest over the counters.
 */
export function rateLimitFloor(traceLines, baseUrl, timeScale) {
  const rules = scaleRateLimits(CLOUD_RATE_LIMITS, timeScale);
  const counts = new Map();
  for (const line of traceLines) {
    const m = /→ (GET|POST|PUT|DELETE|PATCH) (\S+)/.exec(line);
    if (!m) continue;
    const url = new URL(m[2]);
    const [, service, ...rest] = url.pathname.split('/');
    if (service !== 'api' && service !== 'identity') continue;
    const request = { service, method: m[1], path: `/${rest.join('/')}` };
    for (const rule of effectiveRateLimitRules(request, rules)) {
      const key = `${rule.service}|${rule.endpoint}|${rule.period}`;
      const entry = counts.get(key) ?? { rule, n: 0 };
      entry.n++;
      counts.set(key, entry);
    }
  }
  let floorMs = 0;
  let bindingRule = null;
  for (const { rule, n } of counts.values()) {
    const ms = Math.floor((n - 1) / rule.limit) * rule.periodMs;
    if (ms > floorMs) {
      floorMs = ms;
      bindingRule = `${rule.service} ${rule.endpoint} ${rule.limit}/${rule.period} × ${n} requests`;
    }
  }
  return { floorMs, bindingRule };
}

/** The same plan against the cloud rate limits (windows × timeScale), the pacer told the same scale. */
export async function onboardingCloudLimits(timeScale = 0.01) {
  const env = { BWMSP_PACE: '1', BWMSP_RATE_TIME_SCALE: String(timeScale) };
  const world = await startBenchWorld({ rateLimits: 'cloud', timeScale }, env);
  try {
    const { file } = planFile('Paced Corp');
    const before = world.sandbox.stats();
    const run = await world.run(['client', 'onboard', '--plan', file, '--yes', '--debug']);
    const counted = requestsSince(world, before);
    const { floorMs, bindingRule } = rateLimitFloor(run.stderr.split('\n'), world.sandbox.url, timeScale);
    return {
      timeScale,
      wallMs: round(run.ms),
      requests: counted.total,
      floorMs: round(floorMs),
      bindingRule,
      timeRatio: round(run.ms / floorMs, 2),
      rateLimited: counted.rateLimited,
      target: '429 answers = 0',
      ok: counted.rateLimited === 0,
    };
  } finally {
    await world.close();
  }
}
