/**
 * What a selfhost sandbox knows about its cloud (licensing-and-selfhost.md §6.1): the installation id and
 * key (`globalSettings__installation__id/key`), the cloud base URL (stands for `installation__apiUri` +
 * `identityUri`: `<cloudUrl>/api/`, `<cloudUrl>/identity/`) and the certificates licenses are verified
 * with. Stored in `server_settings` when the sandbox starts; Bitwarden's production `licensing.cer` is
 * always trusted (§1.5), extra certificates (e.g. the cloud sandbox's `signing.cer`) come from
 * `--license-cert`.
 */
import { X509Certificate } from 'node:crypto';
import { builtInLicenseCert } from '../../crypto/license-certs.js';
import type { SandboxStore } from '../store.js';

export interface SelfhostSettings {
  /** Base URL of the cloud (sandbox) this server talks to; null = cloud communication off. */
  cloudUrl: string | null;
  installationId: string | null;
  installationKey: string | null;
  /** PEM of a CA to trust for the cloud's HTTPS (the cloud sandbox's `ca.pem`), or null. */
  cloudCa: string | null;
  /** PEM certificates licenses are verified with: Bitwarden's production certificate first. */
  licenseCerts: string[];
}

export interface SelfhostOptions {
  cloudUrl?: string | null;
  installationId?: string | null;
  installationKey?: string | null;
  cloudCa?: string | null;
  /** Extra trusted certificates (PEM or DER bytes). */
  licenseCerts?: readonly Uint8Array[];
}

const SETTING = 'selfhost_settings';

function pem(bytes: Uint8Array): string {
  return new X509Certificate(Buffer.from(bytes)).toString();
}

/** Stores the selfhost settings (replacing earlier ones). Throws on a certificate that does not parse. */
export function saveSelfhostSettings(store: SandboxStore, options: SelfhostOptions): void {
  const stored = {
    cloudUrl: options.cloudUrl?.replace(/\/+$/, '') ?? null,
    installationId: options.installationId?.toLowerCase() ?? null,
    installationKey: options.installationKey ?? null,
    cloudCa: options.cloudCa ?? null,
    licenseCerts: (options.licenseCerts ?? []).map(pem),
  };
  store.settings.set(SETTING, JSON.stringify(stored));
}

/** The selfhost settings; certificates include Bitwarden's production `licensing.cer`. */
export function selfhostSettings(store: SandboxStore): SelfhostSettings {
  const raw = store.settings.get(SETTING);
  const parsed = (raw === undefined ? {} : JSON.parse(raw)) as Partial<SelfhostSettings>;
  return {
    cloudUrl: parsed.cloudUrl ?? null,
    installationId: parsed.installationId ?? null,
    installationKey: parsed.installationKey ?? null,
    cloudCa: parsed.cloudCa ?? null,
    licenseCerts: [pem(builtInLicenseCert('production')), ...(parsed.licenseCerts ?? [])],
  };
}

/** `enableCloudCommunication` as the sandbox sees it: a cloud URL and an installation are configured. */
export function cloudCommunicationEnabled(settings: SelfhostSettings): boolean {
  return settings.cloudUrl !== null && settings.installationId !== null && settings.installationKey !== null;
}
