// Data-subject requests (privacy engine §5). For Amazon buyers the merchant is the controller and
// Packline assists: a member with `privacy.dsr` finds the buyer (by order id, or by email / phone
// through the vault's blind indexes — nothing decrypted to search), opens a request that is a
// record with kind, status, a 30-day deadline, evidence and who handled it, and answers it:
// export everything held (JSON: the recipient, orders with lines, parcels with carrier and
// tracking number, returns with their notes, receipts and refunds — access and portability),
// rectify, erase now (with a verification re-scan; also how an upheld OBJECTION is answered),
// restrict / lift. The request row never holds PII: the buyer is the set of vault record ids found.
import { z } from 'zod';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { DsrKind } from '../db/generated/prisma/enums.ts';
import type { Prisma } from '../db/generated/prisma/client.ts';
import { withTenant, type TenantTx } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { eraseBuyerPiiRecords } from '../pii/erase-buyer-pii.ts';
import { findBuyerPiiRecords } from '../pii/find-buyer-pii-records.ts';
import { readBuyerPiiForDsr } from '../pii/read-buyer-pii.ts';
import { PII_READ_BATCH_MAX } from '../pii/schemas.ts';
import { storeBuyerPii } from '../pii/store-buyer-pii.ts';
import { noteKeys, openReturnNotes, sealedNotesOf } from '../returns/return-notes.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';

export const DSR_DEADLINE_DAYS = 30;
const DAY_MS = 24 * 3600 * 1000;

export const ZDsrLookup = z.union([
  z.strictObject({ orderId: z.string().trim().min(1).max(100) }),
  z.strictObject({ email: z.string().trim().email('not an email address').max(320) }),
  z.strictObject({ phone: z.string().trim().min(3).max(60) }),
]);
export type TDsrLookup = z.input<typeof ZDsrLookup>;

export const ZOpenDsrInput = z.strictObject({
  kind: z.enum(['ACCESS', 'RECTIFICATION', 'ERASURE', 'RESTRICTION', 'OBJECTION']),
  lookup: ZDsrLookup,
  /** When the buyer's request reached the merchant (defaults to now); the deadline runs from it. */
  receivedAt: z.coerce.date().optional(),
});
export const ZDsrRef = z.strictObject({ requestId: z.uuid() });
const piiValue = (max: number) => z.string().trim().min(1).max(max).optional();
export const ZRectifyDsrInput = z.strictObject({
  requestId: z.uuid(),
  recordId: z.uuid(),
  changes: z
    .strictObject({
      name: piiValue(300),
      addressLine1: piiValue(300),
      addressLine2: piiValue(300),
      addressLine3: piiValue(300),
      city: piiValue(200),
      region: piiValue(200),
      postcode: piiValue(40),
      phone: piiValue(60),
      email: piiValue(320),
    })
    .refine((c) => Object.values(c).some((v) => v !== undefined), 'nothing to change'),
});

function audit(
  tx: TenantTx,
  ctx: TenantContext,
  action: string,
  requestId: string,
  metadata: Record<string, string | number | boolean | null | string[]> = {},
) {
  return recordAuditEvent(tx, {
    organizationId: ctx.organizationId,
    actorType: ctx.actor.type,
    actorId: ctx.actor.id,
    ip: ctx.ip,
    requestId: ctx.requestId,
    action,
    targetType: 'data_subject_request',
    targetId: requestId,
    metadata,
  });
}

/** The vault record ids a lookup finds (by order: the order's recipient record). */
async function resolveLookup(ctx: TenantContext, lookup: z.output<typeof ZDsrLookup>): Promise<string[]> {
  if ('orderId' in lookup) {
    const isUuid = z.uuid().safeParse(lookup.orderId).success;
    const orders = await withTenant(ctx.organizationId, (tx) =>
      tx.order.findMany({
        where: {
          organizationId: ctx.organizationId,
          OR: [...(isUuid ? [{ id: lookup.orderId }] : []), { amazonOrderId: lookup.orderId }],
        },
        select: { piiRecordId: true },
        take: 10,
      }),
    );
    return [...new Set(orders.flatMap((o) => (o.piiRecordId ? [o.piiRecordId] : [])))];
  }
  return findBuyerPiiRecords(ctx, 'email' in lookup ? { email: lookup.email } : { phone: lookup.phone });
}

