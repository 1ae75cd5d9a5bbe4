import type { Deps } from '../../deps.js';
import { BwmspError, UsageError } from '../../errors.js';
import type { CommandSpec, VerbInput } from '../spec.js';

export interface LicenseVerifyOptions {
  /** Path of the license file, or '-' for stdin. */
  file: string;
  /** Certificate file, or 'production' / 'dev' for Bitwarden's embedded ones; absent = production. */
  cert?: string;
}

export function licenseVerifyOptions(input: VerbInput): LicenseVerifyOptions {
  const file = input.args[0];
  if (!file) throw new UsageError('a license file is required (or - to read it from stdin)');
  const cert = input.opts.cert;
  if (cert !== undefined && (typeof cert !== 'string' || cert.trim() === '')) throw new UsageError('--cert needs a certificate file, or dev for Bitwarden\'s development certificate');
  return { file, ...(typeof cert === 'string' ? { cert } : {}) };
}

export async function licenseVerifyRun(opts: LicenseVerifyOptions, d: Pick<Deps, 'io' | 'out' | 'clock' | 'style'>): Promise<void> {
  const [{ loadLicenseFile }, { loadSigningCertificate, verifyLicenseFile }] = await Promise.all([import('../../domain/license-file.js'), import('../../domain/license-checks.js')]);
  const signer = await loadSigningCertificate(opts.cert);
  const file = await loadLicenseFile(opts.file, d.io.stdin);
  const result = verifyLicenseFile(file, signer.cert, d.clock.now());
  const certificate = {
    subject: signer.cert.subject,
    thumbprint: signer.cert.thumbprint,
    builtIn: signer.builtIn,
    source: signer.source,
  };

  if (d.out.format === 'json') {
    d.out.object({ file: file.source, mode: result.mode, valid: result.valid, certificate, checks: result.checks });
  } else {
    const who = signer.builtIn ? `Bitwarden's ${signer.builtIn} certificate` : signer.source;
    d.out.info(`Verifying ${file.source} (${result.mode === 'token' ? 'token' : 'legacy signature'}) with ${who}: ${certificate.subject}, SHA-1 ${certificate.thumbprint}`);
    const mark = { pass: d.style.green('pass'), fail: d.style.red('fail'), warn: d.style.yellow('warn'), skip: d.style.dim('skip') };
    d.out.list(result.checks, [
      { header: 'Check', value: (c) => c.check },
      { header: 'Result', value: (c) => (d.out.format === 'table' ? mark[c.result] : c.result) },
      { header: 'Detail', value: (c) => c.detail },
    ]);
  }

  const failed = result.checks.filter((c) => c.result === 'fail');
  if (failed.length === 0) {
    d.out.success(`${file.source}: ${result.mode === 'token' ? 'token signature and claims are valid' : 'signature and dates are valid'}`);
    return;
  }
  const signatureFailed = failed.some((c) => c.check === 'signature' && c.detail.includes('does not match'));
  const hint = !signatureFailed
    ? undefined
    : signer.builtIn === 'production'
      ? "Genuine cloud licenses are signed by Bitwarden's production certificate. For a sandbox license pass the sandbox's certificate with --cert FILE; for a Bitwarden development license, --cert dev."
      : 'The file was changed after signing, or was signed with another key than this certificate\'s.';
  throw new BwmspError(`${file.source}: license verification failed: ${failed.map((c) => `${c.check} (${c.detail})`).join('; ')}`, hint ? { hint } : {});
}

export const licenseVerifySpec: CommandSpec = {
  name: 'verify',
  summary: "Check a license file's signature offline",
  description:
    "Verifies a license file the way a self-hosted server does, without a network. With a token (every current cloud license): the RS256 signature against the certificate, iss \"bitwarden\", aud \"organization:<Id>\" and not-before <= now < expiry with no clock skew; the top-level Hash and Signature are then ignored, as by the server. Without a token (legacy files): the RSA signature over the signed fields of the file's version, the recomputed Hash, and the issued/expiry dates. --cert defaults to Bitwarden's production certificate (embedded, also selected by 'production'); 'dev' selects Bitwarden's development certificate (embedded); anything else is a certificate file, DER or PEM (write ./dev for a file named dev). Exits 1 naming the failed checks, 0 when all pass.",
  args: ['<file>'],
  options: [
    {
      flags: '--cert <file>',
      description: "signing certificate, DER or PEM; 'dev' = Bitwarden's development certificate (default: Bitwarden's production certificate)",
      complete: 'files',
    },
  ],
  examples: [
    { comment: 'Verify a genuine cloud license', command: 'bwmsp license verify contoso.json' },
    { comment: 'Verify against the sandbox certificate', command: 'bwmsp license verify contoso.json --cert sandbox/licensing.cer --json' },
  ],
  run: (input, deps) => licenseVerifyRun(licenseVerifyOptions(input), deps),
};
