import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { dataOption, parsePort, runtimeView, sandboxDir } from './shared.js';

export interface SandboxStartOptions {
  port: number;
  dataDir: string;
  mode: 'cloud' | 'selfhost';
  detach: boolean;
  http: boolean;
  verbose: boolean;
  cloudUrl?: string | undefined;
  installationId?: string | undefined;
  installationKey?: string | undefined;
  cloudCaFile?: string | undefined;
  licenseCerts?: string[] | undefined;
  faults?: string | undefined;
  faultSeed?: number | undefined;
  rateLimits?: 'cloud' | undefined;
  timeScale?: number | undefined;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `--cloud-url`, `--installation-id`, `--installation-key`, `--license-cert` (selfhost only). */
function selfhostOptions(o: VerbInput['opts'], mode: 'cloud' | 'selfhost'): Pick<SandboxStartOptions, 'cloudUrl' | 'installationId' | 'installationKey' | 'cloudCaFile' | 'licenseCerts'> {
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const certs = (Array.isArray(o.licenseCert) ? o.licenseCert : o.licenseCert === undefined ? [] : [o.licenseCert])
    .flatMap((v) => String(v).split(','))
    .filter((v) => v !== '');
  const picked = { cloudUrl: text(o.cloudUrl), installationId: text(o.installationId), installationKey: text(o.installationKey), cloudCaFile: text(o.cloudCa), licenseCerts: certs.length ? certs : undefined };
  const given = Object.entries({ '--cloud-url': picked.cloudUrl, '--installation-id': picked.installationId, '--installation-key': picked.installationKey, '--cloud-ca': picked.cloudCaFile, '--license-cert': picked.licenseCerts })
    .filter(([, v]) => v !== undefined)
    .map(([flag]) => flag);
  if (mode !== 'selfhost' && given.length) throw new UsageError(`${given.join(', ')}: only with --mode selfhost`);
  if (picked.installationId !== undefined && !GUID.test(picked.installationId)) throw new UsageError(`--installation-id ${picked.installationId}: not an installation id (a GUID)`);
  if (picked.cloudUrl !== undefined && !/^https?:\/\/[^/]/.test(picked.cloudUrl)) throw new UsageError(`--cloud-url ${picked.cloudUrl}: use an http(s) URL, e.g. the cloud sandbox's url`);
  return picked;
}

/** `--faults`, `--fault-seed`, `--rate-limits`, `--time-scale` (testing knobs), checked before anything starts. */
async function testingKnobs(o: VerbInput['opts']): Promise<Pick<SandboxStartOptions, 'faults' | 'faultSeed' | 'rateLimits' | 'timeScale'>> {
  const given = [o.faults, o.faultSeed, o.rateLimits, o.timeScale].some((v) => v !== undefined);
  if (!given) return {};
  if (o.rateLimits !== undefined && o.rateLimits !== 'cloud') throw new UsageError(`--rate-limits ${String(o.rateLimits)}: use cloud`);
  if (o.timeScale !== undefined && o.rateLimits === undefined) throw new UsageError('--time-scale scales the rate-limit windows; give it with --rate-limits cloud');
  const { parseFaultSpec, parseFaultSeed, parseTimeScale, FaultSpecError } = await import('../../sandbox/server.js');
  try {
    if (typeof o.faults === 'string') parseFaultSpec(o.faults);
    return {
      ...(typeof o.faults === 'string' ? { faults: o.faults } : {}),
      ...(o.faultSeed !== undefined ? { faultSeed: parseFaultSeed(String(o.faultSeed)) } : {}),
      ...(o.rateLimits === 'cloud' ? { rateLimits: 'cloud' as const } : {}),
      ...(o.timeScale !== undefined ? { timeScale: parseTimeScale(String(o.timeScale)) } : {}),
    };
  } catch (error) {
    if (error instanceof FaultSpecError) throw new UsageError(error.message, { hint: 'Example: --faults error=0.1,429=0.05,drop=0.01,lost=0.01,latency=50-400ms' });
    throw error;
  }
}

export async function sandboxStartOptions(input: VerbInput, d: Pick<Deps, 'config'>): Promise<SandboxStartOptions> {
  const o = input.opts;
  if (o.mode !== 'cloud' && o.mode !== 'selfhost') throw new UsageError(`--mode ${String(o.mode)}: use cloud or selfhost`);
  return {
    port: parsePort(o.port),
    dataDir: await sandboxDir(d, o.data),
    mode: o.mode,
    detach: o.detach === true,
    http: o.http === true,
    verbose: o.verbose === true,
    ...selfhostOptions(o, o.mode),
    ...(await testingKnobs(o)),
  };
}

function describe(d: Pick<Deps, 'out'>, info: ReturnType<typeof runtimeView>, detached: boolean): void {
  d.out.success(`Sandbox (${info.mode}) listening on ${info.url}${detached ? ` as pid ${info.pid}` : ''}`);
  if (info.caFile) d.out.info(`CA certificate: ${info.caFile}\n  trust it with: bwmsp profile add sandbox --server ${info.url} --ca-file ${info.caFile}\n  official CLI: NODE_EXTRA_CA_CERTS=${info.caFile} bw config server ${info.url}`);
  else d.out.warn('plain HTTP: bwmsp only; the official Bitwarden clients require HTTPS');
  d.out.info(`Data: ${info.dataDir}`);
}

export async function sandboxStartRun(o: SandboxStartOptions, d: Deps): Promise<void> {
  const control = await import('../../domain/sandbox-control.js');
  const running = control.runningSandbox(o.dataDir);
  if (running) {
    d.out.warn(`a sandbox already runs in ${o.dataDir} (pid ${running.pid}); not starting another`);
    if (d.out.format === 'json') d.out.object(runtimeView(running));
    else d.out.data(running.url);
    return;
  }
  if (o.detach) {
    const info = runtimeView(await control.startDetached(o));
    if (d.out.format === 'json') return d.out.object(info);
    describe(d, info, true);
    d.out.data(info.url);
    return;
  }
  const { startSandbox, smtpFromEnv, parseFaultSpec } = await import('../../sandbox/server.js');
  let smtp;
  try {
    smtp = smtpFromEnv(d.env);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const server = await startSandbox({
    port: o.port,
    dataDir: o.dataDir,
    mode: o.mode,
    http: o.http,
    verbose: o.verbose,
    runtimeFile: true,
    ...(smtp ? { smtp } : {}),
    ...(o.cloudUrl !== undefined ? { cloudUrl: o.cloudUrl } : {}),
    ...(o.installationId !== undefined ? { installationId: o.installationId } : {}),
    ...(o.installationKey !== undefined ? { installationKey: o.installationKey } : {}),
    ...(o.cloudCaFile !== undefined ? { cloudCaFile: o.cloudCaFile } : {}),
    ...(o.licenseCerts !== undefined ? { licenseCerts: o.licenseCerts } : {}),
    ...(o.faults !== undefined ? { faults: parseFaultSpec(o.faults) } : {}),
    ...(o.faultSeed !== undefined ? { faultSeed: o.faultSeed } : {}),
    ...(o.rateLimits !== undefined ? { rateLimits: o.rateLimits } : {}),
    ...(o.timeScale !== undefined ? { timeScale: o.timeScale } : {}),
  });
  const info = runtimeView({ ...server, pid: server.pid });
  if (d.out.format === 'json') d.out.object(info);
  else describe(d, info, false);
  if (d.out.format !== 'json') d.out.info('Press Ctrl-C to stop.');
  const signal = await d.shutdownSignal();
  await server.close();
  d.out.info(`Sandbox stopped (${signal}).`);
}

export const sandboxStartSpec: CommandSpec = {
  name: 'start',
  summary: 'Start the sandbox server',
  description:
    'Serves /identity, /api and /events under one base URL on 127.0.0.1, over HTTPS with a local CA made on first start (its path is printed), or plain HTTP with --http. With --detach it runs in the background and `sandbox stop` ends it. Mail goes to the outbox (`bwmsp sandbox mail`); with BWMSP_SANDBOX_SMTP_HOST, _PORT, _FROM, _USER, _PASSWORD and _SECURE set, it is sent by SMTP too.',
  options: [
    { flags: '--port <n>', description: 'port on 127.0.0.1 (0 picks a free one)', defaultValue: '8443' },
    dataOption,
    { flags: '--mode <mode>', description: 'play the Bitwarden cloud or a self-hosted server', choices: ['cloud', 'selfhost'], defaultValue: 'cloud' },
    { flags: '--detach', description: 'run in the background; stop with `bwmsp sandbox stop`' },
    { flags: '--http', description: 'serve plain HTTP (bwmsp only; the official clients require HTTPS)' },
    { flags: '--verbose', description: 'log every request' },
    { flags: '--cloud-url <url>', description: 'selfhost: URL of the cloud sandbox (enables cloud communication with an installation)' },
    { flags: '--installation-id <id>', description: 'selfhost: installation id from `bwmsp sandbox installation` on the cloud sandbox' },
    { flags: '--installation-key <key>', description: 'selfhost: installation key that came with the id' },
    { flags: '--cloud-ca <file>', description: "selfhost: CA certificate to trust for the cloud's HTTPS (the cloud sandbox's caFile)", complete: 'files' },
    { flags: '--license-cert <file...>', description: "selfhost: extra certificate(s) licenses may be signed with (the cloud sandbox's licenseCertFile); Bitwarden's licensing.cer is always trusted", complete: 'files' },
    { flags: '--faults <spec>', description: 'testing: inject faults, e.g. error=0.1,429=0.05,drop=0.01,lost=0.01,latency=50-400ms (drop: before the handler; lost: after it, the change is kept)' },
    { flags: '--fault-seed <n>', description: 'testing: seed of the fault draws (same seed, same faults)' },
    { flags: '--rate-limits <profile>', description: 'enforce the Bitwarden cloud rate limits (429 with Retry-After)', choices: ['cloud'] },
    { flags: '--time-scale <f>', description: 'testing: rate-limit windows × F (0 < F <= 1); run bwmsp with BWMSP_RATE_TIME_SCALE=F' },
  ],
  examples: [
    { comment: 'Start in the foreground on port 8443', command: 'bwmsp sandbox start' },
    { comment: 'Start in the background on a free port, for scripts', command: 'bwmsp sandbox start --port 0 --detach --json' },
    { comment: 'A self-hosted sandbox in its own folder', command: 'bwmsp sandbox start --mode selfhost --data /tmp/contoso --port 0 --detach' },
    {
      comment: 'A self-hosted sandbox licensed from a cloud sandbox',
      command: 'bwmsp sandbox start --mode selfhost --data /tmp/contoso --port 0 --detach --cloud-url https://127.0.0.1:8443 --installation-id 0b6e... --installation-key K7Qx... --license-cert ~/.config/bwmsp/sandbox/licensing/signing.cer',
    },
    { comment: 'A flaky server for reliability tests, the same faults every run', command: "bwmsp sandbox start --faults 'error=0.1,429=0.05,drop=0.01,latency=50-400ms' --fault-seed 7" },
    { comment: 'Cloud rate limits, windows 100 times shorter', command: 'bwmsp sandbox start --rate-limits cloud --time-scale 0.01' },
  ],
  run: async (input, deps) => sandboxStartRun(await sandboxStartOptions(input, deps), deps),
};