export async function openDsr(
  ctx: TenantContext,
  input: z.input<typeof ZOpenDsrInput>,
  now: Date,
): Promise<{ requestId: string; records: number; dueAt: Date }> {
  assertPermission(ctx, 'privacy.dsr');
  const parsed = ZOpenDsrInput.parse(input);
  const ids = await resolveLookup(ctx, parsed.lookup);
  const receivedAt = parsed.receivedAt ?? now;
  const dueAt = new Date(receivedAt.getTime() + DSR_DEADLINE_DAYS * DAY_MS);
  const lookupKind = Object.keys(parsed.lookup)[0]!;
  return withTenant(ctx.organizationId, async (tx) => {
    const row = await tx.dataSubjectRequest.create({
      data: {
        organizationId: ctx.organizationId,
        kind: parsed.kind,
        piiRecordIds: ids,
        receivedAt,
        dueAt,
        handledByUserId: ctx.actor.type === 'USER' ? ctx.actor.id : null,
        evidence: { openedAt: now.toISOString(), lookup: lookupKind, recordsFound: ids.length },
      },
      select: { id: true },
    });
    await audit(tx, ctx, 'dsr.opened', row.id, {
      kind: parsed.kind,
      lookup: lookupKind,
      records: ids.length,
    });
    return { requestId: row.id, records: ids.length, dueAt };
  });
}

async function loadOpen(tx: TenantTx, ctx: TenantContext, requestId: string, kinds?: readonly DsrKind[]) {
  const row = await tx.dataSubjectRequest.findFirst({
    where: { organizationId: ctx.organizationId, id: requestId },
  });
  if (!row) throw new AppError('NOT_FOUND', 'request not found');
  if (kinds && !kinds.includes(row.kind))
    throw new AppError('CONFLICT', `not a ${kinds.join('/').toLowerCase()} request`);
  return row;
}

async function complete(
  tx: TenantTx,
  ctx: TenantContext,
  id: string,
  now: Date,
  evidence: Prisma.InputJsonObject,
  previous: Prisma.JsonValue,
) {
  await tx.dataSubjectRequest.update({
    where: { id },
    data: {
      status: 'COMPLETED',
      completedAt: now,
      handledByUserId: ctx.actor.type === 'USER' ? ctx.actor.id : undefined,
      evidence: { ...(previous as Prisma.JsonObject), ...evidence },
    },
  });
}

export interface DsrExport {
  format: 'packline.dsr-export.v1';
  requestId: string;
  generatedAt: string;
  controllerNote: string;
  records: Array<{
    recordId: string;
    recipient: Record<string, string | null>;
    anonymisedAt: string | null;
    orders: Array<{
      orderId: string;
      channel: string;
      channelOrderId: string | null;
      status: string;
      purchasedAt: string;
      completedAt: string | null;
      total: { minor: string | null; currency: string | null };
      lines: Array<{ sku: string | null; title: string | null; quantity: number; priceMinor: string | null }>;
      shipments: Array<{
        parcelNumber: number;
        status: string;
        carrier: string | null;
        service: string | null;
        trackingNumber: string | null;
        shippedAt: string | null;
      }>;
      returns: Array<{
        number: string;
        sku: string | null;
        quantity: number;
        reason: string;
        note: string | null;
        status: string;
        requestedAt: string;
        receipts: Array<{ quantity: number; disposition: string; note: string | null; receivedAt: string }>;
        refunds: Array<{ amountMinor: string; currency: string; reason: string; refundedAt: string }>;
      }>;
    }>;
  }>;
}

