// The anonymiser (issue: privacy engine §2): erases the buyer PII of orders whose due date has
// passed, in batches. The due date (orders.pii_due_at) covers every order whose PII is in the
// vault, completed or not — completion, latest ship date (else purchase), disconnect, holds and
// open returns — computed by the SQL function order_pii_due_at and kept current by triggers
// (docs/decisions/0010-pii-due-dates-and-order-holds.md). NULL = held by a legal hold.
//
// Each batch is ONE statement in ONE tenant transaction: it picks due orders over the partial
// index orders_pii_due_at (ORDER BY pii_due_at LIMIT n, FOR UPDATE SKIP LOCKED — a writer holding
// an order or its vault row is not waited for), erases their vault rows (ciphertexts and blind
// indexes to NULL, anonymised_at) and marks the orders ANONYMISED. A batch therefore commits or
// rolls back as a whole: killing the process at any point leaves no order half-anonymised, and
// the rerun picks up exactly what is left (done orders are no longer STORED, so never re-selected).
// A hold placed while a batch runs updates pii_due_at; the row lock re-checks the condition on
// the new row version, so a just-held order is not erased.
//
// Speed (bench/anonymise.ts): batches walk the due index in (pii_due_at, id) order from where
// the previous batch stopped. Starting each batch at the front of the index would make it step
// over the index entries of every order already anonymised in this run (dead until vacuum)
// — quadratic in the run's size. Rows a writer held (SKIP LOCKED) stay behind the cursor; a
// second pass from the front picks them up. Batches are still one statement each, so kill-safety
// is unchanged.
//
// The two UPDATEs find their rows by id arrays (`id = ANY(…)`, one index probe per row) rather
// than joining the `due` CTE, which the planner hashed with a full scan of orders and pii_records
// in every batch — a per-batch cost that grows with the tables, not with the batch. An erased row
// costs no entry in the vault's blind-index / key-version indexes nor in orders_pii_pending /
// orders_pii_due_at: they are partial on live rows (prisma/schema.prisma), so only the remaining
// indexes are written; the due-date trigger does not fire for a row leaving STORED.
//
// Both rows are locked (FOR UPDATE OF o, r), not only the order: locking the vault row too costs a
// lock record per row, but measured per 20 000-order batch it was within noise of locking the
// order alone (~1.0 s either way), while an order-only lock would make the vault UPDATE wait for
// a writer it did not skip — a DSR erasure takes the vault row before the order (lib/pii/
// erase-buyer-pii.ts), so the two would deadlock — and would need the restriction re-checked
// after that wait, since a DSR restriction only writes the vault row.
//
// Only pii_records' encrypted columns / indexes and orders.pii_status, updated_at change: order
// lines, totals, status history and every other transactional column are untouched.
// Records under a DSR restriction (pii_records.restricted_at) are held until it is lifted.
import { Prisma } from '../db/generated/prisma/client.ts';
import { withTenant, type TenantTx } from '../db/tenant.ts';
import { eraseSetClause } from '../pii/erase-buyer-pii.ts';
import { loadRetentionPolicy } from './retention-policy.ts';
import { stampOrderCompletion } from './order-completion.ts';

/**
 * Orders per batch (one transaction). Larger batches amortise the per-batch cost (transaction,
 * due-index probe, commit flush); 50 000 stays a few seconds of row locks on long-completed orders.
 */
export const ANONYMISE_DEFAULT_BATCH = 50_000;

/** The "due" condition, shared by the batch, the count and the evidence figures. */
export function dueCondition(organizationId: string, now: Date): Prisma.Sql {
  return Prisma.sql`o.organization_id = ${organizationId}::uuid
     AND o.pii_status = 'STORED' AND o.pii_due_at <= ${now}`;
}

/** Where a batch stopped in the due index: the next batch starts after it. */
export interface DuePosition {
  dueAt: Date;
  orderId: string;
}

export interface AnonymiseBatchResult {
  /** Orders anonymised in this batch. */
  anonymised: number;
  /** The last order of the batch in (pii_due_at, id) order; null when the batch was empty. */
  last: DuePosition | null;
}

/**
 * One batch (one transaction): orders due at `now`; `after` = the previous batch's last
 * position (null: from the front). `afterStatement` is a test seam (fault injection inside the
 * transaction, after the UPDATE): a throw there rolls the batch back.
 */
