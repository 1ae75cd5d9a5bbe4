/**
 * Bitwarden's two public license-signing certificates (DER X.509, RSA-4096, valid 2017 to 2047), embedded so
 * `bwmsp license verify` works offline. Bytes copied from protocol/certs/licensing.cer and licensing_dev.cer
 * (the embedded resources src/Core/licensing.cer and src/Core/licensing_dev.cer of bitwarden/server).
 * A self-hosted server always trusts the production certificate, and the dev one only outside Production
 * (licensing-and-selfhost.md section 1.5). Public keys only: nothing here is secret.
 */

export type BuiltInLicenseCert = 'production' | 'dev';

/** SHA-1 thumbprints the official server hard-codes (upper-case hex, no separators). */
export const LICENSE_CERT_THUMBPRINTS: Readonly<Record<BuiltInLicenseCert, string>> = {
  production: 'B34876439FCDA2846505B2EFBBA6C4A951313EBE',
  dev: '207E64A231E8AA32AAF68A61037C075EBEBD553F',
};

/** Subject common names, for messages. */
export const LICENSE_CERT_SUBJECTS: Readonly<Record<BuiltInLicenseCert, string>> = {
  production: 'CN=bitwarden License',
  dev: 'CN=bitwarden License Dev',
};

/** `CN=bitwarden License`: signs every genuine cloud license. */
const PRODUCTION_CERT_B64 =
  'MIIFCzCCAvOgAwIBAgIJAIO4HaAaZUBGMA0GCSqGSIb3DQEBCwUAMBwxGjAYBgNVBAMMEWJpdHdhcmRlbiBMaWNlbnNlMB4XDTE3' +
  'MDgwOTE1MjE0M1oXDTQ3MDgwMjE1MjE0M1owHDEaMBgGA1UEAwwRYml0d2FyZGVuIExpY2Vuc2UwggIiMA0GCSqGSIb3DQEBAQUA' +
  'A4ICDwAwggIKAoICAQC0GczzTyS8oPi1mxxJc6XzgEc4kXZvG7PMuefEUI/0hRzyFMeveYsLMMOky350uGMpq/tKX1rQbOyzHeyp' +
  'HQ7cPgDOk29+UhQIh70b63nt2L6djAFPsURUcXo609R4ckDmfuYMEYpOD7Iu+3t4JKfmCtV+nZZih7V5y6cufOr89fO7Qd2Ew8ij' +
  'FhWL9PSHYA8EKGHwbkXx0Ee3CVRTY/IKembZ0ZbdOes753BnXjsB+a3A55bNld4Qei9bqCdQFH2VEVDqCtL134E/envhmQG6HQbd' +
  'U6DrdWdD4cKxA1m4xnel3PCU4LyMwH3ruPwlkd8GFC+hRaCwJIczyDBFjxPUDbWIaRA8w7hr1WLttlMiimc/7T5a616r5+7a6r51' +
  '63LujX/l3rTihczYiZrC7HfO92B9OEL65dkTkic9RZmJ7O+9r6FXUzf38hDkrFHBb/pWvB4BEQZJLsfO4WN9/rEkZEvv3j1jY/zB' +
  'p5SoU+9wNFlfzUe8oGDCjLjsSG/Ml+H3Gible8MattN12adEoou9vPcmc/diF8gNOwwHZhHR1O76ppDGO9N7bhKlxvVuAW77DBpk' +
  'kNtM4UR0M1PMBlrmo2RXclFcOEqsgw83ZV6yLea5MuCHB2WHuUCy4BIDHy5tF1M6kfBCuUkmBDe9U+Qgd7r8UKf9dlxJ7tcirLs2' +
  '9wIDAQABo1AwTjAdBgNVHQ4EFgQUWgN56opBV9PQb5jtHArwKWN91nIwHwYDVR0jBBgwFoAUWgN56opBV9PQb5jtHArwKWN91nIw' +
  'DAYDVR0TBAUwAwEB/zANBgkqhkiG9w0BAQsFAAOCAgEAa15L4vA9WsBJXBiAmTongKLPXTI6T3AH5S9vjvW1skb+yFnimd09o00N' +
  'lZBbuZIkefj6+U+1Al9rXuoPKAje8Akr4Oa/jVOZ622Zi2seR5IK1gAdVhQ7wgS4k+MUuzoqDRbKAe1y8N1Uh3e2ZNZaXX0Zlkp+' +
  'ovPcawph+Kykgk5nzLkGvjQyKGLK3uR3JkrqZQ30vfh3pfC0B2Ab7x5u9Sk1a8FyUSYvYtSSVkG37PqPw8HUQRB71aocr3FE3rkt' +
  'XGrMQOcN7gAfCuQr4E+uHnfq8lSfBbk+VlKtAImTZ1KPjUHPqgTtuqvPB4sH//LrKUWixsnw5aFxjk4IkNex/tE4WVTp8yLniCun' +
  'a64hJzH28DHT4TK5AuLp7++8sHoMx8kAg9d1S71K26CWFYYge5GRub9C3pINGFPv8ymvSTjDfTQThBV15qBvUQZI+Jcq+IldhEBd' +
  'cikrNG86VFe8u7Om05xZZQRTY+S93C+lnjNtJ7b8yuoMTrSh8E4p9hgQTu3jnl2VYE3cM6RzwRLldWnAzGYzrNP2gZMw22XP8ihd' +
  'vrDSfNySjvXHY2oldvb6IipWXPO9TnqH36vuAP2s066fbhZ4f4SmZXQG9PJ8nMzukhb5UbaFruYNAy9IRT3rrVFh/clD8jVkoGM8' +
  'Q5hOBUTo5gStKVHuWTEA/Lla+rw=';