/** Everything held about the buyer, machine-readable (access / portability). */
export async function exportDsr(
  ctx: TenantContext,
  input: z.input<typeof ZDsrRef>,
  now: Date,
): Promise<DsrExport> {
  assertPermission(ctx, 'privacy.dsr');
  const { requestId } = ZDsrRef.parse(input);
  const request = await withTenant(ctx.organizationId, (tx) => loadOpen(tx, ctx, requestId));
  const ids = request.piiRecordIds;
  const data = await withTenant(ctx.organizationId, async (tx) => {
    const records = await tx.piiRecord.findMany({
      where: { organizationId: ctx.organizationId, id: { in: ids } },
      select: { id: true, anonymisedAt: true },
    });
    const orders = await tx.order.findMany({
      where: { organizationId: ctx.organizationId, piiRecordId: { in: ids } },
      include: {
        lines: { orderBy: { channelLineId: 'asc' } },
        shipments: { orderBy: { parcelNumber: 'asc' } },
        returns: {
          orderBy: { createdAt: 'asc' },
          include: {
            orderLine: { select: { sku: true } },
            receipts: { orderBy: { receivedAt: 'asc' } },
            refunds: { orderBy: { refundedAt: 'asc' } },
          },
        },
      },
      orderBy: { purchasedAt: 'asc' },
    });
    const sealed = orders.flatMap((o) => o.returns.flatMap(sealedNotesOf));
    return { records, orders, sealed, keyRows: await noteKeys(tx, ctx.organizationId, sealed) };
  });
  const notes = await openReturnNotes(ctx.organizationId, data.keyRows, data.sealed);
  const live = data.records.filter((r) => !r.anonymisedAt).map((r) => r.id);
  const decrypted = new Map<string, Record<string, string | null>>();
  for (let i = 0; i < live.length; i += PII_READ_BATCH_MAX) {
    for (const pii of await readBuyerPiiForDsr(ctx, live.slice(i, i + PII_READ_BATCH_MAX))) {
      const { recordId, ownerType: _o, ownerId: _i, ...fields } = pii;
      decrypted.set(recordId, fields as Record<string, string | null>);
    }
  }
  const result: DsrExport = {
    format: 'packline.dsr-export.v1',
    requestId,
    generatedAt: now.toISOString(),
    controllerNote:
      'Prepared by Packline for the merchant (the controller) to answer a data-subject access or portability request.',
    records: data.records.map((r) => ({
      recordId: r.id,
      recipient: decrypted.get(r.id) ?? {},
      anonymisedAt: r.anonymisedAt?.toISOString() ?? null,
      orders: data.orders
        .filter((o) => o.piiRecordId === r.id)
        .map((o) => ({
          orderId: o.id,
          channel: o.channel,
          channelOrderId: o.amazonOrderId,
          status: o.status,
          purchasedAt: o.purchasedAt.toISOString(),
          completedAt: o.completedAt?.toISOString() ?? null,
          total: { minor: o.totalMinor?.toString() ?? null, currency: o.currency },
          lines: o.lines.map((l) => ({
            sku: l.sku,
            title: l.title,
            quantity: l.quantityOrdered,
            priceMinor: l.itemPriceMinor?.toString() ?? null,
          })),
          shipments: o.shipments.map((p) => ({
            parcelNumber: p.parcelNumber,
            status: p.status,
            carrier: p.carrier,
            service: p.serviceCode,
            trackingNumber: p.trackingNumber,
            shippedAt: p.shippedAt?.toISOString() ?? null,
          })),
          returns: o.returns.map((r) => ({
            number: r.number,
            sku: r.orderLine.sku,
            quantity: r.quantityExpected,
            reason: r.reason,
            note: notes.get(r.id) ?? null,
            status: r.status,
            requestedAt: r.createdAt.toISOString(),
            receipts: r.receipts.map((c) => ({
              quantity: c.quantity,
              disposition: c.disposition,
              note: notes.get(c.id) ?? null,
              receivedAt: c.receivedAt.toISOString(),
            })),
            refunds: r.refunds.map((f) => ({
              amountMinor: f.amountMinor.toString(),
              currency: f.currency,
              reason: f.reason,
              refundedAt: f.refundedAt.toISOString(),
            })),
          })),
        })),
    })),
  };
  await withTenant(ctx.organizationId, async (tx) => {
    const evidence = {
      exportedAt: now.toISOString(),
      exportedRecords: result.records.length,
      exportedOrders: data.orders.length,
    };
    if (request.kind === 'ACCESS') await complete(tx, ctx, requestId, now, evidence, request.evidence);
    else
      await tx.dataSubjectRequest.update({
        where: { id: requestId },
        data: { evidence: { ...(request.evidence as Prisma.JsonObject), ...evidence } },
      });
    await audit(tx, ctx, 'dsr.exported', requestId, { records: result.records.length });
  });
  return result;
}

