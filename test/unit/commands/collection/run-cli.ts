/** Runs `main` in-process with a fresh in-memory config and captured streams (no server). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../../src/main.js';
import { MemoryConfigStore } from '../../../helpers/memory-config-store.js';
import { createTestSystem } from '../../../helpers/test-system.js';

export async function run(argv: string[]) {
  const config = new MemoryConfigStore({ dir: mkdtempSync(join(tmpdir(), 'bwmsp-cmd-')) });
  const system = createTestSystem({ config });
  const code = await main(argv, system);
  return { code, stdout: system.stdoutText(), stderr: system.stderrText() };
}