/** `CN=bitwarden License Dev`: Bitwarden's development signer. */
const DEV_CERT_B64 =
  'MIIFEzCCAvugAwIBAgIJAOv0cZyo6ZmCMA0GCSqGSIb3DQEBCwUAMCAxHjAcBgNVBAMMFWJpdHdhcmRlbiBMaWNlbnNlIERldjAe' +
  'Fw0xNzA4MDkxNTI0MzRaFw00NzA4MDIxNTI0MzRaMCAxHjAcBgNVBAMMFWJpdHdhcmRlbiBMaWNlbnNlIERldjCCAiIwDQYJKoZI' +
  'hvcNAQEBBQADggIPADCCAgoCggIBAOvenLlRA3fo77A2y9/+9RUo3fAvRAE0u/bdbY2VLOm6dBYIEGgIzjlevG4CVdkaD2ynm3hi' +
  'y4NXSWB2lXffUbJpXZYqnTjNRORJx0NU5vsmVJ4wGkt6OR6geVURpsdWo2SIxvmZK1W6Qq+2NOQqtyTheJD+NlIBW3A3Srz0Acqz' +
  'PlCMhS2HKsGgUicCwCP6PrEKbpA5pJloudDeyFC1rcWxXW/HMvfMdc07mrtRepKB93Fpw8d4Zk/HiQn03uzhTzAel+fXDTn0jxmC' +
  'PKQUhwh2ZIe0mli1dPsNl+Csti8btuE3EQwTJ1+HJ4rE5SGMSOgX7nvJbysDN9xY/Hbg+q5d0NNvv8118HXWrLwegSsFrIffFFLG' +
  '+3H0QAHVSjCKSs9cEVfX6sFcvJFbdQJJ9T1TrwTrOcnh1RndJ61vGPJwpkYzmCCmuwtvoPolPHS3xiPNN7OfEX8ehvL0pwvAD8ZX' +
  'nKOcE+IAnDyW9ybAB4Sje/uyPAidL8Se73LSt7U+aUwSO+qk2s90liwcMaBqXJ6cuwsoFQFU4v+0XLzO9grLj4vFsMtulwiPP4HM' +
  'leT2U4UqyYbufZlPjdZstcY/qcchQ8uu/9mMCzq8glj7oUGw3suQy1ayuMobiedC987kgVtgi5dRyIQ31iV+JDt9hiEks9YWuez8' +
  'L5pf9yS6TQVLAgMBAAGjUDBOMB0GA1UdDgQWBBTF+XCy1O3b52gR0eDktpuODEJJxjAfBgNVHSMEGDAWgBTF+XCy1O3b52gR0eDk' +
  'tpuODEJJxjAMBgNVHRMEBTADAQH/MA0GCSqGSIb3DQEBCwUAA4ICAQBTak6KxwByRs2GuzRGBvZAEt784jrAJGGHVzNsd5LUY9YG' +
  'H6+2QBfP1KY4keEnvxelmBUPPztNC5ewtGkklZmUumejfE9BxCgDRTYiLIg4Sn7sYvtaVzCrIPj3sto5bigNqK3IewcH3BacWYtc' +
  'UhC2TOtIvW9qu1es5VC8YdJ1AFSxasi/i99dJ6+5/svFKZqiV4defgd3kxM1I1FF3xsbB9woFpP5xcIF6cQ2/8eml9GQMykEDRII' +
  'LxUCoqQsTS6UF2E1LdkvTyjYfi73xhyn5ZgUpyx8u4/lJHgyHu5o4RXH8TCv20uoyy0iJhQyMYXkpiJyZy+Q5IgSHOsVmwdDN3ny' +
  'r2M8IzUmdCi2z8k8xjpLMorFOwSUIi5J0vymXYTjpIPRYQFBEou7C2AIZSbdX4AcUTx5iFajjYfI8HaqQGjpoHfteeKvm2Kxg2XN' +
  'VzXUO/7QD/lew5Xo6J+OCMp7skrPtdwV9vsM+A1wETE0pUQsQTt88NLFYnaAlCPYjvE0i0TPbNYXDt3yzBwW994ULjn2zN07syfO' +
  'kOySUWKdKbyyrRdtGBg3gyRTzA40cl91+revG1E543V0GwEWBNqalSEvIYWJ0oX2M2t7WAUFbB6zQC9Y97Ob3n155eOFld6HXb4j' +
  'XDNmKiZHlsQLg1V5TLsJ/Be1XOYJ9qhvp3THXA==';

/** The DER bytes of a built-in certificate. */
export function builtInLicenseCert(which: BuiltInLicenseCert): Uint8Array {
  return new Uint8Array(Buffer.from(which === 'production' ? PRODUCTION_CERT_B64 : DEV_CERT_B64, 'base64'));
}
