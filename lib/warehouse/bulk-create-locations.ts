// Creates every bin a pattern names (`A-01-01..A-20-05`), skipping codes the warehouse already
// has, so running the same pattern twice (or a wider one later) is safe. New bins get pick
// sequences in pattern (walk) order after the warehouse's current highest.
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { newId } from '../db/ids.ts';
import { auditBase } from '../inventory/actor.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { defaultSegmentFields, expandLocationPattern } from './location-pattern.ts';
import { requireWarehouse } from './require-warehouse.ts';
import { ZBulkCreateLocationsInput, type TBulkCreateLocationsInput } from './schemas.ts';

export interface BulkCreateLocationsResult {
  created: number;
  /** Codes the warehouse already had (left untouched). */
  skipped: number;
  createdCodes: string[];
}

export async function bulkCreateLocations(
  ctx: TenantContext,
  input: TBulkCreateLocationsInput,
): Promise<BulkCreateLocationsResult> {
  assertPermission(ctx, 'inventory.update');
  const data = ZBulkCreateLocationsInput.parse(input);
  const expanded = expandLocationPattern(data.pattern);
  if (!expanded.ok) throw new AppError('BAD_REQUEST', `location pattern: ${expanded.error}`);
  const segmentCount = expanded.locations[0]?.segments.length ?? 0;
  const fields = data.segmentFields ?? defaultSegmentFields(segmentCount);
  if (fields.length !== segmentCount || new Set(fields).size !== fields.length) {
    throw new AppError('BAD_REQUEST', `segmentFields must name each of the ${segmentCount} segments once`);
  }
  const organizationId = ctx.organizationId;

  return withTenant(
    organizationId,
    async (tx) => {
      await requireWarehouse(tx, organizationId, data.warehouseId);
      // One bulk creation per warehouse at a time, so pick sequences do not interleave.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`locations:${data.warehouseId}`}, 0))`;
      const codes = expanded.locations.map((l) => l.code);
      const existing = new Set(
        (
          await tx.location.findMany({
            where: { organizationId, warehouseId: data.warehouseId, code: { in: codes } },
            select: { code: true },
          })
        ).map((l) => l.code),
      );
      const fresh = expanded.locations.filter((l) => !existing.has(l.code));
      const max = await tx.location.aggregate({
        where: { organizationId, warehouseId: data.warehouseId },
        _max: { pickSequence: true },
      });
      const start = data.pickSequenceStart ?? (max._max.pickSequence ?? 0) + data.pickSequenceStep;
      const rows = fresh.map((l, i) => {
        const parts: Record<string, string | null> = {
          zone: data.zone ?? null,
          aisle: null,
          shelf: null,
          level: null,
        };
        fields.forEach((field, j) => (parts[field] = l.segments[j] ?? null));
        return {
          id: newId(),
          organizationId,
          warehouseId: data.warehouseId,
          code: l.code,
          type: data.type,
          zone: parts.zone ?? null,
          aisle: parts.aisle ?? null,
          shelf: parts.shelf ?? null,
          level: parts.level ?? null,
          pickSequence: start + i * data.pickSequenceStep,
        };
      });
      const { count } = await tx.location.createMany({ data: rows, skipDuplicates: true });
      await recordAuditEvent(tx, {
        ...auditBase(ctx),
        action: 'location.bulk_created',
        targetType: 'warehouse',
        targetId: data.warehouseId,
        metadata: { pattern: data.pattern, created: count, skipped: codes.length - count, type: data.type },
      });
      return { created: count, skipped: codes.length - count, createdCodes: rows.map((r) => r.code) };
    },
    { timeout: 60_000 },
  );
}
