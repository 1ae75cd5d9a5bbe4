/** `license update`: replace the license of a self-hosted organization. */
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { skipChecksOption } from './upload.js';

export interface LicenseUpdateOptions {
  file: string;
  org: string;
  skipChecks: boolean;
}

export function licenseUpdateOptions(input: VerbInput): LicenseUpdateOptions {
  const file = input.args[0];
  if (!file) throw new UsageError('a license file is required (or - to read it from stdin)');
  const org = typeof input.opts.org === 'string' ? input.opts.org.trim() : '';
  if (org === '') throw new UsageError('--org is required: the id of the self-hosted organization');
  return { file, org, skipChecks: input.opts.skipChecks === true };
}

export async function licenseUpdateRun(o: LicenseUpdateOptions, d: Deps): Promise<void> {
  const [{ readLicenseText, parseLicenseFile }, { updateLicense }] = await Promise.all([import('../../domain/license-file.js'), import('../../domain/license-transfer.js')]);
  const { text, source } = await readLicenseText(o.file, d.io.stdin);
  const file = parseLicenseFile(text, source);
  const result = await updateLicense(d, o.org, file, text, { skipChecks: o.skipChecks });
  d.out.success(`Updated the license of ${result.name} from ${source}`);
  d.out.object({ organizationId: result.organizationId, name: result.name, seats: result.seats ?? 'unlimited', expires: result.expires ?? 'never' }, { view: result });
}

export const licenseUpdateSpec: CommandSpec = {
  name: 'update',
  summary: 'Replace the license of a self-hosted organization',
  description:
    "Uploads a renewed license for an existing self-hosted organization (Owners only). Checked first like `license upload`, plus whether the license covers the organization's current seats and collections; server refusals are printed as the server words them. The organization takes every licensed value, and is enabled again by a good license.",
  args: ['<file>'],
  options: [{ flags: '--org <org-id>', description: 'self-hosted organization id' }, skipChecksOption],
  examples: [
    { comment: 'Apply a renewed license', command: 'bwmsp license update contoso.json --org 1f0c... --profile contoso-selfhost' },
    { comment: 'Same, result as JSON', command: 'bwmsp license update contoso.json --org 1f0c... --json' },
  ],
  run: (input, deps) => licenseUpdateRun(licenseUpdateOptions(input), deps),
};
