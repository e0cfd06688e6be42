// Stores (or replaces) a secret, encrypted under the organization's `credentials` data key before
// it is written; AAD binds organization, `credentials.secret` and the row id. KMS down →
// KmsUnavailableError (retryable) and nothing is written. Audited (kind and owner id, never the
// secret).
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { encryptField } from '../crypto/field-codec.ts';
import { tenantKeys } from '../crypto/tenant-keys.ts';
import { newId } from '../db/ids.ts';
import { withTenant, type TenantTx } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import {
  CREDENTIALS_COLUMN,
  CREDENTIALS_PERMISSION,
  CREDENTIALS_TABLE,
  CredentialInputError,
  parseCredentialInput,
  ZStoreCredentialInput,
  type TStoreCredentialInput,
} from './schemas.ts';

export async function storeCredential(
  ctx: TenantContext,
  input: TStoreCredentialInput,
): Promise<{ credentialId: string }> {
  assertPermission(ctx, CREDENTIALS_PERMISSION);
  let parsed;
  try {
    parsed = parseCredentialInput(ZStoreCredentialInput, input);
  } catch (error) {
    if (error instanceof CredentialInputError)
      throw new AppError('BAD_REQUEST', `invalid credential (${error.message})`);
    throw error;
  }
  const { organizationId } = ctx;
  const keys = tenantKeys();
  await keys.prepareActiveKey(organizationId, 'credentials');

  return withTenant(organizationId, async (tx: TenantTx) => {
    const key = await keys.lockActiveKey(tx, organizationId, 'credentials');
    const [existing] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM credentials
       WHERE organization_id = ${organizationId}::uuid AND kind = ${parsed.kind} AND owner_id = ${parsed.ownerId}
         FOR UPDATE`;
    const id = existing?.id ?? newId();
    const secret = await keys.withKey(key, (k) =>
      encryptField(
        k,
        key.version,
        { organizationId, table: CREDENTIALS_TABLE, column: CREDENTIALS_COLUMN, rowId: id },
        parsed.secret,
      ),
    );
    const written = await tx.$executeRaw`
      INSERT INTO credentials (id, organization_id, kind, owner_id, key_version, secret, created_at, updated_at)
      VALUES (${id}::uuid, ${organizationId}::uuid, ${parsed.kind}, ${parsed.ownerId}, ${key.version}::int,
              ${secret}, now(), now())
      ON CONFLICT (organization_id, kind, owner_id) DO UPDATE SET
        key_version = EXCLUDED.key_version, secret = EXCLUDED.secret, updated_at = now()
        WHERE credentials.id = EXCLUDED.id`;
    if (written !== 1) throw new AppError('CONFLICT', 'the credential was stored concurrently; retry');
    await recordAuditEvent(tx, {
      organizationId,
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      ip: ctx.ip,
      requestId: ctx.requestId,
      action: existing ? 'credential.replaced' : 'credential.stored',
      targetType: 'credential',
      targetId: id,
      metadata: { kind: parsed.kind, ownerId: parsed.ownerId },
    });
    return { credentialId: id };
  });
}
