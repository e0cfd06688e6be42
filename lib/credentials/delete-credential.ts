// Hard-deletes a secret (disconnecting an integration): the row is gone, not flagged. Pass `tx`
// to delete inside the caller's transaction (e.g. together with marking the integration
// disconnected); it must be a transaction of ctx's organization. Audited.
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { withTenant, type TenantTx } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import {
  CREDENTIALS_PERMISSION,
  CredentialInputError,
  parseCredentialInput,
  ZCredentialRef,
  type TCredentialRef,
} from './schemas.ts';

/** Returns whether a credential was deleted. */
export async function deleteCredential(
  ctx: TenantContext,
  ref: TCredentialRef,
  tx?: TenantTx,
): Promise<boolean> {
  assertPermission(ctx, CREDENTIALS_PERMISSION);
  let parsed;
  try {
    parsed = parseCredentialInput(ZCredentialRef, ref);
  } catch (error) {
    if (error instanceof CredentialInputError)
      throw new AppError('BAD_REQUEST', `invalid credential reference (${error.message})`);
    throw error;
  }
  const { organizationId } = ctx;
  const run = async (t: TenantTx) => {
    const deleted = await t.$queryRaw<{ id: string }[]>`
      DELETE FROM credentials
       WHERE organization_id = ${organizationId}::uuid AND kind = ${parsed.kind} AND owner_id = ${parsed.ownerId}
      RETURNING id`;
    if (deleted[0]) {
      await recordAuditEvent(t, {
        organizationId,
        actorType: ctx.actor.type,
        actorId: ctx.actor.id,
        ip: ctx.ip,
        requestId: ctx.requestId,
        action: 'credential.deleted',
        targetType: 'credential',
        targetId: deleted[0].id,
        metadata: { kind: parsed.kind, ownerId: parsed.ownerId },
      });
    }
    return deleted.length > 0;
  };
  return tx ? run(tx) : withTenant(organizationId, run);
}