/** Erase now: anonymise every record of the request, then re-scan that nothing decryptable is left. */
export async function eraseDsr(
  ctx: TenantContext,
  input: z.input<typeof ZDsrRef> & { recheck?: TDsrLookup },
  now: Date,
): Promise<{ erased: number; verified: boolean }> {
  assertPermission(ctx, 'privacy.dsr');
  const { requestId } = ZDsrRef.parse({ requestId: input.requestId });
  const recheck = input.recheck ? ZDsrLookup.parse(input.recheck) : undefined;
  const request = await withTenant(ctx.organizationId, (tx) =>
    loadOpen(tx, ctx, requestId, ['ERASURE', 'OBJECTION']),
  );
  const ids = request.piiRecordIds;
  const erased = await withTenant(ctx.organizationId, (tx) =>
    eraseBuyerPiiRecords(tx, ctx.organizationId, ids, now),
  );
  // Verification re-scan: no ciphertext or blind index left on the request's records, and (when
  // the handler gives the lookup again) the blind index no longer finds the buyer.
  const [left] = await withTenant(
    ctx.organizationId,
    (tx) =>
      tx.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pii_records
       WHERE organization_id = ${ctx.organizationId}::uuid AND id = ANY(${ids}::uuid[])
         AND (anonymised_at IS NULL OR name IS NOT NULL OR email IS NOT NULL OR phone IS NOT NULL
              OR address_line1 IS NOT NULL OR postcode IS NOT NULL OR email_index IS NOT NULL
              OR phone_index IS NOT NULL OR postcode_index IS NOT NULL)`,
  );
  const rescanHits = recheck && !('orderId' in recheck) ? (await resolveLookup(ctx, recheck)).length : null;
  const verified = (left?.n ?? 1) === 0 && (rescanHits ?? 0) === 0;
  await withTenant(ctx.organizationId, async (tx) => {
    const evidence = {
      erasedAt: now.toISOString(),
      erasedRecords: erased.length,
      recordsStillHoldingPii: left?.n ?? null,
      rescanMatches: rescanHits,
      verified,
    };
    if (verified) await complete(tx, ctx, requestId, now, evidence, request.evidence);
    else
      await tx.dataSubjectRequest.update({
        where: { id: requestId },
        data: { evidence: { ...(request.evidence as Prisma.JsonObject), ...evidence } },
      });
    await audit(tx, ctx, 'dsr.erased', requestId, { records: erased.length, verified });
  });
  return { erased: erased.length, verified };
}

/** Restrict processing (holds the records from the anonymiser too) or lift the restriction. */
export async function setDsrRestriction(
  ctx: TenantContext,
  input: z.input<typeof ZDsrRef> & { restricted: boolean },
  now: Date,
): Promise<{ records: number }> {
  assertPermission(ctx, 'privacy.dsr');
  const { requestId } = ZDsrRef.parse({ requestId: input.requestId });
  const restricted = z.boolean().parse(input.restricted);
  return withTenant(ctx.organizationId, async (tx) => {
    const request = await loadOpen(tx, ctx, requestId, ['RESTRICTION']);
    const { count } = await tx.piiRecord.updateMany({
      where: { organizationId: ctx.organizationId, id: { in: request.piiRecordIds }, anonymisedAt: null },
      data: { restrictedAt: restricted ? now : null },
    });
    const evidence = restricted
      ? { restrictedAt: now.toISOString(), restrictedRecords: count }
      : { liftedAt: now.toISOString() };
    if (restricted) {
      await tx.dataSubjectRequest.update({
        where: { id: requestId },
        data: { evidence: { ...(request.evidence as Prisma.JsonObject), ...evidence } },
      });
    } else {
      await complete(tx, ctx, requestId, now, evidence, request.evidence);
    }
    await audit(tx, ctx, restricted ? 'dsr.restricted' : 'dsr.restriction_lifted', requestId, {
      records: count,
    });
    return { records: count };
  });
}

/** Rectify one record of the request: the given fields replace the stored ones (re-encrypted). */
export async function rectifyDsr(
  ctx: TenantContext,
  input: z.input<typeof ZRectifyDsrInput>,
  now: Date,
): Promise<void> {
  assertPermission(ctx, 'privacy.dsr');
  const { requestId, recordId, changes } = ZRectifyDsrInput.parse(input);
  const request = await withTenant(ctx.organizationId, (tx) =>
    loadOpen(tx, ctx, requestId, ['RECTIFICATION']),
  );
  if (!request.piiRecordIds.includes(recordId))
    throw new AppError('NOT_FOUND', 'record not part of this request');
  const [current] = await readBuyerPiiForDsr(ctx, [recordId]);
  const { recordId: _r, ownerType, ownerId, countryCode, ...fields } = current!;
  await storeBuyerPii(ctx, {
    ...(fields as Record<string, string | null>),
    ...changes,
    ownerType: ownerType as 'order-recipient',
    ownerId,
    countryCode,
  });
  await withTenant(ctx.organizationId, async (tx) => {
    await complete(
      tx,
      ctx,
      requestId,
      now,
      { rectifiedAt: now.toISOString(), changedFields: Object.keys(changes) },
      request.evidence,
    );
    await audit(tx, ctx, 'dsr.rectified', requestId, { changedFields: Object.keys(changes) });
  });
}

export async function listDsrs(ctx: TenantContext) {
  assertPermission(ctx, 'privacy.dsr');
  return withTenant(ctx.organizationId, (tx) =>
    tx.dataSubjectRequest.findMany({
      where: { organizationId: ctx.organizationId },
      orderBy: [{ status: 'asc' }, { dueAt: 'asc' }],
      take: 200,
      select: {
        id: true,
        kind: true,
        status: true,
        receivedAt: true,
        dueAt: true,
        completedAt: true,
        handledByUserId: true,
        evidence: true,
        piiRecordIds: true,
      },
    }),
  );
}
