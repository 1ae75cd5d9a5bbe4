// npm run bench: every benchmark, printed and written to bench/results.json. Never part of npm test.
import { writeFileSync } from 'node:fs';
import { coldStart } from './cold-start.js';

const results = { date: new Date().toISOString(), node: process.version, coldStart: coldStart() };
const c = results.coldStart;
process.stdout.write(
  [
    `cold start (median of ${c.runs})`,
    `  node -e 0        ${c.nodeMs} ms`,
    `  bwmsp --version  ${c.versionMs} ms  ${c.versionRatio}x node (target <= ${c.targets.versionRatio}x) ${c.versionRatio <= c.targets.versionRatio ? 'ok' : 'OVER'}`,
    `  bwmsp --help     ${c.helpMs} ms  ${c.helpRatio}x node (target <= ${c.targets.helpRatio}x) ${c.helpRatio <= c.targets.helpRatio ? 'ok' : 'OVER'}`,
    '',
  ].join('\n'),
);
writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
