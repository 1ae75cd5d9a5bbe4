import path from 'node:path';
import Conf from 'conf';
import { InputError } from '../errors.js';
import { ensureConfigDir, FILE_MODE, APP_NAME } from './paths.js';
import {
  configDocumentSchema,
  configStoreOver,
  describeIssues,
  type ConfigDocument,
  type ConfigStore,
} from './profile.js';

export type { AuthMethod, ConfigStore, Profile } from './profile.js';
export { isValidProfileName, validateProfileName } from './profile.js';

export const CONFIG_NAME = 'config';

export interface ConfStoreOptions {
  /** The config directory; `config.json` lives directly in it. */
  dir: string;
}

const REPAIR_HINT = "Fix the file by hand, or move it away and re-create profiles with 'bwmsp profile add'.";

/**
 * The `ConfigStore` over `conf` (`<dir>/config.json`, mode 0600, written atomically by conf).
 * The document is validated with zod on every read; a file that is not JSON or does not match
 * gives an `InputError` naming the file. conf's `encryptionKey` is not used: the file holds no
 * secrets (those are in the session files, see `session-store.ts`). conf is opened on first use.
 */
export function createConfStore({ dir }: ConfStoreOptions): ConfigStore {
  const absoluteDir = path.resolve(dir);
  const filePath = path.join(absoluteDir, `${CONFIG_NAME}.json`);
  let conf: Conf<Record<string, unknown>> | undefined;

  function corrupted(reason: string, cause: unknown): InputError {
    return new InputError(`config file ${filePath} ${reason}`, { hint: REPAIR_HINT, cause });
  }

  function open(): Conf<Record<string, unknown>> {
    if (conf !== undefined) return conf;
    ensureConfigDir(absoluteDir);
    try {
      conf = new Conf<Record<string, unknown>>({
        projectName: APP_NAME,
        cwd: absoluteDir,
        configName: CONFIG_NAME,
        configFileMode: FILE_MODE,
        accessPropertiesByDotNotation: false,
        clearInvalidConfig: false,
        watch: false,
      });
    } catch (error) {
      if (error instanceof SyntaxError) throw corrupted('is not valid JSON', error);
      throw error;
    }
    return conf;
  }

  const backend = {
    load(): ConfigDocument {
      let raw: unknown;
      try {
        raw = open().store;
      } catch (error) {
        if (error instanceof SyntaxError) throw corrupted('is not valid JSON', error);
        throw error;
      }
      const parsed = configDocumentSchema.safeParse(raw);
      if (!parsed.success) throw corrupted(`is invalid: ${describeIssues(parsed.error)}`, parsed.error);
      return parsed.data;
    },
    save(doc: ConfigDocument): void {
      // Validated on the way out too, so the file never holds what a read would refuse.
      // The JSON round trip drops keys holding `undefined`, which conf refuses to write.
      const valid = configDocumentSchema.parse(doc);
      open().store = JSON.parse(JSON.stringify(valid)) as Record<string, unknown>;
    },
  };

  return configStoreOver(absoluteDir, backend);
}
