// An access token for an API client, from the real token endpoint (client_credentials grant).
import { expect } from 'vitest';
import { POST as tokenRoute } from '@/app/api/v1/auth/token/route.ts';
import { PEER_ADDRESS_HEADER } from '../../lib/http/peer-address.ts';

export async function issueAccessToken(
  client: { clientId: string; clientSecret: string },
  ip = '10.9.0.1',
): Promise<string> {
  const res = await tokenRoute(
    new Request('http://localhost/api/v1/auth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', [PEER_ADDRESS_HEADER]: ip },
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
