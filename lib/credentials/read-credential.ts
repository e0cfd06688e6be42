// Reads a secret back for the code that uses it (the worker calling a marketplace or courier).
// Returns null when there is none (never stored, or deleted at disconnect). Not audited per read:
// the worker reads refresh tokens on every sync, and a secret never leaves the server (it is not
// shown to users); storing and deleting are audited. Throws DecryptionError if the stored value
// was tampered with or moved, DataKeyUnavailableError if its key was destroyed.
import { DataKeyUnavailableError } from '../crypto/errors.ts';
import { decryptField } from '../crypto/field-codec.ts';
import { asBuffer, tenantKeys } from '../crypto/tenant-keys.ts';
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import {
  CREDENTIALS_COLUMN,
  CREDENTIALS_PERMISSION,
  CREDENTIALS_TABLE,
  CredentialInputError,
  parseCredentialInput,
  ZCredentialRef,
  type TCredentialRef,
} from './schemas.ts';

export async function readCredential(ctx: TenantContext, ref: TCredentialRef): Promise<string | null> {
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
  const keys = tenantKeys();
  const found = await withTenant(organizationId, async (tx) => {
    const [row] = await tx.$queryRaw<{ id: string; key_version: number; secret: Uint8Array }[]>`
      SELECT id, key_version, secret FROM credentials
       WHERE organization_id = ${organizationId}::uuid AND kind = ${parsed.kind} AND owner_id = ${parsed.ownerId}`;
    if (!row) return null;
    const key = (await keys.findUsableKeys(tx, organizationId, 'credentials', [row.key_version])).get(
      row.key_version,
    );
    return { row, key };
  });
  if (!found) return null;
  if (!found.key) throw new DataKeyUnavailableError('the data key of this credential no longer exists');
  const { row, key } = found;
  return keys.withKey(key, (k) =>
    decryptField(
      (version) => (version === row.key_version ? k : undefined),
      { organizationId, table: CREDENTIALS_TABLE, column: CREDENTIALS_COLUMN, rowId: row.id },
      asBuffer(row.secret),
    ),
  );
}
