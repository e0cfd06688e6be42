// Reliability: a sync of 2 000 orders through the real client, its process SIGKILLed at random
// points 20 times, then left to finish: no order lost or duplicated, every line and eligible
// recipient present, and no plaintext buyer value anywhere in the database.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../db/tenant.ts';
import { appDb } from '../../db/client.ts';
import { setTestEnv, testFlag } from '../../../tests/helpers/test-env.ts';
import { closeQueues } from '../../jobs/queues.ts';
import { userContext } from '../../tenancy/tenant-context.ts';
import { addMember, createOrganization, createUser } from '../../../tests/factories.ts';
import { lastUpdateAt } from '../../../tests/simulators/amazon/generator.ts';
import {
  DEV_APP,
  DEV_SELLER,
  startAmazonSimulator,
  type AmazonSimulator,
} from '../../../tests/simulators/amazon/server.ts';
import { closeAmazonRedis } from './amazon-redis.ts';
import { connectAmazonSelfAuthorized } from './connect-amazon-self-authorized.ts';

/** Opt-in (~100 s, loads both cores): PACKLINE_RELIABILITY=1 npx vitest run <this file>. */
const RELIABILITY = testFlag('PACKLINE_RELIABILITY');
const START = Date.parse('2026-03-02T12:00:00Z');
const ROOT = path.resolve(import.meta.dirname, '../../..');
let sim: AmazonSimulator;

beforeAll(async () => {
  if (!RELIABILITY) return;
  sim = await startAmazonSimulator({
    clock: { start: START, speed: 0 },
    orders: [{ seed: 'sigkill', count: 2000, marketplaceIds: DEV_SELLER.marketplaceIds }],
    rateLimits: false,
  });
  // The child processes inherit this environment.
  setTestEnv({
    AMAZON_SP_API_SIMULATOR: `127.0.0.1:${sim.port}`,
    AMAZON_SP_API_CA_PATH: sim.caPath,
    AMAZON_SYNC_LOOKBACK_DAYS: '30',
  });
});
afterAll(async () => {
  await closeQueues();
  await closeAmazonRedis();
  await sim?.close();
});

function runChild(args: string[], killAfterMs: number | null): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/helpers/amazon-sync-child.ts', ...args],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += String(d)));
    child.stderr.on('data', (d: Buffer) => (err += String(d)));
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0) resolve(out.trim());
      else reject(new Error(`child exited ${code}: ${err.slice(0, 500)}`));
    });
  });
}

// ~100 s and 20 child processes: heavy enough to slow the timing-sensitive tests of other files in
// a parallel run, so it runs on request: PACKLINE_RELIABILITY=1 npx vitest run --project integration
// lib/channels/amazon/amazon-sync-sigkill.integration.test.ts
describe.runIf(RELIABILITY)('SIGKILL during a 2 000-order sync', () => {
  it('20 kills at random points: nothing lost, nothing duplicated, no plaintext PII in the database', async () => {
    const org = await createOrganization();
    const user = await createUser();
    await addMember(org.id, user.id, 'OWNER');
    const ctx = userContext({ organizationId: org.id, userId: user.id, role: 'OWNER' });
    const { integrationId } = await connectAmazonSelfAuthorized(ctx, {
      sellingPartnerId: DEV_SELLER.sellingPartnerId,
      region: 'na',
      refreshToken: sim.registry.authorize(DEV_APP.clientId, DEV_SELLER.sellingPartnerId),
    });
    const args = [org.id, integrationId, String(sim.clock.now())];
    let rnd = 42;
    const random = () => ((rnd = (rnd * 1103515245 + 12345) % 2 ** 31), rnd / 2 ** 31);
    const kills: string[] = [];
    for (let i = 0; i < 20; i++) {
      kills.push(await runChild(args, 1_500 + Math.floor(random() * 4_000)));
      await new Promise((r) => setTimeout(r, 450)); // the killed run's lock expires (lockTtlMs 400)
    }
    expect(kills.filter((k) => k === 'killed').length).toBeGreaterThan(10);
    let final = '';
    for (let i = 0; i < 5 && !final.includes('"done"'); i++) {
      final = await runChild(args, null);
      await new Promise((r) => setTimeout(r, 450));
    }
    expect(final).toContain('"done"');

    const now = sim.clock.now();
    const expected = sim.orders
      .list(DEV_SELLER.sellingPartnerId)
      .filter((o) => o.purchaseDate <= now && lastUpdateAt(o, now) <= now - 2 * 60_000);
    expect(expected.length).toBeGreaterThan(1500);
    const orders = await withTenant(org.id, (tx) =>
      tx.order.findMany({
        where: { organizationId: org.id },
        include: { _count: { select: { lines: true } } },
      }),
    );
    expect(orders.map((o) => o.amazonOrderId).sort()).toEqual(expected.map((o) => o.amazonOrderId).sort());
    for (const o of orders) expect(o._count.lines).toBe(sim.orders.get(o.amazonOrderId!)!.items.length);
    const eligible = orders.filter(
      (o) =>
        o.fulfilmentChannel === 'MERCHANT' && ['Unshipped', 'PartiallyShipped'].includes(o.channelStatus),
    );
    expect(orders.filter((o) => o.piiStatus === 'STORED').length).toBe(eligible.length);

    // No plaintext buyer value in any column of any table of this database.
    const hits = await appDb().$queryRawUnsafe<{ n: bigint }[]>(`
      SELECT count(*) AS n FROM (
        SELECT to_jsonb(o)::text AS t FROM orders o UNION ALL SELECT to_jsonb(l)::text FROM order_lines l
        UNION ALL SELECT to_jsonb(e)::text FROM order_status_events e
        UNION ALL SELECT to_jsonb(r)::text FROM channel_sync_runs r
        UNION ALL SELECT to_jsonb(a)::text FROM audit_events a
        UNION ALL SELECT encode(coalesce(p.name, ''::bytea), 'escape') || encode(coalesce(p.address_line1, ''::bytea), 'escape') FROM pii_records p
      ) x WHERE t LIKE '%CANARY%'`);
    expect(Number(hits[0]!.n)).toBe(0);
  }, 600_000);
});
