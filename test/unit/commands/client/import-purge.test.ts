import { describe, expect, it } from 'vitest';
import { clientImportOptions } from '../../../../src/commands/client/import.js';
import { clientPurgeOptions } from '../../../../src/commands/client/purge.js';
import { UsageError } from '../../../../src/errors.js';

const input = (args: string[], opts: Record<string, unknown>) => ({ args, opts, commandPath: 'client import' });

describe('client import flags', () => {
  it('turns argv into options', () => {
    expect(clientImportOptions(input(['export.csv'], { from: 'lastpass-csv', client: 'Contoso Ltd', collection: 'Imported', dryRun: true }))).toEqual({
      file: 'export.csv',
      format: 'lastpass-csv',
      client: 'Contoso Ltd',
      collection: 'Imported',
      dryRun: true,
    });
    expect(clientImportOptions(input(['v.json'], { from: 'bitwarden-json', org: 'o-1', collection: '  ' }))).toEqual({ file: 'v.json', format: 'bitwarden-json', org: 'o-1', dryRun: false });
  });

  it.each([[undefined], ['dashlane'], ['']])('refuses a missing or unknown --from (%s) naming the flag and the formats', (from) => {
    expect(() => clientImportOptions(input(['x.csv'], from === undefined ? {} : { from }))).toThrow(UsageError);
    expect(() => clientImportOptions(input(['x.csv'], from === undefined ? {} : { from }))).toThrow(/--from: .*bitwarden-json, bitwarden-csv, lastpass-csv, 1password-csv, keeper-csv/);
  });
});

describe('client purge flags', () => {
  it('turns argv into options', () => {
    expect(clientPurgeOptions(input([], { client: 'Contoso Ltd', passwordStdin: true }))).toEqual({ client: 'Contoso Ltd', passwordStdin: true });
    expect(clientPurgeOptions(input([], { org: 'o-1' }))).toEqual({ org: 'o-1', passwordStdin: false });
  });
});
