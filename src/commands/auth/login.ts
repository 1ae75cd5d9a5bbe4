import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { masterPassword, printSessionKey } from './shared.js';

export interface LoginOptions {
  email?: string;
  mode: 'password' | 'apikey' | 'org-apikey';
  clientId?: string;
  passwordStdin: boolean;
  code?: string;
  method?: 'email' | 'authenticator';
}

export function loginOptions(input: VerbInput): LoginOptions {
  const o = input.opts;
  if (o.apikey === true && o.orgApikey === true) throw new UsageError('--apikey and --org-apikey cannot be used together');
  const mode = o.apikey === true ? 'apikey' : o.orgApikey === true ? 'org-apikey' : 'password';
  if (mode !== 'password' && input.args[0]) throw new UsageError('an e-mail address is not used with API key logins');
  if (mode !== 'password' && o.passwordStdin === true) throw new UsageError('--password-stdin is for password logins; API keys come from BWMSP_CLIENT_ID / BWMSP_CLIENT_SECRET');
  if (typeof o.code === 'string' && !/^[0-9A-Za-z-]{4,64}$/.test(o.code.trim())) throw new UsageError('--code must be the code from the e-mail or the authenticator app');
  return {
    mode,
    passwordStdin: o.passwordStdin === true,
    ...(input.args[0] ? { email: input.args[0] } : {}),
    ...(typeof o.clientId === 'string' ? { clientId: o.clientId } : {}),
    ...(typeof o.code === 'string' ? { code: o.code } : {}),
    ...(o.method === 'email' || o.method === 'authenticator' ? { method: o.method } : {}),
  };
}

const providerNames: Record<number, string> = { 0: 'authenticator app', 1: 'e-mail', 8: 'recovery code' };

