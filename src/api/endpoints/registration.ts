/**
 * Account registration the way current official clients do it (auth-and-crypto.md section 8.1):
 * send-verification-email, then register/finish with key material made on the client.
 */
import { z } from 'zod';
import type { RegisterFinishRequest } from '../../protocol/registration.js';
import type { ApiClient } from '../client.js';

/** Returns the verification token when the server hands it back (verification off), else undefined (mailed). */
export async function sendVerificationEmail(api: ApiClient, body: { email: string; name?: string }): Promise<string | undefined> {
  const result = await api.request({
    service: 'identity',
    method: 'POST',
    path: '/accounts/register/send-verification-email',
    json: { email: body.email, name: body.name ?? null, receiveMarketingEmails: false },
    auth: false,
  });
  return typeof result === 'string' && result !== '' ? result : undefined;
}

export async function registerFinish(api: ApiClient, body: RegisterFinishRequest): Promise<void> {
  await api.request({ service: 'identity', method: 'POST', path: '/accounts/register/finish', json: body, auth: false });
}

const apiKeySchema = z.looseObject({ apiKey: z.string() });

/** `POST {api}/accounts/api-key` with the master password hash: the personal API key secret. */
export async function getPersonalApiKey(api: ApiClient, masterPasswordHash: string, accessToken?: string): Promise<string> {
  const response = await api.request({
    service: 'api',
    method: 'POST',
    path: '/accounts/api-key',
    json: { masterPasswordHash },
    schema: apiKeySchema,
    ...(accessToken ? { auth: false, headers: { Authorization: `Bearer ${accessToken}` } } : {}),
  });
  return response.apiKey;
}
