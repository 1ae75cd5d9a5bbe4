/** `license download`: a client's (or own organization's) license for a self-hosted installation. */
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { clientOption, orgOption, type CommandSpec, type VerbInput } from '../spec.js';

export interface LicenseDownloadOptions {
  client?: string | undefined;
  org?: string | undefined;
  installationId: string;
  output?: string | undefined;
  force: boolean;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

export function licenseDownloadOptions(input: VerbInput): LicenseDownloadOptions {
  const installationId = text(input.opts.installationId)?.trim();
  if (installationId === undefined) throw new UsageError('--installation-id is required: the id of the self-hosted server (globalSettings__installation__id)');
  if (!GUID.test(installationId)) throw new UsageError(`--installation-id ${installationId}: not an installation id (a GUID)`);
  return { client: text(input.opts.client), org: text(input.opts.org), installationId, output: text(input.opts.output), force: input.opts.force === true };
}

export async function licenseDownloadRun(o: LicenseDownloadOptions, d: Deps): Promise<void> {
  const [{ downloadLicense }, { parseLicenseFile }, { writeLicenseOutput }] = await Promise.all([
    import('../../domain/license-transfer.js'),
    import('../../domain/license-file.js'),
    import('../../domain/license-output.js'),
  ]);
  const downloaded = await downloadLicense(d, { client: o.client, org: o.org }, o.installationId);
  if (o.output === undefined) {
    d.out.data(JSON.stringify(downloaded.license, null, 2));
    return;
  }
  writeLicenseOutput(o.output, downloaded.license, o.force);
  const v = parseLicenseFile(JSON.stringify(downloaded.license), o.output).effective;
  const summary = {
    file: o.output,
    organizationId: downloaded.organizationId,
    name: downloaded.name,
    installationId: o.installationId,
    plan: v.plan,
    seats: v.seats,
    expires: v.expires?.toISOString() ?? null,
    selfHost: v.selfHost,
  };
  d.out.success(`Saved the license of ${downloaded.name} to ${o.output}: ${v.plan ?? 'no plan'}, ${v.seats ?? 'unlimited'} seats, expires ${v.expires?.toISOString().slice(0, 10) ?? 'never'}`);
  if (!v.selfHost) d.out.warn('the plan does not allow self-hosting: a self-hosted server will refuse this license');
  if (d.out.format === 'json') d.out.object(summary);
}

export const licenseDownloadSpec: CommandSpec = {
  name: 'download',
  summary: "Download a client's license for its self-hosted server",
  description:
    'Asks the cloud for the organization license of a client (as a provider user) or of an organization you own (--org), bound to the installation id of the self-hosted server, and writes it as the API returns it (pretty JSON, mode 0644) — or prints it to stdout without -o. An existing file is only replaced with --force. The license key and token inside are secrets: keep the file safe.',
  options: [
    clientOption,
    orgOption,
    { flags: '--installation-id <id>', description: 'installation id of the self-hosted server' },
    { flags: '-o, --output <file>', description: 'write the license here (default: stdout)', complete: 'files' },
    { flags: '--force', description: 'replace an existing output file' },
  ],
  examples: [
    { comment: 'Save a license file', command: "bwmsp license download --client 'Contoso Ltd' --installation-id 0b6e... -o contoso.json" },
    { comment: 'Print the license to stdout', command: "bwmsp license download --client 'Contoso Ltd' --installation-id 0b6e..." },
    { comment: 'An organization you own', command: 'bwmsp license download --org 1f0c... --installation-id 0b6e... -o own.json --force' },
  ],
  run: (input, deps) => licenseDownloadRun(licenseDownloadOptions(input), deps),
};
