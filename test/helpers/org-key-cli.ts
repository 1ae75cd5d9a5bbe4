import { expect } from 'vitest';
import { CLIENT_HEADERS, loginWithPassword, type TestAccount } from './accounts.js';
import { auditRecord } from './audit.js';
import { createCli, type Cli } from './cli.js';
import { sandboxFetch, type TestSandbox } from './sandbox.js';

/** A CLI logged in with an organization's API key (Public API only), fetched by an owner of it. */
export async function orgKeyCli(sandbox: TestSandbox, owner: TestAccount, orgId: string): Promise<Cli> {
  const { accessToken } = await loginWithPassword(sandbox, owner);
  const response = await sandboxFetch(sandbox, `/api/organizations/${orgId}/api-key`, {
    method: 'POST',
    headers: { ...CLIENT_HEADERS, Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 0, masterPasswordHash: owner.masterPasswordHash }),
  });
  expect(response.status).toBe(200);
  const { apiKey } = (await response.json()) as { apiKey: string };
  auditRecord('secret', `organization API key of ${orgId}`, apiKey);
  const cli = createCli({ BWMSP_CLIENT_ID: `organization.${orgId}`, BWMSP_CLIENT_SECRET: apiKey });
  expect((await cli.run(['profile', 'add', 'lab', '--server', sandbox.url, '--ca-file', sandbox.caFile as string])).exitCode).toBe(0);
  const login = await cli.run(['login', '--org-apikey']);
  expect(login.exitCode, login.stderr).toBe(0);
  return cli;
}
