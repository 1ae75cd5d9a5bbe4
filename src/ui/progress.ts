/**
 * Spinners on stderr, only when progress is enabled (both streams TTYs, no --json, no CI).
 * ora is imported only then.
 */
import type { IOStreams } from './io.js';

export async function withSpinner<T>(io: IOStreams, label: string, fn: (update: (text: string) => void) => Promise<T>): Promise<T> {
  if (!io.progressEnabled) return fn(() => undefined);
  const { default: ora } = await import('ora');
  const spinner = ora({ text: label, stream: io.stderr, color: io.colorEnabled ? 'cyan' : false }).start();
  try {
    return await fn((text) => {
      spinner.text = text;
    });
  } finally {
    spinner.stop();
  }
}