export async function anonymiseDueBatch(
  organizationId: string,
  options: {
    now: Date;
    limit: number;
    after?: DuePosition | null;
    afterStatement?: () => Promise<void>;
  },
): Promise<AnonymiseBatchResult> {
  const { now, limit, after } = options;
  const from = after
    ? Prisma.sql`AND (o.pii_due_at, o.id) > (${after.dueAt}, ${after.orderId}::uuid)`
    : Prisma.empty;
  return withTenant(
    organizationId,
    async (tx) => {
      const rows = await tx.$queryRaw<{ n: number; last_at: Date | null; last_id: string | null }[]>`
        WITH due AS (
          SELECT o.id AS order_id, r.id AS record_id, o.pii_due_at
            FROM orders o
            JOIN pii_records r ON r.organization_id = o.organization_id AND r.id = o.pii_record_id
           WHERE ${dueCondition(organizationId, now)} ${from}
             AND r.restricted_at IS NULL
           ORDER BY o.pii_due_at, o.id
           LIMIT ${limit}
             FOR UPDATE OF o, r SKIP LOCKED
        ), ids AS (
          SELECT array_agg(order_id) AS order_ids, array_agg(record_id) AS record_ids FROM due
        ), erased AS (
          UPDATE pii_records SET ${eraseSetClause(now)}
           WHERE pii_records.organization_id = ${organizationId}::uuid
             AND pii_records.id = ANY((SELECT record_ids FROM ids)::uuid[])
          RETURNING pii_records.id
        ), marked AS (
          UPDATE orders SET pii_status = 'ANONYMISED', updated_at = ${now}
           WHERE orders.organization_id = ${organizationId}::uuid
             AND orders.id = ANY((SELECT order_ids FROM ids)::uuid[])
          RETURNING orders.id
        ), last AS (
          SELECT pii_due_at, order_id FROM due ORDER BY pii_due_at DESC, order_id DESC LIMIT 1
        )
        SELECT (SELECT count(*) FROM marked)::int AS n,
               (SELECT pii_due_at FROM last) AS last_at,
               (SELECT order_id::text FROM last) AS last_id`;
      await options.afterStatement?.();
      const row = rows[0];
      return {
        anonymised: row?.n ?? 0,
        last: row?.last_at && row.last_id ? { dueAt: row.last_at, orderId: row.last_id } : null,
      };
    },
    { timeout: 120_000 },
  );
}

export interface AnonymiseRunResult {
  anonymised: number;
  batches: number;
  /** Due orders left (held by a restriction, or locked by a writer during every pass). */
  left: number;
}

export interface AnonymiseRunOptions {
  now: Date;
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (progress: { done: number; total: number }) => Promise<void> | void;
  /** Test seam, passed to every batch. */
  afterStatement?: () => Promise<void>;
  /** Pause between batches (tests that kill the process mid-run). */
  pauseMs?: number;
}

/** Counts orders due for anonymisation (restricted ones included, reported separately). */
export async function countDueForAnonymisation(
  organizationId: string,
  now: Date,
): Promise<{ due: number; restricted: number; piiRetentionDays: number }> {
  return withTenant(organizationId, async (tx) => {
    const policy = await loadRetentionPolicy(tx, organizationId);
    const [row] = await tx.$queryRaw<{ due: number; restricted: number }[]>`
      SELECT count(*)::int AS due,
             count(*) FILTER (WHERE r.restricted_at IS NOT NULL)::int AS restricted
        FROM orders o
        LEFT JOIN pii_records r ON r.organization_id = o.organization_id AND r.id = o.pii_record_id
       WHERE ${dueCondition(organizationId, now)}`;
    return {
      due: row?.due ?? 0,
      restricted: row?.restricted ?? 0,
      piiRetentionDays: policy.piiRetentionDays,
    };
  });
}

/**
 * Gives a due date to stored orders that have none and no legal hold (rows stored before the
 * due-date column existed; the triggers keep every later change current). Set-based, over the
 * NULL entries of orders_pii_due_at only (SQL orders_refresh_pii_due_at).
 */
async function fillMissingDueDates(tx: TenantTx, organizationId: string): Promise<void> {
  await tx.$executeRaw`SELECT orders_refresh_pii_due_at(${organizationId}::uuid, NULL, NULL, true)`;
}

/** Stamps completion and missing due dates, then anonymises every due order, batch after batch. Idempotent. */
export async function anonymiseDueOrders(
  organizationId: string,
  options: AnonymiseRunOptions,
): Promise<AnonymiseRunResult> {
  const limit = options.batchSize ?? ANONYMISE_DEFAULT_BATCH;
  await withTenant(
    organizationId,
    async (tx) => {
      await stampOrderCompletion(tx, organizationId);
      await fillMissingDueDates(tx, organizationId);
    },
    { timeout: 120_000 },
  );
  const { due, restricted } = await countDueForAnonymisation(organizationId, options.now);
  const total = due - restricted;
  let done = 0;
  let batches = 0;
  await options.onProgress?.({ done, total });
  // Pass 1 walks the index once; pass 2 starts again from the front for rows skipped as locked.
  for (let pass = 1; pass <= 2; pass += 1) {
    let after: DuePosition | null = null;
    for (;;) {
      if (options.signal?.aborted) throw new Error('anonymisation interrupted; it resumes on the next run');
      const batch = await anonymiseDueBatch(organizationId, {
        now: options.now,
        limit,
        after,
        afterStatement: options.afterStatement,
      });
      batches += 1;
      done += batch.anonymised;
      if (batch.anonymised > 0) await options.onProgress?.({ done, total: Math.max(total, done) });
      if (batch.anonymised < limit || !batch.last) break;
      after = batch.last;
      if (options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
    }
    if (done >= total) break;
  }
  const after = await countDueForAnonymisation(organizationId, options.now);
  return { anonymised: done, batches, left: after.due - after.restricted };
}
