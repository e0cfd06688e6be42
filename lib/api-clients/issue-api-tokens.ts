// The token endpoint's grants (issue 3, item 7):
// - client_credentials: client_id + client_secret → RS256 access token (1 h; claims iss, aud, sub
//   = ApiClient id, org, scope, exp, kid) + an opaque refresh token (24 h) starting a new family;
// - refresh_token: rotates — the presented token is marked used and a new one of the same family
//   (same 24 h deadline) is returned with a fresh access token. Presenting a used token again is
//   treated as theft: the whole family is revoked, a `security.refresh_token_reused` event is
//   recorded, and the request fails.
// Unknown client, wrong secret and revoked client are one indistinguishable 401.
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { signApiAccessToken, ACCESS_TOKEN_TTL_SECONDS } from '../auth/api-token.ts';
import { isPermission, type Permission } from '../auth/permissions.ts';
import type { RequestMeta } from '../auth/principal.ts';
import { recordSecurityEventSafely } from '../auth/security-events.ts';
import { newId } from '../db/ids.ts';
import { withTenant, type TenantTx } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { getLogger } from '../logger.ts';
import { hashOpaqueToken, newOpaqueToken, opaqueTokenMatches } from '../security/opaque-token.ts';
import { findApiClientByClientId, findRefreshTokenByHash } from './find-grant-credentials.ts';
import type { TTokenRequest } from './schemas.ts';

export const REFRESH_TOKEN_TTL_SECONDS = 24 * 3600;

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
  scope: string;
}

const invalidClient = () => new AppError('UNAUTHENTICATED', 'invalid client credentials');
const invalidGrant = () => new AppError('UNAUTHENTICATED', 'invalid or expired refresh token');
// Compared against when the client_id is unknown, so both failures cost the same work.
const DUMMY_HASH = hashOpaqueToken('pls_dummy');

async function issue(
  tx: TenantTx,
  input: {
    organizationId: string;
    apiClientId: string;
    permissions: readonly Permission[];
    familyId: string;
    expiresAt: Date;
  },
): Promise<TokenResponse> {
  const refreshToken = newOpaqueToken('plr');
  await tx.apiRefreshToken.create({
    data: {
      organizationId: input.organizationId,
      apiClientId: input.apiClientId,
      familyId: input.familyId,
      tokenHash: hashOpaqueToken(refreshToken),
      expiresAt: input.expiresAt,
    },
  });
  await tx.apiClient.update({ where: { id: input.apiClientId }, data: { lastUsedAt: new Date() } });
  const accessToken = await signApiAccessToken({
    apiClientId: input.apiClientId,
    organizationId: input.organizationId,
    scope: input.permissions,
  });
  return {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: ACCESS_TOKEN_TTL_SECONDS,
    refresh_token: refreshToken,
    scope: input.permissions.join(' '),
  };
}

export async function issueApiTokens(request: TTokenRequest, meta: RequestMeta = {}): Promise<TokenResponse> {
  return request.grant_type === 'client_credentials'
    ? clientCredentials(request, meta)
    : refresh(request, meta);
}

async function clientCredentials(
  request: Extract<TTokenRequest, { grant_type: 'client_credentials' }>,
  meta: RequestMeta,
): Promise<TokenResponse> {
  const client = await findApiClientByClientId(request.client_id);
  const secretOk = opaqueTokenMatches(request.client_secret, client?.secretHash ?? DUMMY_HASH);
  if (!client || !secretOk || client.revokedAt) throw invalidClient();
  if (client.organization.status === 'SUSPENDED')
    throw new AppError('FORBIDDEN', 'organization is suspended');
  const permissions = client.permissions.filter(isPermission);
  return withTenant(client.organizationId, async (tx) => {
    const familyId = newId();
    const tokens = await issue(tx, {
      organizationId: client.organizationId,
      apiClientId: client.id,
      permissions,
      familyId,
      expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_SECONDS * 1000),
    });
    await recordAuditEvent(tx, {
      organizationId: client.organizationId,
      actorType: 'API_CLIENT',
      actorId: client.id,
      action: 'api_token.issued',
      targetType: 'api_client',
      targetId: client.id,
      ip: meta.ip,
      requestId: meta.requestId,
      metadata: { grant: 'client_credentials', familyId },
    });
    return tokens;
  });
}

async function refresh(
  request: Extract<TTokenRequest, { grant_type: 'refresh_token' }>,
  meta: RequestMeta,
): Promise<TokenResponse> {
  const found = await findRefreshTokenByHash(hashOpaqueToken(request.refresh_token));
  if (!found) throw invalidGrant();
  const { organizationId } = found;

  const outcome = await withTenant(organizationId, async (tx) => {
    const now = new Date();
    const consumed = await tx.apiRefreshToken.updateMany({
      where: { id: found.id, organizationId, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (consumed.count !== 1) {
      const row = await tx.apiRefreshToken.findFirst({
        where: { id: found.id, organizationId },
        select: { usedAt: true, revokedAt: true },
      });
      if (row?.usedAt) {
        // Reuse of a rotated token: someone else holds this family. Revoke all of it.
        const revoked = await tx.apiRefreshToken.updateMany({
          where: { organizationId, familyId: found.familyId, revokedAt: null },
          data: { revokedAt: now },
        });
        await recordAuditEvent(tx, {
          organizationId,
          actorType: 'API_CLIENT',
          actorId: found.apiClientId,
          action: 'security.refresh_token_reused',
          targetType: 'api_client',
          targetId: found.apiClientId,
          ip: meta.ip,
          requestId: meta.requestId,
          metadata: { familyId: found.familyId, revokedCount: revoked.count },
        });
        return { kind: 'reused' as const };
      }
      return { kind: 'invalid' as const };
    }
    const current = await tx.apiRefreshToken.findFirstOrThrow({
      where: { id: found.id, organizationId },
      select: { expiresAt: true, apiClient: { select: { id: true, permissions: true, revokedAt: true } } },
    });
    const org = await tx.organization.findFirst({ where: { id: organizationId }, select: { status: true } });
    if (current.apiClient.revokedAt || org?.status !== 'ACTIVE') return { kind: 'invalid' as const };
    const tokens = await issue(tx, {
      organizationId,
      apiClientId: current.apiClient.id,
      permissions: current.apiClient.permissions.filter(isPermission),
      familyId: found.familyId,
      expiresAt: current.expiresAt,
    });
    await recordAuditEvent(tx, {
      organizationId,
      actorType: 'API_CLIENT',
      actorId: current.apiClient.id,
      action: 'api_token.refreshed',
      targetType: 'api_client',
      targetId: current.apiClient.id,
      ip: meta.ip,
      requestId: meta.requestId,
      metadata: { familyId: found.familyId },
    });
    return { kind: 'ok' as const, tokens };
  });

  if (outcome.kind === 'reused') {
    // Raises an alert to the organization's admins (lib/security/detect-security-alerts.ts).
    await recordSecurityEventSafely({
      action: 'auth.refresh_token_reused',
      organizationId,
      ip: meta.ip,
      requestId: meta.requestId,
      metadata: { apiClientId: found.apiClientId, familyId: found.familyId },
    });
    getLogger().warn(
      { organizationId, apiClientId: found.apiClientId, familyId: found.familyId },
      'refresh token reuse detected; family revoked',
    );
    throw invalidGrant();
  }
  if (outcome.kind === 'invalid') throw invalidGrant();
  return outcome.tokens;
}
