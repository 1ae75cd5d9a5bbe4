// Cold start: medians of `node -e 0`, `bwmsp --version` and `bwmsp --help`, measured in one run.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/bwmsp.js', import.meta.url));

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function time(args, runs) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return median(samples);
}

export function coldStart(runs = 21) {
  // Interleave warm-up so the file cache is hot for all three.
  time(['-e', '0'], 3);
  time([bin, '--version'], 3);
  time([bin, '--help'], 3);
  const node = time(['-e', '0'], runs);
  const version = time([bin, '--version'], runs);
  const help = time([bin, '--help'], runs);
  return {
    runs,
    nodeMs: +node.toFixed(1),
    versionMs: +version.toFixed(1),
    helpMs: +help.toFixed(1),
    versionRatio: +(version / node).toFixed(2),
    helpRatio: +(help / node).toFixed(2),
    targets: { versionRatio: 1.5, helpRatio: 2.5 },
  };
}
