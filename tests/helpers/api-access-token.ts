// An access token for a new API client of the context's organization, through the real token
// endpoint (client_credentials). `ip` keeps each test file's token rate-limit bucket its own.
import { expect } from 'vitest';
import { POST as tokenRoute } from '../../app/api/v1/auth/token/route.ts';
import { createApiClient } from '../../lib/api-clients/create-api-client.ts';
import type { TenantContext } from '../../lib/tenancy/tenant-context.ts';

export async function apiAccessToken(
  ctx: TenantContext,
  permissions: Parameters<typeof createApiClient>[1]['permissions'],
  ip: string,
): Promise<string> {
  const client = await createApiClient(ctx, { name: `client ${permissions.join(' ')}`, permissions });
  const res = await tokenRoute(
    new Request('http://localhost/api/v1/auth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: client.clientSecret,
      }).toString(),
    }),
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}
