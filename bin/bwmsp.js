#!/usr/bin/env node
// Launcher: check the Node version, answer --version without loading anything, then run main().
// Only this file sets the exit status.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  process.stderr.write(`bwmsp needs Node.js >= 22.13 (Node 24 LTS recommended); this is Node ${process.versions.node}.\n`);
  process.exit(1);
}

// A closed pipe (bwmsp ... | head) ends the run quietly instead of throwing EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  const { readFileSync } = await import('node:fs');
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${version}\n`);
} else {
  const { existsSync } = await import('node:fs');
  if (!existsSync(new URL('../dist/main.js', import.meta.url))) {
    process.stderr.write("bwmsp is not built yet: run 'npm install' (or 'npm run build') in its folder first.\n");
    process.exit(1);
  }
  const { main } = await import('../dist/main.js');
  process.exitCode = await main(argv, {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
  });
}
