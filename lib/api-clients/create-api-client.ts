// Creates a REST API client (issue 3, item 7). Returns the secret once; only its SHA-256 is kept
// (lib/security/opaque-token.ts: a 256-bit random secret needs no slow hash). The client's
// permissions must be a subset of the creator's own, so nobody mints a client stronger than they are.
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { auditActor } from '../members/owner-guard.ts';
import { hashOpaqueToken, newOpaqueToken, newPublicId } from '../security/opaque-token.ts';
import { assertAccessManager, type TenantContext } from '../tenancy/tenant-context.ts';
import { ZCreateApiClientInput, type TCreateApiClientInput } from './schemas.ts';

export interface CreatedApiClient {
  id: string;
  clientId: string;
  /** Shown once; never stored or logged. */
  clientSecret: string;
}

export async function createApiClient(
  ctx: TenantContext,
  input: TCreateApiClientInput,
): Promise<CreatedApiClient> {
  assertAccessManager(ctx, 'api_clients.manage');
  const { name, permissions } = ZCreateApiClientInput.parse(input);
  const unique = [...new Set(permissions)];
  const excess = unique.filter((p) => !ctx.permissions.has(p));
  if (excess.length > 0) {
    throw new AppError('FORBIDDEN', `you cannot grant permissions you do not hold: ${excess.join(', ')}`);
  }
  const clientId = newPublicId('plc');
  const clientSecret = newOpaqueToken('pls');
  const row = await withTenant(ctx.organizationId, async (tx) => {
    const created = await tx.apiClient.create({
      data: {
        organizationId: ctx.organizationId,
        name,
        clientId,
        secretHash: hashOpaqueToken(clientSecret),
        permissions: unique,
        createdById: ctx.actor.id,
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      ...auditActor(ctx),
      action: 'api_client.created',
      targetType: 'api_client',
      targetId: created.id,
      metadata: { permissions: unique.slice(0, 50) },
    });
    return created;
  });
  return { id: row.id, clientId, clientSecret };
}
