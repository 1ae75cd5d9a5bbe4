import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../../src/errors.js';
import { parseImport, type ImportFormat } from '../../../../src/domain/importers/index.js';

const dir = join(import.meta.dirname, '../../../fixtures/imports');
const read = (format: ImportFormat, file: string) => parseImport(format, { file, text: readFileSync(join(dir, file), 'utf8') });
const fails = (format: ImportFormat, file: string, text?: string): InputError => {
  try {
    parseImport(format, { file, text: text ?? readFileSync(join(dir, file), 'utf8') });
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error(`${file} parsed without an error`);
};

describe('bitwarden-json', () => {
  it('reads every item type with collections, fields, URIs and unicode', () => {
    const { items } = read('bitwarden-json', 'bitwarden.json');
    expect(items.map((i) => [i.type, i.name, i.collections])).toEqual([
      ['login', 'Router admin', ['IT']],
      ['note', 'Wi-Fi guest network 📶', ['IT', 'Finance/Banking']],
      ['card', 'Company Visa', ['Finance/Banking']],
      ['identity', 'Registered office', []],
    ]);
    const [router, note, card, identity] = items;
    expect(router?.reprompt).toBe(1);
    expect(router?.notes).toBe('Rack 2, top shelf\nCall Jörg before rebooting');
    expect(router?.login).toEqual({
      username: 'admin',
      password: 'p@ss, "quoted" wörd',
      totp: 'otpauth://totp/Router?secret=JBSWY3DPEHPK3PXP',
      uris: ['https://192.168.1.1', 'https://router.contoso.example/admin'],
    });
    expect(router?.fields).toEqual([
      { name: 'Serial', value: 'RT-9000-17', type: 0 },
      { name: 'Recovery PIN', value: '4711', type: 1 },
    ]);
    expect(note?.login).toBeNull();
    expect(card?.card).toMatchObject({ number: '4111111111111111', expMonth: '7', expYear: '2029', brand: 'Visa' });
    expect(identity?.identity).toMatchObject({ firstName: 'Åke', lastName: 'Lindström', city: 'Malmö' });
  });

  it('refuses an encrypted export with a clear message', () => {
    expect(fails('bitwarden-json', 'bitwarden-encrypted.json').message).toMatch(/bitwarden-encrypted\.json: this is an encrypted Bitwarden export/);
  });

  it('names the line and column of a JSON syntax error without quoting the file', () => {
    const error = fails('bitwarden-json', 'broken.json', '{\n  "items": [\n    { "name": "x", "login": { "password": "hunter2" }\n  ]\n}');
    expect(error.message).toMatch(/^broken\.json line 4 column \d+: not valid JSON/);
    expect(error.message).not.toContain('hunter2');
  });

  it('names the item and field of an unsupported type or a missing name', () => {
    expect(fails('bitwarden-json', 'x.json', '{"items":[{"type":1,"name":"ok"},{"type":5,"name":"key"}]}').message).toMatch(/x\.json items\[1\]: field type: 5/);
    expect(fails('bitwarden-json', 'x.json', '{"items":[{"type":1,"name":"  "}]}').message).toMatch(/x\.json items\[0\]: field name/);
    expect(fails('bitwarden-json', 'x.json', '{"items":[{"type":1,"name":"a","collectionIds":["nope"]}]}').message).toMatch(/collectionIds: collection nope/);
  });
});

describe('bitwarden-csv', () => {
  it('reads quoted multi-line cells, several collections, fields and URIs', () => {
    const { items } = read('bitwarden-csv', 'bitwarden.csv');
    expect(items).toHaveLength(3);
    const [vpn, door, printer] = items;
    expect(vpn).toMatchObject({ type: 'login', name: 'VPN gateway', collections: ['IT', 'Finance/Banking'], notes: 'Primary gateway\nsecond line, with comma', source: 'bitwarden.csv line 2' });
    expect(vpn?.fields).toEqual([
      { name: 'Region', value: 'eu-west', type: 0 },
      { name: 'Port', value: '443', type: 0 },
    ]);
    expect(vpn?.login).toEqual({ username: 'svc-vpn', password: 'S3cr3t,"x"', totp: 'JBSWY3DPEHPK3PXP', uris: ['https://vpn.contoso.example', 'https://vpn2.contoso.example'] });
    expect(door).toMatchObject({ type: 'note', name: 'Door codes ☃', reprompt: 1, collections: ['IT'], source: 'bitwarden.csv line 5' });
    expect(printer).toMatchObject({ collections: [], login: { uris: ['http://printer.local'] } });
  });

  it('names the line and field of a bad row', () => {
    expect(fails('bitwarden-csv', 'bitwarden-bad-type.csv').message).toBe("bitwarden-bad-type.csv line 3: field type: 'passkey' is not a Bitwarden CSV type (login or note)");
  });
});

describe('lastpass-csv', () => {
  it('maps grouping to collections, http://sn to secure notes and fav', () => {
    const { items } = read('lastpass-csv', 'lastpass.csv');
    expect(items.map((i) => [i.type, i.name, i.collections, i.favorite])).toEqual([
      ['login', 'Contoso portal', ['Shared-IT/Servers'], true],
      ['note', 'Alarm system', ['Facilities'], false],
      ['login', 'Webmail ✉', [], false],
    ]);
    expect(items[0]?.login).toEqual({ username: 'alice@contoso.example', password: 'pa,ss"word', totp: null, uris: ['https://portal.contoso.example'] });
    expect(items[0]?.notes).toBe('Portal notes\nline two');
    expect(items[1]?.notes).toBe('Alarm code: 9911\nBackup: 1199');
    expect(items[1]?.login).toBeNull();
    expect(items[2]?.login?.totp).toBe('JBSWY3DPEHPK3PXP');
    expect(items[2]?.source).toBe('lastpass.csv line 6');
  });

  it('refuses a file whose header is not a LastPass export', () => {
    expect(fails('lastpass-csv', 'lastpass-bad.csv').message).toMatch(/^lastpass-bad\.csv line 1: not a LastPass CSV export: the header lacks columns username, password, extra, grouping/);
  });
});

describe('1password-csv', () => {
  it('reads the 1Password 8 columns; the first tag is the collection', () => {
    const { items } = read('1password-csv', '1password.csv');
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ type: 'login', name: 'Domain admin', favorite: true, collections: ['IT/Servers'], notes: 'Break-glass account\nRotate quarterly' });
    expect(items[0]?.login).toEqual({ username: 'CONTOSO\\administrator', password: 'Xy!9,"quoted"', totp: 'otpauth://totp/DC?secret=JBSWY3DPEHPK3PXP', uris: ['https://dc01.contoso.example'] });
    expect(items[1]).toMatchObject({ name: 'Café Wi-Fi', collections: [], login: { uris: [], password: 'latte-art-2026', username: null } });
  });

  it('refuses a CSV without the 1Password columns', () => {
    expect(fails('1password-csv', 'other.csv', 'name,secret\na,b\n').message).toMatch(/^other\.csv line 1: not a 1Password CSV export/);
  });
});

