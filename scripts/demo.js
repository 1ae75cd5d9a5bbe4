// npm run demo: the main job on the embedded sandbox, as a technician would type it.
// Starts a sandbox on a free loopback port with fresh data and config dirs, seeds it, and drives
// the built CLI step by step, printing each command. Stops the sandbox at the end, even on failure.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/bwmsp.js', import.meta.url));
const plan = fileURLToPath(new URL('../examples/contoso.yaml', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'bwmsp-demo-'));
const dataDir = join(work, 'sandbox');
const env = { ...process.env, BWMSP_CONFIG_DIR: join(work, 'config'), NO_COLOR: process.env.NO_COLOR ?? '' };
delete env.BWMSP_PROFILE;
delete env.BWMSP_SERVER;
delete env.BWMSP_SESSION;

const bold = (s) => (process.stdout.isTTY && !process.env.NO_COLOR ? `\x1b[1m${s}\x1b[22m` : s);

/** Runs the CLI; its output goes straight to the terminal (tables on a TTY) unless `capture`. */
function bwmsp(args, { input, capture = false, show = args, allow = [0] } = {}) {
  process.stdout.write(`\n${bold(`$ bwmsp ${show.join(' ')}`)}\n`);
  const r = spawnSync(process.execPath, [bin, ...args], { env, input, encoding: 'utf8', stdio: [input === undefined ? 'ignore' : 'pipe', capture ? 'pipe' : 'inherit', 'inherit'] });
  if (!allow.includes(r.status)) throw new Error(`bwmsp ${show.join(' ')} exited ${r.status}`);
  return r.stdout ?? '';
}

let started = false;
try {
  const sandbox = JSON.parse(bwmsp(['sandbox', 'start', '--port', '0', '--detach', '--data', dataDir, '--json'], { capture: true }));
  started = true;
  const seed = JSON.parse(bwmsp(['sandbox', 'seed', '--data', dataDir, '--json'], { capture: true }));
  const admin = seed.accounts.find((a) => a.role === 'provider-admin');
  process.stdout.write(`${seed.accounts.map((a) => `  ${a.role.padEnd(17)} ${a.email}`).join('\n')}\n`);
  bwmsp(['profile', 'add', 'demo', '--server', sandbox.url, '--ca-file', sandbox.caFile, '--use']);
  const sessionKey = bwmsp(['login', admin.email, '--password-stdin'], { input: admin.password, capture: true, show: ['login', admin.email, '--password-stdin', '<', 'password.txt'] }).trim();
  env.BWMSP_SESSION = sessionKey;
  process.stdout.write('  (session key exported as BWMSP_SESSION)\n');
  bwmsp(['status']);

  // Bitwarden staff create the provider and mail its admin a setup link (the sandbox plays staff).
  const invite = JSON.parse(bwmsp(['sandbox', 'provider-invite', admin.email, '--name', 'Acme MSP', '--data', dataDir, '--json'], { capture: true }));
  bwmsp(['provider', 'setup', '--provider', invite.providerId, '--token', invite.token, '--name', 'Acme MSP', '--billing-email', 'billing@msp.example'], {
    show: ['provider', 'setup', '--provider', invite.providerId, '--token', '<from the mail>', '--name', 'Acme MSP', '--billing-email', 'billing@msp.example'],
  });
  bwmsp(['provider', 'view']);

  // A new client, onboarded from the example plan.
  bwmsp(['client', 'onboard', '--plan', plan, '--yes']);
  bwmsp(['client', 'list']);
  bwmsp(['collection', 'list', '--client', 'Contoso Ltd']);
  bwmsp(['member', 'list', '--client', 'Contoso Ltd']);
  // The trial-to-production checks. A fresh client has findings (members still invited), and a
  // failing check exits 3, which is expected here.
  bwmsp(['client', 'audit', '--client', 'Contoso Ltd'], { allow: [0, 3] });
  bwmsp(['provider', 'events', '--since', '1h', '--limit', '12']);
  process.stdout.write(`\n${bold('Demo finished.')}\n`);
} catch (error) {
  process.stderr.write(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  if (started) bwmsp(['sandbox', 'stop', '--data', dataDir]);
  if (process.exitCode !== 1) rmSync(work, { recursive: true, force: true });
}