export async function loginRun(opts: LoginOptions, d: Deps): Promise<void> {
  const [{ connect }, auth, { credentialsFromEnv }] = await Promise.all([import('../../domain/connection.js'), import('../../domain/auth.js'), import('../../config/settings.js')]);
  const conn = await connect(d);
  try {
    const now = d.clock.now();
    let result;
    if (opts.mode === 'password') {
      const email = opts.email ?? (await d.prompter.input({ message: 'E-mail address', flag: '<email> argument' }));
      const password = await masterPassword(d, opts.passwordStdin);
      let codeUsed = false;
      result = await auth.loginWithPassword(conn, {
        email,
        password,
        now,
        askSecondFactor: async (providers, maskedEmail, sendEmailCode) => {
          const wanted = opts.method === 'authenticator' ? 0 : opts.method === 'email' ? 1 : undefined;
          let provider = wanted ?? (providers.includes(0) ? 0 : (providers[0] as number));
          if (wanted !== undefined && !providers.includes(wanted)) throw new UsageError(`two-step login by ${providerNames[wanted]} is not set up for this account`);
          if (opts.code && !codeUsed) {
            codeUsed = true;
            return { provider, code: opts.code };
          }
          if (wanted === undefined && providers.length > 1) {
            provider = await d.prompter.select({
              message: 'Two-step login method',
              flag: '--method',
              choices: providers.filter((p) => providerNames[p]).map((p) => ({ value: String(p), name: providerNames[p] as string })),
            }).then(Number);
          }
          if (provider === 1) {
            await sendEmailCode();
            d.out.info(`A code was sent to ${maskedEmail ?? 'your e-mail address'}.`);
          }
          const code = await d.prompter.input({ message: `Code from your ${providerNames[provider] ?? 'second factor'}`, flag: '--code' });
          return { provider, code };
        },
        askNewDeviceCode: async () => {
          if (opts.code && !codeUsed) {
            codeUsed = true;
            return opts.code;
          }
          d.out.info('New device: Bitwarden e-mailed you a verification code.');
          return d.prompter.input({ message: 'Verification code from the e-mail', flag: '--code' });
        },
      });
    } else {
      const env = credentialsFromEnv(d.env);
      const clientId = opts.clientId ?? env.clientId ?? (await d.prompter.input({ message: 'API key client_id', flag: '--client-id (or BWMSP_CLIENT_ID)' }));
      const clientSecret = env.clientSecret ?? (await d.prompter.password({ message: 'API key client_secret', flag: 'BWMSP_CLIENT_SECRET' }));
      const login = opts.mode === 'apikey' ? auth.loginWithUserApiKey : auth.loginWithOrgApiKey;
      result = await login(conn, { clientId: clientId.trim(), clientSecret: clientSecret.trim(), now });
    }
    const sessions = await d.sessions();
    sessions.write(conn.settings.profileName, result.session);
    const store = await d.config();
    const profile = store.getProfile(conn.settings.profileName);
    store.saveProfile({
      ...(profile ?? { name: conn.settings.profileName, server: conn.settings.server }),
      ...(conn.settings.caFile && !profile?.caFile ? { caFile: conn.settings.caFile } : {}),
      authMethod: result.session.authMethod,
      ...(result.session.email ? { email: result.session.email } : {}),
    });
    if (store.getActiveProfile() === undefined) store.setActiveProfile(conn.settings.profileName);
    const who = result.session.email ?? result.session.clientId ?? result.session.userId;
    const where = conn.settings.urls.kind === 'self-hosted' ? conn.settings.urls.base : `the ${conn.settings.urls.kind.toUpperCase()} cloud`;
    if (d.out.format === 'json') {
      d.out.object({
        profile: conn.settings.profileName,
        server: conn.settings.server,
        email: result.session.email ?? null,
        userId: result.session.userId,
        authMethod: result.session.authMethod,
        status: result.sessionKey ? 'unlocked' : opts.mode === 'org-apikey' ? 'authenticated' : 'locked',
        sessionKey: result.sessionKey ?? null,
        accessTokenExpiresAt: result.session.accessTokenExpiresAt,
      });
      return;
    }
    d.out.success(`Logged in as ${who} to ${where} (profile ${conn.settings.profileName})`);
    if (result.sessionKey) printSessionKey(d, result.sessionKey, false);
    else if (opts.mode === 'apikey') d.out.info("The vault is locked: run 'export BWMSP_SESSION=$(bwmsp unlock --raw)' for commands that decrypt.");
  } finally {
    await conn.api.close();
  }
}

export const loginSpec: CommandSpec = {
  name: 'login',
  summary: 'Log in to a Bitwarden server',
  description:
    'Logs in with e-mail and master password (prompted, --password-stdin or BWMSP_PASSWORD), a personal API key (--apikey) or an organization API key (--org-apikey, Public API only). API keys come from --client-id / BWMSP_CLIENT_ID and BWMSP_CLIENT_SECRET. A password login also unlocks and prints a session key to export as BWMSP_SESSION.',
  args: ['[email]'],
  options: [
    { flags: '--apikey', description: 'log in with a personal API key (user.<id>)' },
    { flags: '--org-apikey', description: 'log in with an organization API key (organization.<id>), Public API only' },
    { flags: '--client-id <id>', description: 'API key client id (or BWMSP_CLIENT_ID)' },
    { flags: '--password-stdin', description: 'read the master password from stdin' },
    { flags: '--code <code>', description: 'two-step login or new-device code' },
    { flags: '--method <method>', description: 'two-step login method', choices: ['email', 'authenticator'] },
  ],
  examples: [
    { comment: 'Interactive login', command: 'bwmsp login tech@msp.example' },
    { comment: 'In a script: password on stdin, session key captured', command: 'export BWMSP_SESSION=$(bwmsp login tech@msp.example --password-stdin < pw.txt)' },
    { comment: 'With a personal API key from the environment', command: 'BWMSP_CLIENT_ID=user.6f1c... BWMSP_CLIENT_SECRET=... bwmsp login --apikey --json' },
  ],
  run: (input, deps) => loginRun(loginOptions(input), deps),
};