describe('keeper-csv', () => {
  it('reads header-less rows: folder, title, login, password, url, notes, custom pairs', () => {
    const { items } = read('keeper-csv', 'keeper.csv');
    expect(items.map((i) => [i.name, i.collections, i.source])).toEqual([
      ['Firewall', ['Shared/IT'], 'keeper.csv line 1'],
      ['Bank portal', ['Finance'], 'keeper.csv line 2'],
      ['NAS', [], 'keeper.csv line 4'],
    ]);
    expect(items[0]?.login).toEqual({ username: 'admin', password: 'fw,pass', totp: 'otpauth://totp/FW?secret=JBSWY3DPEHPK3PXP', uris: ['https://fw.contoso.example'] });
    expect(items[0]?.fields).toEqual([{ name: 'Location', value: 'Server room', type: 0 }]);
    expect(items[1]?.notes).toBe('Multi-line\nnote');
  });

  it('names the line of a row with too few columns', () => {
    expect(fails('keeper-csv', 'keeper-bad.csv').message).toBe(
      'keeper-bad.csv line 2: a Keeper CSV row has at least 6 columns (folder, title, login, password, url, notes); this one has 3',
    );
  });
});

describe('CSV syntax', () => {
  it('names the line of an unterminated quote', () => {
    expect(fails('lastpass-csv', 'q.csv', 'url,username,password,totp,extra,name,grouping,fav\nhttps://a,"b,c,d,e,f,g,0\n').message).toMatch(/^q\.csv( line \d+)?: not valid CSV/);
  });
});
