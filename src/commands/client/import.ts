/** `client import FILE --from FORMAT`: a client's vault export into its collections, encrypted client-side. */
import type { Deps } from '../../deps.js';
import { InputError, PartialFailureError, UsageError } from '../../errors.js';
import type { ImportSummary } from '../../domain/vault-import.js';
import { orgRef, orgTarget, text, type OrgRefOptions } from '../input.js';
import type { CommandSpec, VerbInput } from '../spec.js';

/** The formats (domain/importers IMPORT_FORMATS), listed here so --help loads no domain code. */
export const importFormats = ['bitwarden-json', 'bitwarden-csv', 'lastpass-csv', '1password-csv', 'keeper-csv'] as const;
type Format = (typeof importFormats)[number];

export interface ClientImportOptions extends OrgRefOptions {
  file: string;
  format: Format;
  collection?: string;
  dryRun: boolean;
}

export function clientImportOptions(input: VerbInput): ClientImportOptions {
  const o = input.opts;
  const format = typeof o.from === 'string' ? o.from : '';
  if (!(importFormats as readonly string[]).includes(format)) throw new UsageError(`--from: name the export format, one of ${importFormats.join(', ')}`);
  const collection = text(o.collection);
  return {
    file: input.args[0] ?? '',
    format: format as Format,
    ...orgRef(input),
    ...(collection?.trim() ? { collection } : {}),
    dryRun: o.dryRun === true,
  };
}

async function readExport(file: string): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new InputError(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : 'cannot be read'}`);
  }
}

function summaryView(s: ImportSummary) {
  return {
    client: s.client,
    organizationId: s.organizationId,
    dryRun: s.dryRun,
    items: s.items,
    imported: s.imported,
    skipped: s.skipped,
    failed: s.failures.length,
    collectionsCreated: s.collectionsCreated,
    collectionsReused: s.collectionsReused,
    batches: s.batches,
    batchSize: s.batchSize,
    failures: s.failures,
  };
}

export async function clientImportRun(opts: ClientImportOptions, d: Deps): Promise<void> {
  const [{ parseImport }, { withAdminOrg }, { importItems }, { withSpinner }] = await Promise.all([
    import('../../domain/importers/index.js'),
    import('../../domain/admin-org.js'),
    import('../../domain/vault-import.js'),
    import('../../ui/progress.js'),
  ]);
  // The whole file is parsed (and then validated and encrypted) before anything is sent.
  const { items } = parseImport(opts.format, { file: opts.file, text: await readExport(opts.file) });
  const ref = { client: opts.client, org: opts.org };
  const need = { key: 'required', why: 'importing encrypts every item with the organization key', orgApiKey: false } as const;
  const summary = await withAdminOrg(d, ref, need, (org) =>
    withSpinner(d.io, `Importing ${items.length} items into ${org.name}`, (update) =>
      importItems(org, items, {
        defaultCollection: opts.collection,
        dryRun: opts.dryRun,
        warn: (m) => d.out.warn(m),
        progress: (m) => {
          update(m);
          if (!d.io.progressEnabled) d.out.info(m);
        },
      }),
    ),
  );
  d.out.object(
    {
      client: summary.client,
      dryRun: summary.dryRun || undefined,
      items: summary.items,
      [summary.dryRun ? 'wouldImport' : 'imported']: summary.imported,
      skippedExisting: summary.skipped,
      failed: summary.failures.length || undefined,
      collectionsCreated: summary.collectionsCreated.length ? summary.collectionsCreated : '-',
      collectionsReused: summary.collectionsReused.length ? summary.collectionsReused : '-',
      batches: summary.batches,
    },
    { view: summaryView(summary) },
  );
  const verb = summary.dryRun ? 'Would import' : 'Imported';
  if (summary.failures.length === 0 || summary.imported > 0) {
    d.out.success(`${verb} ${summary.imported} of ${summary.items} items into ${summary.client}${summary.skipped ? ` (${summary.skipped} already there, skipped)` : ''}`);
  }
  if (summary.failures.length) {
    throw new PartialFailureError(`${summary.failures.length} of ${summary.items} items could not be imported into ${summary.client}`, summary.failures, {
      hint: 'Run the same import again: items already imported are skipped.',
    });
  }
}

export const clientImportSpec: CommandSpec = {
  name: 'import',
  summary: "Import vault data into a client's collections",
  description: [
    'Reads an export file (Bitwarden JSON or CSV, LastPass CSV, 1Password 8 CSV, Keeper CSV), encrypts every item with the',
    "client's organization key on this machine and imports it through the organization import route, in batches of 500 items.",
    'Folders, groupings and tags become collections (nested with "/"): existing collections are reused by name, missing ones',
    'are created; items naming none go to --collection when given. The whole file is checked first: a bad row is reported with',
    'its line and nothing is sent. Re-running converges: items whose name, username and first URI already exist in the',
    'client are skipped (Bitwarden itself would duplicate them). Encrypted Bitwarden exports cannot be read. Needs an unlocked',
    'vault (BWMSP_SESSION) and the right to import: Owner, Admin, custom role with import/export, or a provider user.',
  ].join(' '),
  args: ['<file>'],
  options: [
    ...orgTarget,
    // The global --format (table|json|csv) is matched anywhere by commander; main.ts passes any other
    // --format value of this verb on as --from (root.ts importFormatAlias).
    { flags: '--from <format>', description: 'export format of the file (required; --format FORMAT works too)', choices: importFormats },
    { flags: '--collection <name>', description: 'collection for items that name none (created when missing)' },
    { flags: '--dry-run', description: 'check the file and show what would be imported; send nothing' },
  ],
  examples: [
    { comment: 'Import a LastPass export', command: "bwmsp client import export.csv --client 'Contoso Ltd' --format lastpass-csv" },
    { comment: 'Check a Keeper export first, putting unfiled items in "Imported"', command: "bwmsp client import keeper.csv --client Fabrikam --from keeper-csv --collection Imported --dry-run" },
    { comment: 'Import a Bitwarden JSON export, result as JSON', command: 'bwmsp client import vault.json --client Fabrikam --from bitwarden-json --json' },
  ],
  run: (input, deps) => clientImportRun(clientImportOptions(input), deps),
};
