/** Bitwarden's license-signing certificates live in crypto (pure data shared with the sandbox). */
export {
  builtInLicenseCert,
  LICENSE_CERT_SUBJECTS,
  LICENSE_CERT_THUMBPRINTS,
  type BuiltInLicenseCert,
} from '../crypto/license-certs.js';
