// Bearer API access tokens (issue 3, item 7): RS256, audience packline:api, `sub` = ApiClient id,
// `org` = its organization, `scope` = space-separated permissions. Verification (lib/auth/tokens.ts)
// pins RS256, our own kids, issuer, audience and expiry; here the custom claims are checked too.
import { z } from 'zod';
import { AppError } from '../errors/app-error.ts';
import { getLogger } from '../logger.ts';
import { isPermission, type Permission } from './permissions.ts';
import type { Principal } from './principal.ts';
import { AUDIENCES, InvalidTokenError, signToken, verifyToken } from './tokens.ts';

export const ACCESS_TOKEN_TTL_SECONDS = 3600;

const ZApiClaims = z.object({ sub: z.uuid(), org: z.uuid(), scope: z.string().max(2000) });

export async function signApiAccessToken(input: {
  apiClientId: string;
  organizationId: string;
  scope: readonly Permission[];
}): Promise<string> {
  return signToken(
    { org: input.organizationId, scope: input.scope.join(' ') },
    { audience: AUDIENCES.api, subject: input.apiClientId, expiresInSeconds: ACCESS_TOKEN_TTL_SECONDS },
  );
}

/** The bearer token of an Authorization header, '' for a malformed one, null when absent. */
export function bearerToken(headers: Pick<Headers, 'get'>): string | null {
  const value = headers.get('authorization');
  if (value === null) return null;
  const match = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)$/i.exec(value.trim());
  return match?.[1] ?? '';
}

export async function authenticateApiToken(
  token: string,
): Promise<Extract<Principal, { kind: 'api_client' }>> {
  try {
    if (!token) throw new InvalidTokenError('malformed authorization header');
    const payload = await verifyToken(token, AUDIENCES.api);
    const claims = ZApiClaims.safeParse(payload);
    if (!claims.success) throw new InvalidTokenError('claims invalid');
    return {
      kind: 'api_client',
      apiClientId: claims.data.sub,
      organizationId: claims.data.org,
      scope: claims.data.scope.split(' ').filter(isPermission),
    };
  } catch (error) {
    if (!(error instanceof InvalidTokenError)) throw error;
    getLogger().info({ reason: error.message }, 'api token rejected');
    throw new AppError('UNAUTHENTICATED', 'invalid or expired access token');
  }
}
