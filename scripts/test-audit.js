#!/usr/bin/env node
// `npm run test:audit [-- <e2e files>]`: the e2e suite in the debug audit mode (every bwmsp run with
// --debug, outputs, config dirs and sandbox databases kept; see test/helpers/audit.ts), then the
// secret / zero-knowledge scan (scripts/audit-secrets.js). Fails if either fails, or if the run
// recorded nothing to look for. The audit dir is kept under .cache/ for inspection.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { auditSummary, scanAudit } from './audit-secrets.js';

mkdirSync('.cache', { recursive: true });
const dir = mkdtempSync(join('.cache', 'audit-'));
const vitest = spawnSync(join('node_modules', '.bin', 'vitest'), ['run', '--project', 'e2e', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, BWMSP_TEST_AUDIT_DIR: join(process.cwd(), dir) },
});
const findings = scanAudit(dir);
const s = auditSummary(dir);
for (const finding of findings) console.error(`LEAK: ${finding}`);
console.log(`secret audit (${dir}): ${s.values} recorded values, ${s.runs} CLI runs, ${s.configs} config dirs, ${s.databases} database files; ${findings.length} findings`);
if (s.values === 0 || s.runs === 0) {
  console.error('secret audit: nothing was recorded — is test/helpers/cli.ts still wired to the audit mode?');
  process.exit(1);
}
process.exit(vitest.status !== 0 ? (vitest.status ?? 1) : findings.length === 0 ? 0 : 1);
