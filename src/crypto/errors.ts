/**
 * The one error type thrown by `src/crypto/`. Messages say what failed and never carry key bytes,
 * plaintext or the underlying library's reason. The CLI maps it to exit code 1 (`exitCode`).
 */
export class CryptoError extends Error {
  override readonly name = 'CryptoError';
  /** Exit status the CLI uses for this error (STYLE.md section 5: decrypt failures are 1). */
  readonly exitCode = 1;
  /** Stable machine code for `--json` error output. */
  readonly code = 'crypto';

  constructor(message: string) {
    super(message);
  }
}
