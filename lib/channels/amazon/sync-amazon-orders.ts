// One order sync of one Amazon integration (ARCHITECTURE.md §5), run by the `amazon.sync-orders`
// job: LastUpdatedAfter = cursor − overlap, NextToken paging, each page upserted set-based and
// committed together with its status events, the run's counters and the advanced cursor. After
// each page the new or changed orders are settled: their lines fetched (v0, a few getOrderItems
// at a time through the shared token bucket; 2026-01-01 returns them inline) and upserted in one
// statement, their stock reserved or released (reserve-stock-for-synced-orders.ts), and only
// then marked settled. Buyer details for the orders that still need shipping are fetched in
// batches as pages settle (fetch-amazon-recipients.ts), the rest at the end. Safe to kill at any
// point: everything before the last commit is kept, the rest (unsettled orders included) is
// fetched again idempotently.
import { readCredential } from '../../credentials/read-credential.ts';
import { withTenant, type TenantTx } from '../../db/tenant.ts';
import { getEnv } from '../../env.ts';
import type { Logger } from '../../logger.ts';
import {
  prepareStockForSyncedOrders,
  reserveStockForSyncedOrders,
} from '../../orders/reserve-stock-for-synced-orders.ts';
import { markLinesSynced, upsertAmazonOrders, upsertOrderLines } from '../../orders/upsert-channel-orders.ts';
import { systemContext } from '../../tenancy/tenant-context.ts';
import { amazonKey, amazonRedis } from './amazon-redis.ts';
import { RecipientFetcher } from './fetch-amazon-recipients.ts';
import { mapBounded } from './map-bounded.ts';
import {
  normalize2026Order,
  normalizeV0Item,
  normalizeV0Order,
  type NormalizedLine,
  type NormalizedOrder,
} from './map-amazon-order.ts';
import { AMAZON_REFRESH_TOKEN_KIND, INTEGRATION_SYSTEM_PERMISSIONS } from './integration-constants.ts';
import {
  Z2026SearchOrdersResponse,
  ZV0GetOrderItemsPayload,
  ZV0GetOrdersPayload,
  type TAmazonRegion,
} from './schemas.ts';
import {
  AmazonAuthorizationError,
  IntegrationDisconnectedError,
  RateLimitedError,
  SpApiSession,
  type SpApiSessionOptions,
} from './sp-api-session.ts';
import { classifySyncFailure } from './sync-failure.ts';

/** Re-read this much before the cursor: Amazon's LastUpdateDate can lag the change slightly. */
export const SYNC_OVERLAP_MS = 5 * 60_000;
/** The per-integration run lock expires this long after its holder stops renewing it (a killed worker). */
const LOCK_TTL_MS = 60_000;
/**
 * getOrderItems calls in flight at once per page (v0). Each still takes its token from the shared
 * bucket, so under Amazon's limits this only overlaps the round trips; without limits it hides
 * latency.
 */
const ITEM_FETCH_CONCURRENCY = 16;
/** Committed pages whose settling may still be under way when the next page is committed. */
const SETTLE_DEPTH = 2;
/** Orders settled per batch (lines, stock, mark). */
const SETTLE_BATCH = 500;
/** The sync's stock step: record listings from order lines, reserve and release stock. */
const STOCK_PERMISSIONS = ['orders.update', 'inventory.update'] as const;

export interface SyncProgress {
  pages: number;
  ordersUpserted: number;
  itemsFetched: number;
  piiStored: number;
}

export interface SyncAmazonOrdersOptions {
  logger: Logger;
  signal?: AbortSignal;
  manual?: boolean;
  jobId?: string;
  onProgress?: (p: SyncProgress) => Promise<void> | void;
  /** The clock of the first sync's look-back (tests align it with the simulator). */
  now?: () => Date;
  /** The first sync's look-back in days (default AMAZON_SYNC_LOOKBACK_DAYS; the demo seed fetches weeks). */
  lookbackDays?: number;
  session?: Omit<SpApiSessionOptions, 'logger' | 'signal'>;
  /** Run-lock lifetime without renewal (renewed every quarter of it while the run lives). */
  lockTtlMs?: number;
}

