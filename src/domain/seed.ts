/**
 * The sandbox's demo accounts, registered through the public routes with bwmsp's own crypto.
 * Passwords are fixed so a re-run finds the same accounts (sandbox only: never reuse them).
 */
import type { Connection } from './connection.js';
import { registerAccount } from './register.js';

export type SeedRole = 'provider-admin' | 'provider-admin-2' | 'service-user' | 'member';

export interface SeedAccount {
  role: SeedRole;
  email: string;
  password: string;
  name: string;
}

export const seedAccounts: readonly SeedAccount[] = [
  { role: 'provider-admin', email: 'admin@msp.example', password: 'Sandbox-Provider-Admin-1', name: 'Ada Admin' },
  { role: 'provider-admin-2', email: 'admin2@msp.example', password: 'Sandbox-Provider-Admin-2', name: 'Bert Backup' },
  { role: 'service-user', email: 'tech@msp.example', password: 'Sandbox-Service-User-1', name: 'Tess Tech' },
  { role: 'member', email: 'alice@contoso.example', password: 'Sandbox-Member-Alice-1', name: 'Alice Contoso' },
  { role: 'member', email: 'bob@contoso.example', password: 'Sandbox-Member-Bob-1', name: 'Bob Contoso' },
  { role: 'member', email: 'carol@fabrikam.example', password: 'Sandbox-Member-Carol-1', name: 'Carol Fabrikam' },
];

export interface SeededAccount {
  role: SeedRole;
  email: string;
  password: string;
  clientId: string;
  clientSecret: string;
  created: boolean;
}

export async function seedSandbox(conn: Connection, onProgress: (email: string) => void = () => undefined): Promise<SeededAccount[]> {
  const out: SeededAccount[] = [];
  for (const account of seedAccounts) {
    onProgress(account.email);
    const registered = await registerAccount(conn, account);
    out.push({ role: account.role, email: registered.email, password: account.password, clientId: registered.clientId, clientSecret: registered.clientSecret, created: registered.created });
  }
  return out;
}
