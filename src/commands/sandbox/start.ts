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
}

export async function sandboxStartOptions(input: VerbInput, d: Pick<Deps, 'config'>): Promise<SandboxStartOptions> {
  const o = input.opts;
  if (o.mode !== 'cloud' && o.mode !== 'selfhost') throw new UsageError(`--mode ${String(o.mode)}: use cloud or selfhost`);
  return { port: parsePort(o.port), dataDir: await sandboxDir(d, o.data), mode: o.mode, detach: o.detach === true, http: o.http === true, verbose: o.verbose === true };
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
  const { startSandbox, smtpFromEnv } = await import('../../sandbox/server.js');
  let smtp;
  try {
    smtp = smtpFromEnv(d.env);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const server = await startSandbox({ port: o.port, dataDir: o.dataDir, mode: o.mode, http: o.http, verbose: o.verbose, runtimeFile: true, ...(smtp ? { smtp } : {}) });
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
  ],
  examples: [
    { comment: 'Start in the foreground on port 8443', command: 'bwmsp sandbox start' },
    { comment: 'Start in the background on a free port, for scripts', command: 'bwmsp sandbox start --port 0 --detach --json' },
    { comment: 'A self-hosted sandbox in its own folder', command: 'bwmsp sandbox start --mode selfhost --data /tmp/contoso --port 0 --detach' },
  ],
  run: async (input, deps) => sandboxStartRun(await sandboxStartOptions(input, deps), deps),
};