export type SyncAmazonOrdersResult =
  | { outcome: 'skipped'; reason: 'disconnected' | 'no-credentials' | 'already-running' }
  | ({ outcome: 'done'; runId: string } & SyncProgress)
  | { outcome: 'failed'; runId: string; error: string };

interface Unsettled {
  id: string;
  amazon_order_id: string;
  /** The channel status the lines are fetched for: the order is marked settled only if unchanged. */
  channel_status: string;
}

interface IntegrationRow {
  id: string;
  status: string;
  selling_partner_id: string;
  region: TAmazonRegion;
  marketplace_ids: string[];
  orders_api_version: 'V0' | 'V2026_01_01';
  sync_cursor: Date | null;
}

export async function syncAmazonOrders(
  organizationId: string,
  integrationId: string,
  options: SyncAmazonOrdersOptions,
): Promise<SyncAmazonOrdersResult> {
  const { logger } = options;
  const now = options.now ?? (() => new Date());
  const integration = await withTenant(organizationId, async (tx) => {
    const [row] = await tx.$queryRaw<IntegrationRow[]>`
      SELECT id, status::text AS status, selling_partner_id, region, marketplace_ids,
             orders_api_version::text AS orders_api_version, sync_cursor
        FROM amazon_integrations WHERE organization_id = ${organizationId}::uuid AND id = ${integrationId}::uuid`;
    return row;
  });
  if (!integration || integration.status === 'DISCONNECTED')
    return { outcome: 'skipped', reason: 'disconnected' };

  const ctx = systemContext(organizationId, INTEGRATION_SYSTEM_PERMISSIONS);
  const stockCtx = systemContext(organizationId, [...STOCK_PERMISSIONS]);
  const refreshToken = await readCredential(ctx, { kind: AMAZON_REFRESH_TOKEN_KIND, ownerId: integrationId });
  if (!refreshToken) return { outcome: 'skipped', reason: 'no-credentials' };

  const lockKey = amazonKey('sync-lock', integrationId);
  const lockValue = `${process.pid}-${Date.now()}-${Math.random()}`;
  const lockTtl = options.lockTtlMs ?? LOCK_TTL_MS;
  const locked = await amazonRedis().set(lockKey, lockValue, 'PX', lockTtl, 'NX');
  if (locked !== 'OK') return { outcome: 'skipped', reason: 'already-running' };
  const renew = setInterval(
    () => {
      amazonRedis()
        .eval(
          "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end",
          1,
          lockKey,
          lockValue,
          String(lockTtl),
        )
        .catch(() => undefined);
    },
    Math.max(250, Math.floor(lockTtl / 4)),
  );
  renew.unref();

  const from = new Date(
    (integration.sync_cursor?.getTime() ??
      now().getTime() - (options.lookbackDays ?? getEnv().AMAZON_SYNC_LOOKBACK_DAYS) * 24 * 3600_000) -
      SYNC_OVERLAP_MS,
  );
  const runId = await withTenant(organizationId, async (tx) => {
    const run = await tx.channelSyncRun.create({
      data: {
        organizationId,
        integrationId,
        manual: options.manual ?? false,
        jobId: options.jobId ?? null,
        cursorFrom: from,
      },
      select: { id: true },
    });
    return run.id;
  });

  const progress: SyncProgress = { pages: 0, ordersUpserted: 0, itemsFetched: 0, piiStored: 0 };
  const session = new SpApiSession(
    {
      organizationId,
      integrationId,
      sellingPartnerId: integration.selling_partner_id,
      region: integration.region,
      ordersApiVersion: integration.orders_api_version,
      refreshToken,
    },
    { ...options.session, logger, signal: options.signal },
  );

  /** Orders whose lines (v0) or stock are still to do: new or changed, this run's or a killed run's. */
  const unsettledOrders = (tx: TenantTx): Promise<Unsettled[]> =>
    tx.$queryRaw<Unsettled[]>`
      SELECT id, amazon_order_id, channel_status FROM orders
       WHERE organization_id = ${organizationId}::uuid AND integration_id = ${integrationId}::uuid
         AND lines_synced_at IS NULL
       ORDER BY purchased_at, id LIMIT ${SETTLE_BATCH}`;

  const recipients = new RecipientFetcher(ctx, session, integration.marketplace_ids, logger, now);

  /**
   * Commits one page: orders, status events, lines (when inline), counters and cursor, together;
   * returns the page's orders still to settle (new, or changed channel status) and the orders it
   * wrote. What a killed run left unsettled is settled after the last page.
   */
  const commitPage = async (orders: NormalizedOrder[], cursor: Date | null) =>
    withTenant(
      organizationId,
      async (tx) => {
        const upserted = await upsertAmazonOrders(tx, organizationId, integrationId, orders);
        let lines = 0;
        const inline = new Map<string, readonly NormalizedLine[]>();
        const byAmazonId = new Map(orders.map((o) => [o.amazonOrderId, o]));
        for (const u of upserted) {
          const l = byAmazonId.get(u.amazonOrderId)?.lines;
          if (l) inline.set(u.id, l);
        }
        if (inline.size > 0) lines = await upsertOrderLines(tx, organizationId, inline);
        progress.pages += 1;
        progress.ordersUpserted += upserted.length;
        progress.itemsFetched += lines;
        // The run's counters and the integration's cursor, in one statement.
        await tx.$executeRaw`
          WITH run AS (
            UPDATE channel_sync_runs
               SET pages = ${progress.pages}, orders_upserted = ${progress.ordersUpserted},
                   items_fetched = ${progress.itemsFetched}, cursor_to = coalesce(${cursor}::timestamptz, cursor_to)
             WHERE organization_id = ${organizationId}::uuid AND id = ${runId}::uuid)
          UPDATE amazon_integrations SET sync_cursor = ${cursor}::timestamptz, updated_at = now()
           WHERE organization_id = ${organizationId}::uuid AND id = ${integrationId}::uuid
             AND ${cursor}::timestamptz IS NOT NULL AND status <> 'DISCONNECTED'
             AND (sync_cursor IS NULL OR sync_cursor < ${cursor}::timestamptz)`;
        const unsettled = upserted
          .filter((u) => u.linesSyncedAt === null)
          .map((u) => ({ id: u.id, amazon_order_id: u.amazonOrderId, channel_status: u.channelStatus }));
        return { unsettled, written: upserted };
      },
      { timeout: 60_000 },
    );

  const fetchItems = async (amazonOrderId: string): Promise<NormalizedLine[]> => {
    const lines: NormalizedLine[] = [];
    let next: string | undefined;
    do {
      const page = await session.call(
        {
          operation: 'orders.getOrderItems',
          path: { orderId: amazonOrderId },
          ...(next ? { query: { NextToken: next } } : {}),
        },
        ZV0GetOrderItemsPayload,
      );
      lines.push(...page.OrderItems.map(normalizeV0Item));
      next = page.NextToken;
    } while (next);
    return lines;
  };

  interface FetchedLines {
    lines: Map<string, readonly NormalizedLine[]>;
    failure?: { error: unknown };
  }

  /** v0: the lines of `pending`, 8 orders at a time; a failure keeps the lines fetched before it. */
  const fetchLines = async (pending: readonly Unsettled[]): Promise<FetchedLines> => {
    if (integration.orders_api_version !== 'V0' || pending.length === 0) return { lines: new Map() };
    const fetched = await mapBounded(pending, ITEM_FETCH_CONCURRENCY, (o) => fetchItems(o.amazon_order_id));
    const lines = new Map([...fetched.results].map(([o, l]) => [o.id, l]));
    return 'error' in fetched ? { lines, failure: { error: fetched.error } } : { lines };
  };

  /**
   * Settles orders whose lines are in hand (v0: fetched; 2026-01-01: committed with the page).
   * One transaction writes their lines and listings and marks the orders that need no stock step;
   * the others are marked after their reservation. A mark skips an order whose channel status
   * changed meanwhile (its lines are fetched again). Throws a fetch failure after settling what
   * was fetched before it.
   */
  const writeSettled = async (pending: readonly Unsettled[], fetched: FetchedLines): Promise<void> => {
    const { lines } = fetched;
    const settled =
      integration.orders_api_version === 'V0' ? pending.filter((o) => lines.has(o.id)) : [...pending];
    const mark = (tx: TenantTx, orders: readonly Unsettled[]) =>
      markLinesSynced(
        tx,
        organizationId,
        orders.map((o) => ({ id: o.id, channelStatus: o.channel_status })),
      );
    if (settled.length > 0) {
      const stock = await withTenant(organizationId, async (tx) => {
        if (lines.size > 0) progress.itemsFetched += await upsertOrderLines(tx, organizationId, lines);
        const prepared = await prepareStockForSyncedOrders(
          stockCtx,
          tx,
          settled.map((o) => o.id),
        );
        const reserving = new Set(prepared.toReserve);
        await mark(
          tx,
          settled.filter((o) => !reserving.has(o.id)),
        );
        return prepared;
      });
      await reserveStockForSyncedOrders(stockCtx, stock);
      if (stock.toReserve.length > 0) {
        const reserving = new Set(stock.toReserve);
        await withTenant(organizationId, (tx) =>
          mark(
            tx,
            settled.filter((o) => reserving.has(o.id)),
          ),
        );
      }
    }
    if (fetched.failure) throw fetched.failure.error;
  };

  const settle = async (pending: readonly Unsettled[]): Promise<void> =>
    writeSettled(pending, await fetchLines(pending));

  /** The page loops' settling pipeline (its last page): awaited before a failure is recorded. */
  let settling: Promise<void> = Promise.resolve();
  /** Settling of the pages committed last, oldest first (at most SETTLE_DEPTH). */
  const settlingPages: Promise<void>[] = [];
  /**
   * Pipelined settling of a committed page: its lines are fetched (v0) while the next pages are
   * committed, then written after the page before it (lines, stock, marks — in page order), then
   * offered for buyer details. The loop commits at most SETTLE_DEPTH pages ahead of the oldest
   * page still settling; a settling failure surfaces that many pages later.
   */
  const queueSettle = async (page: Awaited<ReturnType<typeof commitPage>>): Promise<void> => {
    const before = settling;
    const fetched = fetchLines(page.unsettled);
    settling = fetched.then(async (f) => {
      await before;
      await writeSettled(page.unsettled, f);
      recipients.offer(page.written);
    });
    settling.catch(() => undefined);
    settlingPages.push(settling);
    if (settlingPages.length > SETTLE_DEPTH) await settlingPages.shift();
  };

  try {
    if (integration.orders_api_version === 'V0') {
      const fetchPage = (nextToken: string | undefined) =>
        session.call(
          {
            operation: 'orders.getOrders',
            query: nextToken
              ? { MarketplaceIds: integration.marketplace_ids, NextToken: nextToken }
              : {
                  MarketplaceIds: integration.marketplace_ids,
                  LastUpdatedAfter: from.toISOString(),
                  MaxResultsPerPage: 100,
                },
          },
          ZV0GetOrdersPayload,
        );
      let page = fetchPage(undefined);
      let next: string | undefined;
      let maxSeen = 0;
      let ordered = true;
      do {
        const payload = await page;
        const orders = payload.Orders.map(normalizeV0Order);
        for (const o of orders) {
          const t = o.channelUpdatedAt.getTime();
          if (t < maxSeen) ordered = false;
          maxSeen = Math.max(maxSeen, t);
        }
        next = payload.NextToken;
        // The next page is fetched while this one is committed and settled. A failure surfaces
        // when it is awaited (the handler only keeps it from being reported as unhandled).
        if (next) {
          page = fetchPage(next);
          page.catch(() => undefined);
        }
        // Last page: the window's end. Earlier pages: the newest LastUpdateDate seen, when the pages
        // come in LastUpdateDate order (otherwise the cursor waits for the last page).
        const windowEnd = payload.LastUpdatedBefore ? new Date(payload.LastUpdatedBefore) : null;
        const cursor = !next ? windowEnd : ordered && maxSeen > 0 ? new Date(maxSeen) : null;
        await queueSettle(await commitPage(orders, cursor));
        await options.onProgress?.(progress);
      } while (next);
      await settling;
    } else {
      const fetchPage = (nextToken: string | undefined) =>
        session.call(
          {
            operation: 'orders.searchOrders',
            query: nextToken
              ? { paginationToken: nextToken, includedData: ['FULFILLMENT', 'PROCEEDS'] }
              : {
                  marketplaceIds: integration.marketplace_ids,
                  lastUpdatedAfter: from.toISOString(),
                  includedData: ['FULFILLMENT', 'PROCEEDS'],
                  maxResultsPerPage: 100,
                },
          },
          Z2026SearchOrdersResponse,
        );
      let pageCall = fetchPage(undefined);
      let next: string | undefined;
      do {
        const page = await pageCall;
        next = page.pagination?.nextToken;
        if (next) {
          pageCall = fetchPage(next);
          pageCall.catch(() => undefined);
        }
        const orders = page.orders.map(normalize2026Order);
        const maxSeen = Math.max(0, ...orders.map((o) => o.channelUpdatedAt.getTime()));
        const cursor = !next
          ? page.lastUpdatedBefore
            ? new Date(page.lastUpdatedBefore)
            : null
          : maxSeen > 0
            ? new Date(maxSeen)
            : null;
        await queueSettle(await commitPage(orders, cursor));
        await options.onProgress?.(progress);
      } while (next);
      await settling;
    }
    // What earlier runs left unsettled beyond the batches settled above — once the buyer-details
    // units under way have ended: both update order rows, and the same rows must not be locked by
    // two transactions in different orders.
    await recipients.idle();
    for (;;) {
      const pending = await withTenant(organizationId, unsettledOrders);
      await settle(pending);
      if (pending.length < SETTLE_BATCH) break;
      await options.onProgress?.(progress);
    }

    progress.piiStored += await recipients.finish();
    await options.onProgress?.(progress);

    await withTenant(organizationId, async (tx) => {
      await tx.channelSyncRun.update({
        where: { id: runId },
        data: {
          status: 'SUCCEEDED',
          finishedAt: new Date(),
          itemsFetched: progress.itemsFetched,
          piiStored: progress.piiStored,
        },
      });
      await tx.$executeRaw`
        UPDATE amazon_integrations
           SET last_sync_at = now(), last_error = NULL, last_error_at = NULL, updated_at = now(),
               status = CASE WHEN status = 'ERROR' THEN 'CONNECTED'::"IntegrationStatus" ELSE status END
         WHERE organization_id = ${organizationId}::uuid AND id = ${integrationId}::uuid AND status <> 'DISCONNECTED'`;
    });
    logger.info({ integrationId, ...progress, calls: session.calls }, 'amazon order sync done');
    return { outcome: 'done', runId, ...progress };
  } catch (error) {
    // Item fetches still in flight finish (their results are not written), and buyer details
    // batches under way end, before the run ends.
    await settling.catch(() => undefined);
    await recipients.stop();
    const reference = options.jobId ?? runId;
    const { code, message } = classifySyncFailure(error, reference);
    const markError =
      !(error instanceof RateLimitedError) && !(error instanceof IntegrationDisconnectedError);
    await withTenant(organizationId, async (tx) => {
      await tx.channelSyncRun.update({
        where: { id: runId },
        data: {
          status: 'FAILED',
          finishedAt: new Date(),
          error: message,
          errorCode: code,
          itemsFetched: progress.itemsFetched,
          piiStored: progress.piiStored,
        },
      });
      if (markError) {
        await tx.$executeRaw`
          UPDATE amazon_integrations SET status = 'ERROR', last_error = ${message}, last_error_at = now(), updated_at = now()
           WHERE organization_id = ${organizationId}::uuid AND id = ${integrationId}::uuid AND status <> 'DISCONNECTED'`;
      }
    });
    // The reference shown on the integrations page is on this line. An unexpected error is logged
    // by class and code only: its text could quote a row's values.
    const errCode = (error as { code?: unknown })?.code;
    logger.warn(
      {
        integrationId,
        runId,
        reference,
        code,
        err: {
          name: (error as Error)?.name,
          ...(typeof errCode === 'string' ? { code: errCode } : {}),
          message,
        },
      },
      'amazon order sync failed',
    );
    if (error instanceof RateLimitedError) throw error;
    if (error instanceof AmazonAuthorizationError || error instanceof IntegrationDisconnectedError)
      return { outcome: 'failed', runId, error: message };
    throw Object.assign(new Error(message), { name: 'AmazonSyncError' });
  } finally {
    clearInterval(renew);
    await amazonRedis()
      .eval(
        "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end",
        1,
        lockKey,
        lockValue,
      )
      .catch(() => undefined);
  }
}
