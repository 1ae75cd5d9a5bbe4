// `bwmsp unlock` of an account using Bitwarden's default Argon2id parameters (3 iterations,
// 64 MiB, parallelism 4), against a bare Argon2id derivation with the same parameters in this
// process (node:crypto.argon2, Node >= 24.7). The unlock also pays a Node start and the CLI's own
// work; `node -e 0` is reported beside it.
import { performance } from 'node:perf_hooks';
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import { createApiClient, CLIENT_COMPAT_VERSION } from '../dist/api/client.js';
import { registerAccount } from '../dist/domain/register.js';
import { median, round, startBenchWorld } from './world.js';

export const ARGON2_DEFAULTS = { kdfType: 1, iterations: 3, memory: 64, parallelism: 4 };

function bareArgon2(password, salt) {
  return new Promise((resolve, reject) => {
    crypto.argon2(
      'argon2id',
      { message: Buffer.from(password), nonce: Buffer.from(salt), parallelism: ARGON2_DEFAULTS.parallelism, tagLength: 32, memory: ARGON2_DEFAULTS.memory * 1024, passes: ARGON2_DEFAULTS.iterations },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

export async function unlockBench(runs = 7) {
  if (typeof crypto.argon2 !== 'function') return { skipped: `node ${process.version} has no crypto.argon2` };
  const world = await startBenchWorld();
  try {
    const email = 'argon@bench.example';
    const password = 'Correct horse battery staple 42';
    const api = createApiClient({
      urls: { api: `${world.sandbox.url}/api`, identity: `${world.sandbox.url}/identity`, events: `${world.sandbox.url}/events` },
      client: { name: 'cli', version: CLIENT_COMPAT_VERSION, deviceType: 25 },
      ca: (await import('node:fs')).readFileSync(world.sandbox.caFile, 'utf8'),
    });
    const device = { deviceType: 25, deviceIdentifier: crypto.randomUUID(), deviceName: 'linux' };
    await registerAccount({ api, device }, { email, password, name: 'Argon Bench', kdf: ARGON2_DEFAULTS });
    await api.close();
    const cli = { env: { BWMSP_SESSION: '' } };
    await world.run(['profile', 'add', 'argon', '--server', world.sandbox.url, '--ca-file', world.sandbox.caFile], cli);
    await world.run(['login', email, '--password-stdin', '--profile', 'argon'], { ...cli, input: `${password}\n` });

    const unlock = [];
    const bare = [];
    const node = [];
    for (let i = 0; i < runs; i++) {
      unlock.push((await world.run(['unlock', '--password-stdin', '--raw', '--profile', 'argon'], { ...cli, input: `${password}\n` })).ms);
      const t = performance.now();
      await bareArgon2(password, email);
      bare.push(performance.now() - t);
      const n = performance.now();
      spawnSync(process.execPath, ['-e', '0']);
      node.push(performance.now() - n);
    }
    const unlockMs = median(unlock);
    const bareMs = median(bare);
    return {
      runs,
      kdf: ARGON2_DEFAULTS,
      unlockMs: round(unlockMs),
      bareArgon2Ms: round(bareMs),
      nodeStartMs: round(median(node)),
      ratio: round(unlockMs / bareMs, 2),
    };
  } finally {
    await world.close();
  }
}
