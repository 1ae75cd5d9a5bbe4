import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { profileView } from './shared.js';

export interface ProfileAddOptions {
  name: string;
  server: string;
  provider?: string;
  org?: string;
  caFile?: string;
  use: boolean;
  force: boolean;
}

export function profileAddOptions(input: VerbInput): ProfileAddOptions {
  const o = input.opts;
  const name = input.args[0] as string;
  if (typeof o.server !== 'string') throw new UsageError('--server is required: us, eu or the URL of a self-hosted server');
  return {
    name,
    server: o.server,
    ...(typeof o.provider === 'string' ? { provider: o.provider } : {}),
    ...(typeof o.org === 'string' ? { org: o.org } : {}),
    ...(typeof o.caFile === 'string' ? { caFile: resolve(o.caFile) } : {}),
    use: o.use === true,
    force: o.force === true,
  };
}

export async function profileAddRun(opts: ProfileAddOptions, d: Pick<Deps, 'config' | 'out'>): Promise<void> {
  const [store, { canonicalServer, resolveServer }] = await Promise.all([d.config(), import('../../config/servers.js')]);
  if (store.getProfile(opts.name) && !opts.force) {
    throw new UsageError(`profile '${opts.name}' already exists`, { hint: 'Pass --force to replace it, or remove it first.' });
  }
  if (opts.caFile !== undefined && !existsSync(opts.caFile)) throw new UsageError(`--ca-file ${opts.caFile}: no such file`);
  const urls = resolveServer(opts.server);
  const profile = {
    name: opts.name,
    server: canonicalServer(opts.server),
    ...(opts.provider ? { provider: opts.provider } : {}),
    ...(opts.org ? { org: opts.org } : {}),
    ...(opts.caFile ? { caFile: opts.caFile } : {}),
  };
  store.saveProfile(profile);
  const first = store.listProfiles().length === 1;
  if (opts.use || first || store.getActiveProfile() === undefined) store.setActiveProfile(profile.name);
  const active = store.getActiveProfile() === profile.name;
  if (urls.insecure) d.out.warn(`${urls.base} uses plain HTTP: credentials would cross the network unencrypted (fine for a local sandbox only)`);
  d.out.success(`Added profile ${profile.name} for ${urls.kind === 'self-hosted' ? urls.base : `the ${urls.kind.toUpperCase()} cloud`}${active ? ' (active)' : ''}`);
  if (d.out.format === 'json') d.out.object(profileView(profile, active, urls));
}

export const profileAddSpec: CommandSpec = {
  name: 'add',
  summary: 'Add a connection profile',
  args: ['<name>'],
  options: [
    { flags: '--server <server>', description: 'us, eu, or the base URL of a self-hosted server' },
    { flags: '--provider <provider-id>', description: 'default provider id' },
    { flags: '--org <org-id>', description: 'default organization id' },
    { flags: '--ca-file <file>', description: "PEM file of a CA to trust for this server (internal CA, sandbox CA)", complete: 'files' },
    { flags: '--use', description: 'make it the active profile' },
    { flags: '--force', description: 'replace an existing profile of that name' },
  ],
  examples: [
    { comment: 'A profile for the EU cloud, made active', command: 'bwmsp profile add msp-eu --server eu --use' },
    { comment: "A client's self-hosted server with an internal CA", command: 'bwmsp profile add contoso --server https://vault.contoso.example --ca-file contoso-ca.pem' },
    { comment: 'The local sandbox, printing the profile as JSON', command: 'bwmsp profile add sandbox --server https://127.0.0.1:8443 --ca-file ~/.bwmsp-sandbox/tls/ca.pem --json' },
  ],
  run: (input, deps) => profileAddRun(profileAddOptions(input), deps),
};
