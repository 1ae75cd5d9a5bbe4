import {
  configDocumentSchema,
  configStoreOver,
  toStoredProfile,
  type ConfigDocument,
  type ConfigStore,
  type Profile,
} from '../../src/config/profile.js';

export interface MemoryConfigStoreInit {
  dir?: string;
  profiles?: readonly Profile[];
  active?: string;
}

/**
 * A `ConfigStore` held in memory, with the same validation and errors as the conf-backed store
 * (both use `configStoreOver`). `document` shows what would have been written to `config.json`.
 */
export class MemoryConfigStore implements ConfigStore {
  readonly dir: string;
  #doc: ConfigDocument;
  readonly #store: ConfigStore;

  constructor(init: MemoryConfigStoreInit = {}) {
    this.dir = init.dir ?? '/nonexistent/bwmsp-test-config';
    const profiles: ConfigDocument['profiles'] = {};
    for (const p of init.profiles ?? []) profiles[p.name] = toStoredProfile(p);
    this.#doc = configDocumentSchema.parse({ version: 1, profiles, activeProfile: init.active });
    if (init.active !== undefined && !Object.hasOwn(profiles, init.active)) {
      throw new Error(`MemoryConfigStore: active profile '${init.active}' is not among the profiles`);
    }
    this.#store = configStoreOver(this.dir, {
      load: () => structuredClone(this.#doc),
      save: (doc) => {
        this.#doc = configDocumentSchema.parse(structuredClone(doc));
      },
    });
  }

  /** A copy of the document as the conf store would write it. */
  get document(): ConfigDocument {
    return structuredClone(this.#doc);
  }

  listProfiles(): Profile[] {
    return this.#store.listProfiles();
  }

  getProfile(name: string): Profile | undefined {
    return this.#store.getProfile(name);
  }

  saveProfile(p: Profile): void {
    this.#store.saveProfile(p);
  }

  removeProfile(name: string): void {
    this.#store.removeProfile(name);
  }

  getActiveProfile(): string | undefined {
    return this.#store.getActiveProfile();
  }

  setActiveProfile(name: string | undefined): void {
    this.#store.setActiveProfile(name);
  }
}
