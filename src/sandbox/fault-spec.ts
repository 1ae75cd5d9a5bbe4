/**
 * The sandbox's fault-injection spec (`--faults`), parsed from a string such as
 * `error=0.1,429=0.05,drop=0.01,lost=0.01,latency=50-400ms`:
 *
 * - `error=P`   answer 500 with the official server's unhandled-error body; the handler does not run.
 * - `429=P`     answer 429 "Slow down!" with `Retry-After` (`retry-after=S`, seconds, default 1); the
 *               handler does not run.
 * - `drop=P`    destroy the connection BEFORE the handler runs: nothing happened on the server, the
 *               client sees a network error.
 * - `lost=P`    destroy the connection AFTER the handler ran: the server committed the change, the
 *               client sees a network error (the nasty case for non-idempotent requests).
 * - `latency=A-Bms` (or `Nms`, `A-Bs`) delay every request by a uniform time in [A, B].
 * - `scope=api|identity|all` which services are faulted (default all: the real identity server
 *   fails too). The sandbox's own `/__sandbox` routes never are.
 *
 * Probabilities are per request, in [0, 1] (or a percentage, `5%`), and add up to at most 1.
 */

export class FaultSpecError extends Error {
  override readonly name = 'FaultSpecError';
}

export type FaultScope = 'api' | 'identity' | 'all';

export interface FaultSpec {
  error: number;
  tooMany: number;
  drop: number;
  lost: number;
  /** Milliseconds; [0, 0] = none. */
  latency: { minMs: number; maxMs: number };
  retryAfterSeconds: number;
  scope: FaultScope;
}

export const NO_FAULTS: FaultSpec = {
  error: 0,
  tooMany: 0,
  drop: 0,
  lost: 0,
  latency: { minMs: 0, maxMs: 0 },
  retryAfterSeconds: 1,
  scope: 'all',
};

const KEYS = ['error', '429', 'drop', 'lost', 'latency', 'retry-after', 'scope'] as const;

function probability(key: string, raw: string): number {
  const percent = raw.endsWith('%');
  const text = percent ? raw.slice(0, -1) : raw;
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(text)) throw new FaultSpecError(`--faults ${key}=${raw}: a probability is a number from 0 to 1 (or a percentage like 5%)`);
  const value = Number(text) / (percent ? 100 : 1);
  if (value > 1) throw new FaultSpecError(`--faults ${key}=${raw}: a probability is at most 1 (100%)`);
  return value;
}

function duration(key: string, raw: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(raw);
  if (!m) throw new FaultSpecError(`--faults ${key}: '${raw}' is not a duration (e.g. 50ms or 0.5s)`);
  return Math.round(Number(m[1]) * (m[2] === 's' ? 1000 : 1));
}

function latency(raw: string): FaultSpec['latency'] {
  // `50-400ms`: the unit after the range applies to both ends unless the first has its own.
  const m = /^(\d+(?:\.\d+)?(?:ms|s)?)(?:-(\d+(?:\.\d+)?)(ms|s)?)?$/.exec(raw);
  if (!m) throw new FaultSpecError(`--faults latency=${raw}: use A-Bms (e.g. 50-400ms) or Nms`);
  const unit = m[3] ?? (/(ms|s)$/.exec(m[1] as string)?.[1] ?? 'ms');
  const first = /(ms|s)$/.test(m[1] as string) ? (m[1] as string) : `${m[1]}${unit}`;
  const minMs = duration('latency', first);
  const maxMs = m[2] === undefined ? minMs : duration('latency', `${m[2]}${unit}`);
  if (maxMs < minMs) throw new FaultSpecError(`--faults latency=${raw}: the upper bound is below the lower one`);
  return { minMs, maxMs };
}

/** Parses `--faults`; an empty string means no faults. Errors name the offending item. */
export function parseFaultSpec(text: string): FaultSpec {
  const spec: FaultSpec = { ...NO_FAULTS, latency: { ...NO_FAULTS.latency } };
  const seen = new Set<string>();
  for (const item of text.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const eq = item.indexOf('=');
    if (eq < 0) throw new FaultSpecError(`--faults: '${item}' is not KEY=VALUE (keys: ${KEYS.join(', ')})`);
    const key = item.slice(0, eq).trim().toLowerCase();
    const value = item.slice(eq + 1).trim();
    if (seen.has(key)) throw new FaultSpecError(`--faults: ${key} is given twice`);
    seen.add(key);
    switch (key) {
      case 'error':
        spec.error = probability(key, value);
        break;
      case '429':
        spec.tooMany = probability(key, value);
        break;
      case 'drop':
        spec.drop = probability(key, value);
        break;
      case 'lost':
        spec.lost = probability(key, value);
        break;
      case 'latency':
        spec.latency = latency(value);
        break;
      case 'retry-after': {
        const seconds = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
        if (!Number.isFinite(seconds)) throw new FaultSpecError(`--faults retry-after=${value}: seconds, e.g. 1 or 0.2`);
        spec.retryAfterSeconds = seconds;
        break;
      }
      case 'scope':
        if (value !== 'api' && value !== 'identity' && value !== 'all') throw new FaultSpecError(`--faults scope=${value}: use api, identity or all`);
        spec.scope = value;
        break;
      default:
        throw new FaultSpecError(`--faults: unknown key '${key}' (keys: ${KEYS.join(', ')})`);
    }
  }
  const total = spec.error + spec.tooMany + spec.drop + spec.lost;
  if (total > 1 + 1e-9) throw new FaultSpecError(`--faults: error, 429, drop and lost add up to ${+total.toFixed(4)}, more than 1`);
  return spec;
}

/** True when the spec injects anything. */
export function hasFaults(spec: FaultSpec): boolean {
  return spec.error + spec.tooMany + spec.drop + spec.lost > 0 || spec.latency.maxMs > 0;
}

/** `--fault-seed`: a whole number (deterministic runs); errors name the flag. */
export function parseFaultSeed(text: string): number {
  if (!/^\d{1,10}$/.test(text.trim())) throw new FaultSpecError(`--fault-seed ${text}: use a whole number`);
  return Number(text.trim()) >>> 0;
}

/** `--time-scale`: a factor in (0, 1] applied to the rate-limit windows. */
export function parseTimeScale(text: string): number {
  const value = /^\d*\.?\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!(value > 0 && value <= 1)) throw new FaultSpecError(`--time-scale ${text}: use a number greater than 0 and at most 1 (e.g. 0.01)`);
  return value;
}

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
