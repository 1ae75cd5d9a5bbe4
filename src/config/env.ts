/** The process environment as the config layer sees it (`Deps.env`); never `process.env` directly. */
export type Env = Readonly<Record<string, string | undefined>>;

/** The value of an environment variable, with an empty string treated as unset. */
export function envValue(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}
