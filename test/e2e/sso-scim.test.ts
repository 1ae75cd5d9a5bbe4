/**
 * `bwmsp client sso view|set` and `bwmsp client scim enable|rotate|view` against the sandbox, as a
 * provider admin working on client organizations.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpProvider, startWorld, type Actor, type World } from './provider-world.js';

interface SsoJson {
  client: string;
  organizationId: string;
  enabled: boolean;
  identifier: string | null;
  type: string | null;
  memberDecryption: string;
  oidc: { authority: string; clientId: string; clientSecret: string } | null;
  saml: { idpEntityId: string; idpSingleSignOnServiceUrl: string; idpBindingType: string; hasCertificate: boolean } | null;
  serviceProvider: { callbackUrl: string; spEntityId: string; spAcsUrl: string };
}
interface ScimJson {
  organizationId: string;
  enabled: boolean;
  scimUrl: string;
  apiKey: string | null;
  keyRevisionDate: string | null;
  connection?: string;
}

let world: World;
let admin: Actor;
let password: string;
let contosoId: string;
let base: string;
const dir = mkdtempSync(join(tmpdir(), 'bwmsp-e2e-sso-'));

const withEnv = (extra: Record<string, string>) => ({ env: { BWMSP_SESSION: admin.sessionKey, ...extra } });

beforeAll(async () => {
  world = await startWorld();
  const account = world.account('provider-admin');
  password = account.password;
  admin = await world.actor(account);
  await setUpProvider(world, admin, 'Acme MSP');
  const contoso = await admin.json<{ id: string }>(['client', 'create', '--name', 'Contoso', '--owner-email', 'alice@contoso.example', '--plan', 'enterprise', '--seats', '5']);
  await admin.json(['client', 'create', '--name', 'Fabrikam', '--owner-email', 'bob@fabrikam.example', '--plan', 'teams', '--seats', '5']);
  contosoId = contoso.id;
  base = world.sandbox.url.replace(/\/+$/, '');
});
afterAll(async () => {
  await world?.close();
});

describe('client sso', () => {
  it('shows an unconfigured client with the SP URLs of the server', async () => {
    const view = await admin.json<SsoJson>(['client', 'sso', 'view', '--client', 'Contoso']);
    expect(view).toMatchObject({ client: 'Contoso', organizationId: contosoId, enabled: false, identifier: null, type: null });
    expect(view.serviceProvider.callbackUrl).toBe(`${base}/sso/oidc-signin`);
    expect(view.serviceProvider.spAcsUrl).toBe(`${base}/sso/saml2/${contosoId}/Acs`);
  });

  it('refuses missing fields before sending, naming the flags (exit 2)', async () => {
    const r = await admin.run(['client', 'sso', 'set', '--client', 'Contoso', '--type', 'oidc', '--identifier', 'contoso', '--client-id', 'bw']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--authority');
    const secretFlag = await admin.run(['client', 'sso', 'set', '--client', 'Contoso', '--type', 'oidc', '--identifier', 'contoso', '--authority', 'https://login.example.com', '--client-id', 'bw']);
    expect(secretFlag.exitCode).toBe(2);
    expect(secretFlag.stderr).toContain('--client-secret-env');
  });

  it('saves OIDC with the secret from an env var, masks it, and converges on a re-run', async () => {
    const args = ['client', 'sso', 'set', '--client', 'Contoso', '--type', 'oidc', '--identifier', 'contoso-sso', '--authority', 'https://login.example.com', '--client-id', 'bitwarden', '--client-secret-env', 'CONTOSO_OIDC_SECRET', '--json'];
    const first = await admin.cli.run(args, withEnv({ CONTOSO_OIDC_SECRET: 'oidc-very-secret' }));
    expect(first.exitCode, first.stderr).toBe(0);
    const saved = JSON.parse(first.stdout) as SsoJson;
    expect(saved).toMatchObject({ enabled: true, identifier: 'contoso-sso', type: 'oidc', oidc: { authority: 'https://login.example.com', clientId: 'bitwarden', clientSecret: '********' } });
    expect(first.stdout + first.stderr).not.toContain('oidc-very-secret');
    const again = await admin.cli.run(args.filter((a) => a !== '--json'), withEnv({ CONTOSO_OIDC_SECRET: 'oidc-very-secret' }));
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stderr).toContain('already matches');
    const shown = await admin.json<SsoJson>(['client', 'sso', 'view', '--client', 'Contoso', '--show-secret']);
    expect(shown.oidc?.clientSecret).toBe('oidc-very-secret');
  });

  it('refuses an identifier another client uses', async () => {
    const r = await admin.cli.run(
      ['client', 'sso', 'set', '--client', 'Fabrikam', '--type', 'oidc', '--identifier', 'contoso-sso', '--authority', 'https://login.example.com', '--client-id', 'x', '--client-secret-env', 'S'],
      withEnv({ S: 'x' }),
    );
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toContain('Identifier already in use by another organization.');
  });

  it('switches to SAML from a YAML file with a certificate file', async () => {
    const file = join(dir, 'saml.yaml');
    writeFileSync(file, 'type: saml\nidentifier: contoso-saml\nsaml:\n  idpEntityId: urn:contoso:idp\n  idpSingleSignOnServiceUrl: https://idp.contoso.example/sso\n  idpBindingType: http-post\n');
    const cert = join(dir, 'idp.pem');
    writeFileSync(cert, '-----BEGIN CERTIFICATE-----\nMIIBAAAA\n-----END CERTIFICATE-----\n');
    const view = await admin.json<SsoJson>(['client', 'sso', 'set', '--client', 'Contoso', '--from', file, '--idp-cert', cert]);
    expect(view).toMatchObject({
      identifier: 'contoso-saml',
      type: 'saml',
      oidc: null,
      saml: { idpEntityId: 'urn:contoso:idp', idpSingleSignOnServiceUrl: 'https://idp.contoso.example/sso', idpBindingType: 'http-post', hasCertificate: true },
    });
    expect(view.serviceProvider.spEntityId).toBe(`${base}/sso/saml2/${contosoId}`);
    const secretInFile = join(dir, 'bad.yaml');
    writeFileSync(secretInFile, 'type: oidc\noidc:\n  clientSecret: nope\n');
    const bad = await admin.run(['client', 'sso', 'set', '--client', 'Contoso', '--from', secretInFile]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('oidc.clientSecret must not be stored in a file');
  });
});

describe('client scim', () => {
  it('enables SCIM, prints the base URL and key, and converges on a re-run', async () => {
    const enabled = await admin.json<ScimJson>(['client', 'scim', 'enable', '--client', 'Contoso', '--password-stdin'], { input: `${password}\n` });
    expect(enabled).toMatchObject({ organizationId: contosoId, enabled: true, scimUrl: `${base}/scim/v2/${contosoId}`, connection: 'created' });
    expect(enabled.apiKey).toMatch(/^[A-Za-z0-9]{30}$/);
    const again = await admin.json<ScimJson>(['client', 'scim', 'enable', '--client', 'Contoso', '--password-stdin'], { input: `${password}\n` });
    expect(again).toMatchObject({ connection: 'unchanged', apiKey: enabled.apiKey });

    const view = await admin.json<ScimJson>(['client', 'scim', 'view', '--client', 'Contoso']);
    expect(view).toMatchObject({ enabled: true, apiKey: null, scimUrl: enabled.scimUrl });
    expect(view.keyRevisionDate).toEqual(expect.any(String));

    const refused = await admin.run(['client', 'scim', 'rotate', '--client', 'Contoso', '--password-stdin'], { input: `${password}\n` });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('--yes');
    const rotated = await admin.json<ScimJson>(['client', 'scim', 'rotate', '--client', 'Contoso', '--yes', '--password-stdin'], { input: `${password}\n` });
    expect(rotated.apiKey).toMatch(/^[A-Za-z0-9]{30}$/);
    expect(rotated.apiKey).not.toBe(enabled.apiKey);
  });

  it('rejects a wrong master password without printing a key (exit 4)', async () => {
    const r = await admin.run(['client', 'scim', 'enable', '--client', 'Contoso', '--password-stdin', '--json'], { input: 'not-the-password\n' });
    expect(r.exitCode).toBe(4);
    expect(r.stdout).toBe('');
  });
});

describe('onboarding plans with sso and scim blocks', () => {
  it('applies SAML SSO and SCIM, then converges', async () => {
    const plan = join(dir, 'northwind.yaml');
    writeFileSync(
      plan,
      [
        'version: 1',
        'client:',
        '  name: Northwind',
        '  ownerEmail: owner@northwind.example',
        '  plan: enterprise',
        '  seats: 5',
        'sso:',
        '  type: saml',
        '  identifier: northwind',
        '  saml:',
        '    idpEntityId: urn:northwind:idp',
        '    idpSingleSignOnServiceUrl: https://idp.northwind.example/sso',
        'scim:',
        '  enabled: true',
        '',
      ].join('\n'),
    );
    const first = await admin.run(['client', 'onboard', '--plan', plan, '--yes', '--json']);
    expect(first.exitCode, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout) as { operations: { kind: string; action: string; outcome: string | null }[] };
    expect(report.operations.filter((o) => o.kind === 'sso' || o.kind === 'scim').map((o) => [o.kind, o.action, o.outcome])).toEqual([
      ['sso', 'create', 'done'],
      ['scim', 'create', 'done'],
    ]);
    const sso = await admin.json<SsoJson>(['client', 'sso', 'view', '--client', 'Northwind']);
    expect(sso).toMatchObject({ enabled: true, identifier: 'northwind', type: 'saml', saml: { idpEntityId: 'urn:northwind:idp' } });
    const scim = await admin.json<ScimJson>(['client', 'scim', 'view', '--client', 'Northwind']);
    expect(scim.enabled).toBe(true);
    const again = await admin.run(['client', 'onboard', '--plan', plan, '--yes', '--json']);
    expect(again.exitCode, again.stderr).toBe(0);
    const second = JSON.parse(again.stdout) as { operations: { kind: string; action: string }[] };
    expect(second.operations.filter((o) => o.kind === 'sso' || o.kind === 'scim').map((o) => o.action)).toEqual(['unchanged', 'unchanged']);
  });
});
