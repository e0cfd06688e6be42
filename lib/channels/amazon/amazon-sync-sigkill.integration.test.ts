// Reliability: a sync of 2 000 orders through the real client, its process SIGKILLed at random
// points 20 times, then left to finish: no order lost or duplicated, every line and eligible
// recipient present, and no plaintext buyer value anywhere in the database. Part of the default
// integration run: the child is bundled once (esbuild: our TypeScript compiled ahead, packages
// imported as usual), which halves a process's start-up CPU against loading the sources through
// tsx; each child starts and loads while the previous one syncs; and the kill clock starts when
// the child begins its sync, and the child's buckets pace the sync (amazon-sync-child.ts) so the
// kills land inside syncs with work left however fast the machine is.
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../db/tenant.ts';
import { appDb } from '../../db/client.ts';
import { setTestEnv } from '../../../tests/helpers/test-env.ts';
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

const START = Date.parse('2026-03-02T12:00:00Z');
const ROOT = path.resolve(import.meta.dirname, '../../..');
const CHILD = path.join(ROOT, `node_modules/.cache/packline-tests/amazon-sync-child-${process.pid}.mjs`);
let sim: AmazonSimulator;

beforeAll(async () => {
  await build({
    entryPoints: [path.join(ROOT, 'tests/helpers/amazon-sync-child.ts')],
    outfile: CHILD,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    logLevel: 'warning',
  });
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
  await rm(CHILD, { force: true });
});

interface SyncChild {
  /** Resolves once the child has loaded its modules and waits for `run`. */
  ready: Promise<void>;
  /** Starts its sync; SIGKILLs it `killAfterMs` later (null: lets it finish). 'killed' or its output. */
  run(killAfterMs: number | null): Promise<string>;
  kill(): void;
}

function spawnSyncChild(args: string[]): SyncChild {
  const child = spawn(process.execPath, [CHILD, ...args], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let markReady = () => {};
  const readyLine = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on('data', (d: Buffer) => {
    out += String(d);
    if (out.startsWith('ready\n')) markReady();
  });
  child.stderr.on('data', (d: Buffer) => (err += String(d)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  const diedEarly = exited.then(() => {
    throw new Error(`child exited before it was ready: ${err.slice(0, 500)}`);
  });
  diedEarly.catch(() => undefined);
  return {
    ready: Promise.race([readyLine, diedEarly]),
    async run(killAfterMs) {
      child.stdin.end('go\n');
      const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      const { code, signal } = await exited;
      if (timer) clearTimeout(timer);
      if (signal === 'SIGKILL') return 'killed';
      if (code === 0) return out.slice('ready\n'.length).trim();
      throw new Error(`child exited ${code}: ${err.slice(0, 500)}`);
    },
    kill: () => child.kill('SIGKILL'),
  };
}

/** A killed run's lock expires after lockTtlMs 400 (amazon-sync-child.ts). */
const lockExpiry = () => new Promise((r) => setTimeout(r, 450));

describe('SIGKILL during a 2 000-order sync', () => {
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
    let next = spawnSyncChild(args);
    let final = '';
    try {
      for (let i = 0; i < 20; i++) {
        const current = next;
        await current.ready;
        const outcome = current.run(100 + Math.floor(random() * 1_400));
        next = spawnSyncChild(args);
        kills.push(await outcome);
        await lockExpiry();
      }
      expect(kills.filter((k) => k === 'killed').length).toBeGreaterThan(10);
      for (let i = 0; i < 5 && !final.includes('"done"'); i++) {
        if (i > 0) next = spawnSyncChild(args);
        await next.ready;
        final = await next.run(null);
        await lockExpiry();
      }
    } finally {
      next.kill();
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
