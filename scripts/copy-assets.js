// Build step after tsc: nothing to copy yet besides what tsc emits; kept so assets (JSON schemas,
// certificates) have one place to be copied into dist/.
import { cpSync, existsSync } from 'node:fs';

const assets = [['src/crypto/certs', 'dist/crypto/certs']];
for (const [from, to] of assets) {
  if (existsSync(from)) cpSync(from, to, { recursive: true });
}
