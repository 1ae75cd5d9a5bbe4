/** `license upload`: create a self-hosted organization from a license file. */
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import type { CommandSpec, VerbInput } from '../spec.js';

export interface LicenseUploadOptions {
  file: string;
  collection: string | null;
  skipChecks: boolean;
}

export const skipChecksOption = { flags: '--skip-checks', description: 'send the file without the local checks (the server decides)' };

export function licenseUploadOptions(input: VerbInput): LicenseUploadOptions {
  const file = input.args[0];
  if (!file) throw new UsageError('a license file is required (or - to read it from stdin)');
  const collection = typeof input.opts.collection === 'string' ? input.opts.collection.trim() : '';
  return { file, collection: collection === '' ? null : collection, skipChecks: input.opts.skipChecks === true };
}

export async function licenseUploadRun(o: LicenseUploadOptions, d: Deps): Promise<void> {
  const [{ readLicenseText, parseLicenseFile }, { uploadLicense }] = await Promise.all([import('../../domain/license-file.js'), import('../../domain/license-transfer.js')]);
  const { text, source } = await readLicenseText(o.file, d.io.stdin);
  const file = parseLicenseFile(text, source);
  const org = await uploadLicense(d, file, text, { collectionName: o.collection, skipChecks: o.skipChecks });
  d.out.success(`Created organization ${org.name} (${org.id}) from ${source}`);
  d.out.object({
    id: org.id,
    name: org.name,
    plan: org.plan ?? undefined,
    seats: org.seats ?? 'unlimited',
    collection: org.collectionName ?? undefined,
    keys: org.keysSet ? 'set' : 'missing',
  }, { view: org });
  if (!org.tokenRefreshed && d.out.format === 'table') d.out.info("Log in again ('bwmsp login') before managing the new organization: the current token predates it.");
}

export const licenseUploadSpec: CommandSpec = {
  name: 'upload',
  summary: 'Create a self-hosted organization from a license',
  description:
    'On a self-hosted server, creates the organization a license file grants, with you as its confirmed Owner: the organization key is made here and wrapped to your account key, the first collection name is encrypted with it, and the organization key pair is set afterwards, as the web vault does. The file is checked first (type, version, token dates and audience, self-hosting allowed, enabled, not expired, size of the upload); server refusals are printed as the server words them. Needs an unlocked vault (BWMSP_SESSION).',
  args: ['<file>'],
  options: [{ flags: '--collection <name>', description: 'name of the first collection', defaultValue: 'Default collection' }, skipChecksOption],
  examples: [
    { comment: 'Create the organization on the self-hosted server', command: 'bwmsp license upload contoso.json --profile contoso-selfhost' },
    { comment: 'Same, printing the organization as JSON', command: 'bwmsp license upload contoso.json --profile contoso-selfhost --json' },
  ],
  run: (input, deps) => licenseUploadRun(licenseUploadOptions(input), deps),
};
