// npm run bench:quota — quota efficiency of the Amazon order sync: SIMULATED time to sync N new
// orders under Amazon's published usage plans, divided by the theoretical minimum for those plans
// (the "Done when" (b): aim <= 1.1). Not a timed test: it prints figures and the ratio.
//
// N = 1 000 new orders (--orders=N overrides) seeded in the in-process SP-API simulator with its
// rate limits ON (Amazon's rate and burst per operation, 429 QuotaExceeded) and its clock running
// SPEED = 50× faster than real time (--speed=S overrides), so ~30 simulated minutes take well
// under a minute. Our Redis token buckets (lib/channels/amazon/rate-limiter.ts) refill on real
// time, so the bench gives them Amazon's plans scaled by SPEED (same burst, rate × SPEED): per
// SIMULATED second they allow exactly Amazon's published rate. The sync is the real one
// (syncAmazonOrders, real `amazon-sp-api` client, one run, Orders API v0).
//
// Theoretical minimum. A bucket of burst b refilling at r tokens/s, starting full, allows k calls
// no sooner than max(0, (k − b) / r) seconds after the first. Operations have separate buckets,
// so even with perfect overlap the sync cannot finish sooner than the slowest operation's bound:
//
//   T_min = max over operations of max(0, (k_op − b_op) / r_op)
//
// with the calls the sync MUST make for N new orders, E of them needing buyer details
// (merchant-fulfilled, Unshipped/PartiallyShipped):
//   orders.getOrders               k = ceil(N / 100)  pages (MaxResultsPerPage 100)
//                                    + ceil(E / 50)   PII batches (AmazonOrderIds ≤ 50, with the RDT)
//                                  r = 0.0167/s, b = 20
//   orders.getOrderItems           k = N (one page each: ≤ 100 items)   r = 0.5/s, b = 30
//   tokens.createRestrictedDataToken k = 1 (one RDT covers every batch)    r = 1/s,   b = 10
// It ignores the dependencies between calls (lines need the page first) and the network, so it
// is a strict lower bound. Measured: simulated ms from just before the sync to just after it.
import { inProcessSimulator, setupAmazonBench } from '../tests/helpers/amazon-bench-fixture.ts';

/** `--name=value` from the command line (npm run bench:x -- --orders=300). */
const arg = (name: string, fallback: number) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.slice(name.length + 3)) : fallback;
};
const ORDERS = arg('orders', 1_000);
const SPEED = arg('speed', 50);

const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');

async function main(): Promise<void> {
  const fx = await setupAmazonBench(
    { name: 'bench_quota', orders: ORDERS, rateLimits: true, speed: SPEED },
    inProcessSimulator,
  );
  if (!fx) return;
  try {
    const { syncAmazonOrders } = await import('../lib/channels/amazon/sync-amazon-orders.ts');
    const { createRateLimiter, AMAZON_USAGE_PLANS } = await import('../lib/channels/amazon/rate-limiter.ts');
    const { PII_BATCH_SIZE } = await import('../lib/channels/amazon/fetch-amazon-recipients.ts');
    const { withTenant } = await import('../lib/db/tenant.ts');
    type Op = keyof typeof AMAZON_USAGE_PLANS;
    const scaled = createRateLimiter(
      Object.fromEntries(
        Object.entries(AMAZON_USAGE_PLANS).map(([op, p]) => [op, { rate: p.rate * SPEED, burst: p.burst }]),
      ),
    );

    const realStart = performance.now();
    const simStart = fx.sim.local.clock.now();
    const result = await syncAmazonOrders(fx.organizationId, fx.integrationId, {
      logger: fx.logger,
      now: () => new Date(fx.sim.local.clock.now()),
      // Waits are real ms; let the session wait for its buckets instead of handing back the job.
      session: { limiter: scaled, backoffBaseMs: 10, maxInlineWaitMs: 10 * 60_000 },
    });
    const simSeconds = (fx.sim.local.clock.now() - simStart) / 1000;
    const realSeconds = (performance.now() - realStart) / 1000;
    if (result.outcome !== 'done') throw new Error(`sync did not finish: ${JSON.stringify(result)}`);

    const n = result.ordersUpserted;
    const [row] = await withTenant(
      fx.organizationId,
      (tx) =>
        tx.$queryRaw<{ eligible: number }[]>`
        SELECT count(*)::int AS eligible FROM orders
         WHERE organization_id = ${fx.organizationId}::uuid AND pii_status IN ('STORED', 'PENDING')`,
    );
    const eligible = row?.eligible ?? 0;
    const required: Partial<Record<Op, number>> = {
      'orders.getOrders': Math.ceil(n / 100) + Math.ceil(eligible / PII_BATCH_SIZE),
      'orders.getOrderItems': n,
      'tokens.createRestrictedDataToken': eligible > 0 ? 1 : 0,
    };
    const bound = (op: Op, k: number) => {
      const { rate, burst } = AMAZON_USAGE_PLANS[op];
      return Math.max(0, (k - burst) / rate);
    };
    const perOp = Object.entries(required).map(([op, k]) => ({ op: op as Op, k, t: bound(op as Op, k) }));
    const tMin = Math.max(...perOp.map((x) => x.t));

    const log = fx.sim.local.calls.log;
    const ok = (op: string) => log.filter((c) => c.operation === op && c.status !== 429).length;
    const throttled = log.filter((c) => c.status === 429).length;

    console.log(
      `Amazon quota efficiency: ${fmt(n)} new orders (${fmt(eligible)} needing buyer details), simulator limits ON, clock ×${SPEED} (${realSeconds.toFixed(1)} s real)`,
    );
    for (const { op, k, t } of perOp) {
      const { rate, burst } = AMAZON_USAGE_PLANS[op];
      console.log(
        `  ${op.padEnd(33)} required ${fmt(k).padStart(5)}  made ${fmt(ok(op)).padStart(5)}  rate ${rate}/s burst ${burst}  → ≥ ${t.toFixed(0)} s`,
      );
    }
    console.log(`  429 QuotaExceeded responses: ${throttled}`);
    console.log(`  theoretical minimum (baseline)   ${tMin.toFixed(0).padStart(6)} s simulated   ratio 1.00`);
    console.log(
      `  sync (syncAmazonOrders)          ${simSeconds.toFixed(0).padStart(6)} s simulated   ratio ${(simSeconds / tMin).toFixed(3)}  (aim <= 1.1)`,
    );
  } finally {
    await fx.close();
  }
}

await main();
