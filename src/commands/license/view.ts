import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import type { LicenseFile } from '../../domain/license-file.js';
import type { CommandSpec, VerbInput } from '../spec.js';

export interface LicenseViewOptions {
  /** Path of the license file, or '-' for stdin. */
  file: string;
}

export function licenseViewOptions(input: VerbInput): LicenseViewOptions {
  const file = input.args[0];
  if (!file) throw new UsageError('a license file is required (or - to read it from stdin)');
  return { file };
}

/** `useGroups` → `groups`, `use2fa` → `2fa`; `usersGetPremium` stays. */
function featureName(flag: string): string {
  if (!flag.startsWith('use') || flag === 'usersGetPremium') return flag;
  const rest = flag.slice(3);
  return rest.charAt(0).toLowerCase() + rest.slice(1);
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

/** The --json view: stable camelCase keys; neither the license key nor the token (both secret). */
export function licenseView(file: LicenseFile, names: { planType: (n: number) => string | null; licenseType: (n: number) => string | null }, warnings: string[], features: readonly string[]) {
  const v = file.effective;
  return {
    file: file.source,
    id: v.id,
    name: v.name,
    businessName: v.businessName,
    billingEmail: v.billingEmail,
    plan: v.plan,
    planType: v.planType,
    planTypeName: v.planType === null ? null : names.planType(v.planType),
    seats: v.seats,
    maxCollections: v.maxCollections,
    maxStorageGb: v.maxStorageGb,
    smSeats: v.smSeats,
    smServiceAccounts: v.smServiceAccounts,
    expires: iso(v.expires),
    expirationWithoutGracePeriod: iso(v.expirationWithoutGracePeriod),
    issued: iso(v.issued),
    refresh: iso(v.refresh),
    trial: v.trial,
    selfHost: v.selfHost,
    enabled: v.enabled,
    installationId: v.installationId,
    version: file.fields.version,
    licenseType: v.licenseType,
    licenseTypeName: v.licenseType === null ? null : names.licenseType(v.licenseType),
    features: features.filter((f) => v[f as keyof typeof v] === true).map(featureName),
    hasToken: file.token !== null,
    valuesFrom: file.valuesFrom,
    tokenNotBefore: iso(file.token?.notBefore ?? null),
    tokenExpires: iso(file.token?.expiresAt ?? null),
    warnings,
  };
}

export async function licenseViewRun(opts: LicenseViewOptions, d: Pick<Deps, 'io' | 'out' | 'clock'>): Promise<void> {
  const [{ loadLicenseFile, LICENSE_FEATURES }, { licenseWarnings, LICENSE_TYPE_NAMES }, { PlanType }] = await Promise.all([
    import('../../domain/license-file.js'),
    import('../../domain/license-checks.js'),
    import('../../protocol/organization.js'),
  ]);
  const file = await loadLicenseFile(opts.file, d.io.stdin);
  const warnings = licenseWarnings(file, d.clock.now());
  const planNames = new Map<number, string>(Object.entries(PlanType).map(([name, n]) => [n, name]));
  const view = licenseView(file, { planType: (n) => planNames.get(n) ?? null, licenseType: (n) => LICENSE_TYPE_NAMES[n] ?? null }, warnings, LICENSE_FEATURES);

  const orNone = (value: unknown, none: string) => (value === null || value === undefined ? none : value);
  const when = (value: string | null, none: string) => (value === null ? none : value.replace(/\.\d{3}Z$/, 'Z'));
  const withName = (n: number | null, name: string | null) => (n === null ? 'none' : name ? `${n} (${name})` : String(n));
  d.out.object(
    {
      file: view.file,
      id: view.id,
      name: view.name,
      ...(view.businessName ? { businessName: view.businessName } : {}),
      plan: orNone(view.plan, 'none'),
      planType: withName(view.planType, view.planTypeName),
      seats: orNone(view.seats, 'unlimited'),
      maxCollections: orNone(view.maxCollections, 'unlimited'),
      ...(view.smSeats !== null ? { secretsManagerSeats: view.smSeats } : {}),
      ...(view.smServiceAccounts !== null ? { machineAccounts: view.smServiceAccounts } : {}),
      expires: when(view.expires, 'never'),
      expirationWithoutGracePeriod: when(view.expirationWithoutGracePeriod, 'none'),
      issued: when(view.issued, 'unknown'),
      refresh: when(view.refresh, 'none'),
      trial: view.trial,
      selfHost: view.selfHost,
      enabled: view.enabled,
      installationId: view.installationId,
      version: view.version,
      licenseType: withName(view.licenseType, view.licenseTypeName),
      features: view.features.length ? view.features : 'none',
      token: view.hasToken ? `present (values from the token, valid until ${when(view.tokenExpires, 'no expiry')})` : 'absent (legacy license: values from the file)',
    },
    { view },
  );
  for (const warning of warnings) d.out.warn(warning);
}

export const licenseViewSpec: CommandSpec = {
  name: 'view',
  summary: 'Show what a license file grants',
  description:
    'Reads an organization license file (PascalCase as saved on disk, or camelCase as the API returns it) and shows the plan, seats, dates, installation id and features. When the file has a token, its claims are what a self-hosted server uses, so they are shown, and top-level values that disagree are reported. Warns about expiry within 30 days, self-hosting not allowed, a disabled organization, an unsupported version or a non-organization license. Use - to read the file from stdin. Nothing is sent anywhere; the license key and token are never printed.',
  args: ['<file>'],
  examples: [
    { comment: 'Plan, seats, expiry and installation id', command: 'bwmsp license view contoso.json' },
    { comment: 'As JSON', command: 'bwmsp license view contoso.json --json' },
    { comment: 'From stdin', command: 'cat contoso.json | bwmsp license view -' },
  ],
  run: (input, deps) => licenseViewRun(licenseViewOptions(input), deps),
};
