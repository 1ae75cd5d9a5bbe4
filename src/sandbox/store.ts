/**
 * The sandbox store: one SQLite file plus the repositories over it. Only repositories run SQL;
 * everything else goes through this object.
 */
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from './db/open.js';
import type { Database } from './db/sqlite.js';
import { createAuthCodeRepository, type AuthCodeRepository } from './repositories/auth-codes.js';
import { createCipherRepository, type CipherRepository } from './repositories/ciphers.js';
import { createCollectionRepository, type CollectionRepository } from './repositories/collections.js';
import { createDeviceRepository, type DeviceRepository } from './repositories/devices.js';
import { createEventRepository, type EventRepository } from './repositories/events.js';
import { createGroupRepository, type GroupRepository } from './repositories/groups.js';
import { createLoginFailureRepository, type LoginFailureRepository } from './repositories/login-failures.js';
import { createMailRepository, type MailRecord, type MailRepository } from './repositories/mail.js';
import { createOrganizationRepository, type OrganizationRepository } from './repositories/organizations.js';
import { createPolicyRepository, type PolicyRepository } from './repositories/policies.js';
import { createProviderRepository, type ProviderRepository } from './repositories/providers.js';
import { createBillingRepository, type BillingRepository } from './repositories/billing.js';
import {
  createProviderOrganizationRepository,
  type ProviderOrganizationRepository,
} from './repositories/provider-organizations.js';
import { createProviderUserRepository, type ProviderUserRepository } from './repositories/provider-users.js';
import { createRefreshTokenRepository, type RefreshTokenRepository } from './repositories/refresh-tokens.js';
import { createSettingsRepository, type SettingsRepository } from './repositories/settings.js';
import { createSsoConfigRepository, type SsoConfigRepository } from './repositories/sso-configs.js';
import {
  createOrganizationConnectionRepository,
  type OrganizationConnectionRepository,
} from './repositories/organization-connections.js';
import { createSponsorshipRepository, type SponsorshipRepository } from './repositories/sponsorships.js';
import { createUserRepository, type UserRepository } from './repositories/users.js';
import { createLicensingRepository, type LicensingRepository } from './repositories/licensing.js';

/** File name of the database inside a sandbox data directory. */
export const SANDBOX_DB_FILE = 'sandbox.db';

export interface SandboxStore {
  /** Path of the SQLite file (`:memory:` for an in-memory store). */
  readonly file: string;
  readonly settings: SettingsRepository;
  readonly users: UserRepository;
  readonly devices: DeviceRepository;
  readonly refreshTokens: RefreshTokenRepository;
  readonly authCodes: AuthCodeRepository;
  readonly loginFailures: LoginFailureRepository;
  readonly organizations: OrganizationRepository;
  readonly providers: ProviderRepository;
  readonly providerUsers: ProviderUserRepository;
  readonly providerOrganizations: ProviderOrganizationRepository;
  readonly billing: BillingRepository;
  readonly collections: CollectionRepository;
  readonly groups: GroupRepository;
  readonly policies: PolicyRepository;
  readonly events: EventRepository;
  readonly mail: MailRepository;
  readonly ssoConfigs: SsoConfigRepository;
  readonly organizationConnections: OrganizationConnectionRepository;
  readonly sponsorships: SponsorshipRepository;
  readonly ciphers: CipherRepository;
  readonly licensing: LicensingRepository;
  /** Runs `fn` in one immediate transaction (synchronous work only). */
  transaction<T>(fn: () => T): T;
  /** Checkpoints the WAL and closes the file. */
  close(): void;
}

export type OpenStoreOptions = { file: string } | { dataDir: string };

/** Opens (creating and migrating as needed) the sandbox database. */
export function openStore(options: OpenStoreOptions): SandboxStore {
  let file: string;
  if ('dataDir' in options) {
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    file = join(options.dataDir, SANDBOX_DB_FILE);
  } else {
    file = options.file;
  }
  const db: Database = openDatabase(file);
  if (file !== ':memory:') chmodSync(file, 0o600);
  let depth = 0;
  let closed = false;
  return {
    file,
    settings: createSettingsRepository(db),
    users: createUserRepository(db),
    devices: createDeviceRepository(db),
    refreshTokens: createRefreshTokenRepository(db),
    authCodes: createAuthCodeRepository(db),
    loginFailures: createLoginFailureRepository(db),
    organizations: createOrganizationRepository(db),
    providers: createProviderRepository(db),
    providerUsers: createProviderUserRepository(db),
    providerOrganizations: createProviderOrganizationRepository(db),
    billing: createBillingRepository(db),
    collections: createCollectionRepository(db),
    groups: createGroupRepository(db),
    policies: createPolicyRepository(db),
    events: createEventRepository(db),
    mail: createMailRepository(db),
    ssoConfigs: createSsoConfigRepository(db),
    organizationConnections: createOrganizationConnectionRepository(db),
    sponsorships: createSponsorshipRepository(db),
    ciphers: createCipherRepository(db),
    licensing: createLicensingRepository(db),
    transaction<T>(fn: () => T): T {
      if (depth > 0) return fn();
      db.exec('BEGIN IMMEDIATE');
      depth += 1;
      try {
        const result = fn();
        db.exec('COMMIT');
        return result;
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      } finally {
        depth -= 1;
      }
    },
    close() {
      if (closed) return;
      closed = true;
      try {
        db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      } finally {
        db.close();
      }
    },
  };
}

/** Mail in the outbox, oldest first; `to` filters by recipient (case-insensitive). */
export function listMail(store: SandboxStore, filter: { to?: string } = {}): MailRecord[] {
  return store.mail.list(filter);
}

export type { MailRecord } from './repositories/mail.js';
