// THE way to decrypt buyer PII (ARCHITECTURE.md §4, docs/pii-vault.md). Nothing else in the code
// base decrypts `pii_records` for a caller.
//
// 1. The purpose names the permission it needs (schemas.ts PII_PURPOSES); the caller's context
//    must hold it.
// 2. The records and the rows of the keys they were encrypted under are read in the tenant's
//    transaction (RLS + an explicit organization filter: another tenant's record is NOT_FOUND).
//    A key that was retired or destroyed (crypto-shredding) makes the record unreadable.
// 3. Only the purpose's fields are decrypted, outside any transaction (a KMS Decrypt on a cold
//    cache never holds a database connection), with the field-encryption subkey derived from each
//    version's buyer-pii data key (lib/crypto/buyer-pii-keys.ts).
// 1a. A refusal for want of the permission is recorded as a security event
//    (`auth.pii_permission_denied`), which alerts the organization's admins (debounced).
// 1b. Each actor's records per window are limited and canary reads raise an alert at once
//    (lib/privacy/pii-read-monitor.ts).
// 3b. A record restricted by a data-subject request is refused for fulfilment and customer service
//    unless the caller passes an override (lib/pii/pii-restriction.ts): audited as its own event
//    and raised as a security event.
// 4. One AuditEvent per call — actor, purpose, record ids, field names, never values — is
//    committed BEFORE anything is returned: no audit, no plaintext.
//
// Bulk reads are bounded (PII_READ_BATCH_MAX): a page of packing slips, not an export.
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { Prisma } from '../db/generated/prisma/client.ts';
import { withTenant } from '../db/tenant.ts';
import { withBuyerPiiSubkeys } from '../crypto/buyer-pii-keys.ts';
import { DataKeyUnavailableError, DecryptionError } from '../crypto/errors.ts';
import { tenantKeys, type DataKeyRow } from '../crypto/tenant-keys.ts';
import { AppError } from '../errors/app-error.ts';
import { recordSecurityEventSafely } from '../auth/security-events.ts';
import { getLogger } from '../logger.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { consumePiiReadAllowance, raiseCanaryRead } from '../privacy/pii-read-monitor.ts';
import { raiseSecurityEvent } from '../privacy/security-notifier.ts';
import { decryptPiiFields, PII_ROW_COLUMNS, type PiiRow } from './pii-record-codec.ts';
import {
  checkRestriction,
  parsePiiReadOptions,
  RESTRICTION_OVERRIDE_ACTION,
  type PiiReadOptions,
} from './pii-restriction.ts';
import {
  PII_FIELDS,
  PII_PURPOSES,
  PII_READ_BATCH_MAX,
  ZPiiPurpose,
  ZRecordId,
  type BuyerPii,
  type TPiiField,
  type TPiiPurpose,
} from './schemas.ts';

/**
 * The purposes any caller may name. `dsr-export` answers a data-subject request (it also reads
 * records under a restriction: restricting processing never blocks the subject's own rights), so
 * only the DSR handling in lib/privacy/dsr.ts reads with it, through readBuyerPiiForDsr;
 * tests/unit/pii-purpose-callers.test.ts keeps it that way.
 */
export type TCallerPiiPurpose = Exclude<TPiiPurpose, 'dsr-export'>;

/** Decrypts one vault record for `purpose`; audited. */
export async function readBuyerPii(
  ctx: TenantContext,
  recordId: string,
  purpose: TCallerPiiPurpose,
  options?: PiiReadOptions,
): Promise<BuyerPii> {
  const [record] = await readBuyerPiiBatch(ctx, [recordId], purpose, options);
  return record!;
}

/**
 * Decrypts up to PII_READ_BATCH_MAX records for `purpose` (a batch of packing slips or labels),
 * in the order given; one audit event lists them all. Any missing record fails the whole call.
 */
