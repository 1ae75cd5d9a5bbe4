/**
 * Process entry point of a (detached) sandbox:
 *   node dist/sandbox/main.js --data DIR [--port N] [--mode cloud|selfhost] [--http] [--verbose]
 *     selfhost: [--cloud-url URL --installation-id ID --installation-key KEY] [--cloud-ca FILE] [--license-cert FILE]...
 *     [--faults SPEC] [--fault-seed N] [--rate-limits cloud] [--time-scale F]
 * Prints one JSON line `{"url","caFile","pid","dataDir","mode","licenseCertFile"}` on stdout once listening, writes
 * the same to `<data>/runtime.json`, and on SIGINT/SIGTERM closes cleanly and removes that file.
 * Logs go to stderr (quiet unless --verbose).
 */
import type { SmtpConfig } from './smtp-client.js';
import { smtpFromEnv } from './smtp-env.js';
import { parseArgs } from 'node:util';
import { removeRuntimeInfo, type RuntimeInfo } from './runtime-file.js';
import { parseFaultSeed, parseFaultSpec, parseTimeScale, type FaultSpec } from './fault-spec.js';
import { startSandbox } from './server.js';

function usage(message: string): never {
  process.stderr.write(
    `${message}\nusage: main.js --data DIR [--port N] [--mode cloud|selfhost] [--http] [--verbose] [--faults SPEC] [--fault-seed N] [--rate-limits cloud] [--time-scale F]\n` +
      '  selfhost: [--cloud-url URL --installation-id ID --installation-key KEY] [--cloud-ca FILE] [--license-cert FILE]...\n',
  );
  process.exit(2);
}

async function main(): Promise<void> {
  let values: {
    data?: string;
    port?: string;
    mode?: string;
    http?: boolean;
    verbose?: boolean;
    'cloud-url'?: string;
    'installation-id'?: string;
    'installation-key'?: string;
    'cloud-ca'?: string;
    'license-cert'?: string[];
    faults?: string;
    'fault-seed'?: string;
    'rate-limits'?: string;
    'time-scale'?: string;
  };
  try {
    ({ values } = parseArgs({
      options: {
        data: { type: 'string' },
        port: { type: 'string' },
        mode: { type: 'string' },
        http: { type: 'boolean' },
        verbose: { type: 'boolean' },
        'cloud-url': { type: 'string' },
        'installation-id': { type: 'string' },
        'installation-key': { type: 'string' },
        'cloud-ca': { type: 'string' },
        'license-cert': { type: 'string', multiple: true },
        faults: { type: 'string' },
        'fault-seed': { type: 'string' },
        'rate-limits': { type: 'string' },
        'time-scale': { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    usage(error instanceof Error ? error.message : String(error));
  }
  if (values.data === undefined || values.data === '') usage('--data is required');
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`invalid --port: ${values.port ?? ''}`);
  const mode = values.mode ?? 'cloud';
  if (mode !== 'cloud' && mode !== 'selfhost') usage(`invalid --mode: ${mode}`);

  const selfhostFlags = ['cloud-url', 'installation-id', 'installation-key', 'cloud-ca', 'license-cert'] as const;
  const given = selfhostFlags.filter((flag) => values[flag] !== undefined);
  if (mode !== 'selfhost' && given.length > 0) usage(`--${given[0] ?? ''} needs --mode selfhost`);
  const installationId = values['installation-id'];
  if (installationId !== undefined && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(installationId)) {
    usage(`invalid --installation-id: ${installationId} (a GUID)`);
  }
  const licenseCerts = (values['license-cert'] ?? []).flatMap((v) => v.split(',')).filter((v) => v !== '');
  const rateLimits = values['rate-limits'];
  if (rateLimits !== undefined && rateLimits !== 'cloud') usage(`invalid --rate-limits: ${rateLimits} (use cloud)`);
  let faults: FaultSpec | null = null;
  let faultSeed: number | undefined;
  let timeScale: number | undefined;
  try {
    if (values.faults !== undefined) faults = parseFaultSpec(values.faults);
    if (values['fault-seed'] !== undefined) faultSeed = parseFaultSeed(values['fault-seed']);
    if (values['time-scale'] !== undefined) timeScale = parseTimeScale(values['time-scale']);
  } catch (error) {
    usage(error instanceof Error ? error.message : String(error));
  }

  let smtp: SmtpConfig | undefined;
  try {
    smtp = smtpFromEnv(process.env);
  } catch (error) {
    usage(error instanceof Error ? error.message : String(error));
  }
  const sandbox = await startSandbox({
    port,
    dataDir: values.data,
    ...(smtp ? { smtp } : {}),
    mode,
    http: values.http ?? false,
    verbose: values.verbose ?? false,
    runtimeFile: true,
    ...(values['cloud-url'] !== undefined ? { cloudUrl: values['cloud-url'] } : {}),
    ...(installationId !== undefined ? { installationId } : {}),
    ...(values['installation-key'] !== undefined ? { installationKey: values['installation-key'] } : {}),
    ...(values['cloud-ca'] !== undefined ? { cloudCaFile: values['cloud-ca'] } : {}),
    ...(licenseCerts.length > 0 ? { licenseCerts } : {}),
    faults,
    ...(faultSeed !== undefined ? { faultSeed } : {}),
    rateLimits: rateLimits === 'cloud' ? 'cloud' : null,
    ...(timeScale !== undefined ? { timeScale } : {}),
  });
  const info: RuntimeInfo = {
    url: sandbox.url,
    caFile: sandbox.caFile,
    pid: sandbox.pid,
    dataDir: sandbox.dataDir,
    mode: sandbox.mode,
    licenseCertFile: sandbox.licenseCertFile,
  };
  process.stdout.write(JSON.stringify(info) + '\n');

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    sandbox
      .close()
      .catch((error: unknown) => {
        process.stderr.write(`error while stopping (${signal}): ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 1;
      })
      .finally(() => {
        removeRuntimeInfo(sandbox.dataDir);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`sandbox failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
