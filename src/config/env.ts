/** The process environment as the config layer sees it (`Deps.env`); never `process.env` directly. */
export type Env = Readonly<Record<string, string | undefined>>;

/** The value of an environment variable, with an empty string treated as unset. */
export function envValue(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

/**
 * BWMSP_RATE_TIME_SCALE — a testing knob, not a user setting: the client pacer's rate-limit windows
 * are multiplied by this factor (0 < F <= 1), to match a sandbox started with
 * `--rate-limits cloud --time-scale F`. Unset (or unparsable) = 1, the real cloud windows.
 */
export function rateTimeScale(env: Env): number {
  const raw = envValue(env, 'BWMSP_RATE_TIME_SCALE');
  if (raw === undefined) return 1;
  const value = Number(raw);
  return value > 0 && value <= 1 ? value : 1;
}