export async function readBuyerPiiBatch(
  ctx: TenantContext,
  recordIds: readonly string[],
  purpose: TCallerPiiPurpose,
  options?: PiiReadOptions,
): Promise<BuyerPii[]> {
  return readPii(ctx, recordIds, purpose, options, false);
}

/** The data-subject request's reader (lib/privacy/dsr.ts only): purpose `dsr-export`, audited. */
export async function readBuyerPiiForDsr(
  ctx: TenantContext,
  recordIds: readonly string[],
): Promise<BuyerPii[]> {
  return readPii(ctx, recordIds, 'dsr-export', undefined, true);
}

async function readPii(
  ctx: TenantContext,
  recordIds: readonly string[],
  purpose: TPiiPurpose,
  options: PiiReadOptions | undefined,
  forDsr: boolean,
): Promise<BuyerPii[]> {
  const parsedPurpose = ZPiiPurpose.safeParse(purpose);
  if (!parsedPurpose.success) throw new AppError('BAD_REQUEST', 'unknown PII purpose');
  if ((parsedPurpose.data === 'dsr-export') !== forDsr) {
    throw new AppError('FORBIDDEN', 'the dsr-export purpose is only for answering a data-subject request');
  }
  const rule = PII_PURPOSES[parsedPurpose.data];
  if (!ctx.permissions.has(rule.permission)) {
    await recordSecurityEventSafely({
      action: 'auth.pii_permission_denied',
      userId: ctx.actor.type === 'USER' ? ctx.actor.id : null,
      organizationId: ctx.organizationId,
      ip: ctx.ip,
      requestId: ctx.requestId,
      metadata: {
        purpose: parsedPurpose.data,
        permission: rule.permission,
        actorType: ctx.actor.type,
        actorId: ctx.actor.id,
      },
    });
  }
  assertPermission(ctx, rule.permission);
  const override = parsePiiReadOptions(options);
  if (recordIds.length === 0) return [];
  if (recordIds.length > PII_READ_BATCH_MAX) {
    throw new AppError('PAYLOAD_TOO_LARGE', `at most ${PII_READ_BATCH_MAX} records per read`);
  }
  const ids = [...new Set(recordIds)];
  // A malformed id cannot name a record of this tenant: same answer as a missing one.
  if (!ids.every((id) => ZRecordId.safeParse(id).success)) throw notFound();

  const { organizationId } = ctx;
  const keys = tenantKeys();
  // Per-actor volume limit (lib/privacy/pii-read-monitor.ts), counted before anything is read.
  await consumePiiReadAllowance(ctx, ids.length);

  // 2. Rows and their keys.
  const { rows, keyRows } = await withTenant(organizationId, async (tx) => {
    const found = await tx.$queryRaw<RestrictablePiiRow[]>`
      SELECT ${Prisma.raw(PII_ROW_COLUMNS)}, restricted_at, canary
        FROM pii_records
       WHERE organization_id = ${organizationId}::uuid AND id = ANY(${ids}::uuid[])`;
    const versions = new Set<number>();
    for (const row of found) if (!row.anonymised_at) versions.add(row.key_version);
    return { rows: found, keyRows: await keys.findUsableKeys(tx, organizationId, 'buyer-pii', versions) };
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  if (byId.size !== ids.length) throw notFound();
  for (const row of rows) {
    if (row.anonymised_at) throw new AppError('GONE', 'this buyer’s details were anonymised');
    if (!keyRows.has(row.key_version)) {
      throw new DataKeyUnavailableError(`the data key of record ${row.id} no longer exists`);
    }
  }
  const restrictedIds = rows.filter((r) => r.restricted_at !== null).map((r) => r.id);
  const usedOverride = checkRestriction(ctx, parsedPurpose.data, restrictedIds, override);

  // 3. Decrypt the purpose's fields.
  const fields: readonly TPiiField[] = rule.fields;
  const neededKeys = rowsNeedingKeys(rows, keyRows);
  const decrypted = await withBuyerPiiSubkeys(
    keys,
    neededKeys,
    (resolve) =>
      rows.map((row) => {
        try {
          // The header's version must be the row's: a ciphertext from another version (or an
          // edited header) is refused before any key is tried.
          const resolveForRow = (version: number) =>
            version === row.key_version ? resolve(version)?.fieldKey : undefined;
          return { row, plain: decryptPiiFields(resolveForRow, organizationId, row, fields) };
        } catch (error) {
          if (error instanceof DecryptionError) {
            getLogger().warn(
              { organizationId, recordId: row.id, reason: error.reason },
              'PII record failed to decrypt (tampered, moved or wrong key)',
            );
          }
          throw error;
        }
      }),
    rows.length * fields.length,
  );

  const revealed = PII_FIELDS.map((f) => f.field).filter((field) =>
    decrypted.some(({ plain }) => plain[field] !== null && plain[field] !== undefined),
  );

  // 4. Audit, committed before returning.
  await withTenant(organizationId, async (tx) => {
    if (usedOverride) {
      await recordAuditEvent(tx, {
        organizationId,
        actorType: ctx.actor.type,
        actorId: ctx.actor.id,
        ip: ctx.ip,
        requestId: ctx.requestId,
        action: RESTRICTION_OVERRIDE_ACTION,
        targetType: 'pii_record',
        targetId: restrictedIds.length === 1 ? restrictedIds[0] : null,
        purpose: parsedPurpose.data,
        // Audit metadata strings are short; the reason is kept whole as 100-character pieces.
        metadata: { reason: chunks(usedOverride.reason, 100), recordIds: restrictedIds },
      });
    }
    await recordAuditEvent(tx, {
      organizationId,
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      ip: ctx.ip,
      requestId: ctx.requestId,
      action: 'pii.read',
      targetType: 'pii_record',
      targetId: ids.length === 1 ? ids[0] : null,
      purpose: parsedPurpose.data,
      // Records read despite a restriction (a data-subject request's own export, or an override)
      // are named, so the audit trail shows every use of a restricted record.
      metadata: {
        fields: revealed,
        recordIds: ids,
        records: ids.length,
        ...(restrictedIds.length > 0 ? { restrictedRecordIds: restrictedIds } : {}),
      },
    });
  });
  const canaryIds = rows.filter((r) => r.canary).map((r) => r.id);
  if (canaryIds.length > 0) await raiseCanaryRead(ctx, parsedPurpose.data, canaryIds);
  if (usedOverride) {
    await raiseSecurityEvent({
      organizationId,
      action: RESTRICTION_OVERRIDE_ACTION,
      severity: 'medium',
      userId: ctx.actor.type === 'USER' ? ctx.actor.id : null,
      ip: ctx.ip,
      requestId: ctx.requestId,
      metadata: { actorType: ctx.actor.type, purpose: parsedPurpose.data, recordIds: restrictedIds },
      summary: `A ${ctx.actor.type.toLowerCase()} (id ${ctx.actor.id ?? 'unknown'}) overrode a data-subject restriction to print (${parsedPurpose.data}) for ${restrictedIds.length} record(s).`,
    });
  }

  const byRecord = new Map(decrypted.map((d) => [d.row.id, d]));
  return recordIds.map((id) => {
    const { row, plain } = byRecord.get(id)!;
    return {
      recordId: row.id,
      ownerType: row.owner_type,
      ownerId: row.owner_id,
      countryCode: row.country_code,
      ...plain,
    };
  });
}

type RestrictablePiiRow = PiiRow & { restricted_at: Date | null; canary: boolean };

function rowsNeedingKeys(rows: readonly PiiRow[], keyRows: Map<number, DataKeyRow>): DataKeyRow[] {
  const versions = new Set(rows.map((r) => r.key_version));
  return [...versions].map((v) => keyRows.get(v)!);
}

function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function notFound(): AppError {
  return new AppError('NOT_FOUND', 'buyer details not found');
}
