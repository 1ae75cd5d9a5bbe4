/**
 * The root program: global flags and help topics. Nouns are attached by main.ts.
 */
import { Command, Option } from 'commander';
import { VERSION } from './version.js';

export interface GlobalOptions {
  profile?: string;
  server?: string;
  json: boolean;
  format?: 'table' | 'json' | 'csv';
  noInput: boolean;
  yes: boolean;
  quiet: boolean;
  debug: boolean;
  noColor: boolean;
}

/** Global flags that take a value, so main.ts can find the noun in argv without parsing. */
export const globalValueFlags = new Set(['--profile', '--format', '--server']);

const OUTPUT_FORMATS = ['table', 'json', 'csv'];

/**
 * `--format` is the global output format, but `client import FILE --format lastpass-csv` is how the
 * export format is spelled in the issue and in Bitwarden's own `bw import`. For that one verb a
 * `--format` value that is not an output format is passed on as `--from`.
 */
export function importFormatAlias(argv: readonly string[], words: readonly string[]): string[] {
  if (words[0] !== 'client' || words[1] !== 'import') return [...argv];
  return argv.map((arg, i) => {
    if (arg === '--format' && argv[i + 1] !== undefined && !OUTPUT_FORMATS.includes(argv[i + 1] as string)) return '--from';
    if (arg.startsWith('--format=') && !OUTPUT_FORMATS.includes(arg.slice('--format='.length))) return `--from=${arg.slice('--format='.length)}`;
    return arg;
  });
}

export function createRootProgram(): Command {
  return new Command('bwmsp')
    .description('Run the Bitwarden organizations of your clients from the terminal: providers, clients, members, collections, groups, policies, events and licenses.')
    .version(VERSION, '-v, --version', 'print the bwmsp version')
    .addOption(new Option('--profile <name>', 'connection profile to use (env BWMSP_PROFILE)'))
    .addOption(new Option('--server <server>', 'server for this run: us, eu or a self-hosted URL (env BWMSP_SERVER)'))
    .option('--json', 'print the result as JSON')
    .addOption(new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS))
    .option('--no-input', 'never prompt; fail naming the flag to pass instead')
    .option('-y, --yes', 'answer yes to confirmations (required for destructive verbs without a terminal)')
    .option('-q, --quiet', 'print no progress or success lines')
    .option('--debug', 'trace HTTP requests on stderr (secrets redacted)')
    .option('--no-color', 'turn colour off (also NO_COLOR)')
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      `
Examples:
  # Connect to the EU cloud and log in with a personal API key
  $ bwmsp profile add eu-msp --server eu && bwmsp login --apikey
  # The portal's client table, as CSV
  $ bwmsp client list --format csv
  # Rehearse everything locally
  $ bwmsp sandbox start --detach && bwmsp sandbox seed

Help topics: bwmsp help exit-codes, bwmsp help environment`,
    );
}

/** Reads global flags off the parsed command (commander: `--no-input` sets `input: false`). */
export function globalOptions(command: Command): GlobalOptions {
  const o = command.optsWithGlobals<Record<string, unknown>>();
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const format = str(o.format) as GlobalOptions['format'];
  return {
    ...(str(o.profile) ? { profile: str(o.profile) } : {}),
    ...(str(o.server) ? { server: str(o.server) } : {}),
    ...(format ? { format } : {}),
    json: o.json === true || format === 'json',
    noInput: o.input === false,
    yes: o.yes === true,
    quiet: o.quiet === true,
    debug: o.debug === true,
    noColor: o.color === false,
  };
}

export const helpTopics: Record<string, string> = {
  'exit-codes': `Exit codes

  0    success, including empty results
  1    failure: API, network or decryption error, or a bug
  2    bad flags, arguments or input files; a non-interactive run missing --yes or a value
  3    a bulk operation partly failed; the output names the items that failed
  4    not logged in, locked, or the credentials or token were refused
  5    the named object (client, member, collection, group, profile) does not exist
  130  cancelled (Ctrl-C)
`,
  environment: `Environment variables

  BWMSP_PROFILE         profile to use (like --profile)
  BWMSP_SERVER          server for this run: us, eu or a URL (like --server)
  BWMSP_CONFIG_DIR      configuration directory (profiles and session files)
  BWMSP_CA_FILE         extra CA certificate (PEM) to trust, e.g. a self-hosted internal CA
  BWMSP_CLIENT_ID       API key client id for 'login --apikey' / '--org-apikey'
  BWMSP_CLIENT_SECRET   API key client secret
  BWMSP_PASSWORD        master password (prefer --password-stdin; never stored)
  BWMSP_BILLING_SYNC_TOKEN  billing sync token for 'billing-sync configure' (or --token - on stdin)
  BWMSP_SESSION         session key printed by 'bwmsp unlock'
  BWMSP_NO_PROMPT       never prompt (like --no-input)
  BWMSP_PACE            1: pace requests under the cloud rate limits on a self-hosted server too
  BWMSP_SANDBOX_SMTP_HOST (_PORT, _FROM, _USER, _PASSWORD, _SECURE)
                        the sandbox sends its mail by SMTP too
  NO_COLOR              turn colour off; FORCE_COLOR turns it on
  CI                    never prompt, no spinners
  NODE_EXTRA_CA_CERTS   extra CA certificates Node trusts (e.g. the sandbox CA)
`,
};
