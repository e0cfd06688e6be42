// PII canary on RENDERED pages (issue 5, "Done when"): orders synced from the simulated Amazon
// (every buyer value carries a `CANARY<i>Z` marker) are stored in the vault, then the orders list
// and order detail server components (app/(app)/[org]/orders) are rendered to HTML for roles
// without PII permission (VIEWER, WAREHOUSE): no marker anywhere in the markup. The buyer values
// come back only through the audited reveal, for a permitted role with a purpose.
// The page's own authorisation (requireTenant: session cookie → tenant) is replaced by the tenant
// under test; everything below it (use cases, RLS, vault) is real.
import { renderToStaticMarkup } from 'react-dom/server';
import type { ReactElement } from 'react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { withTenant } from '../lib/db/tenant.ts';
import { resetEnvForTests } from '../lib/env.ts';
import { closeQueues } from '../lib/jobs/queues.ts';
import { createLogger } from '../lib/logger.ts';
import { revealOrderRecipient } from '../lib/orders/reveal-order-recipient.ts';
import { userContext, type TenantContext } from '../lib/tenancy/tenant-context.ts';
import { closeAmazonRedis } from '../lib/channels/amazon/amazon-redis.ts';
import { connectAmazonSelfAuthorized } from '../lib/channels/amazon/connect-amazon-self-authorized.ts';
import { createRateLimiter } from '../lib/channels/amazon/rate-limiter.ts';
import { syncAmazonOrders } from '../lib/channels/amazon/sync-amazon-orders.ts';
import type { MembershipRole } from '../lib/db/generated/prisma/enums.ts';
import { addMember, createOrganization, createUser } from './factories.ts';
import {
  DEV_APP,
  DEV_SELLER,
  startAmazonSimulator,
  type AmazonSimulator,
} from './simulators/amazon/server.ts';

vi.setConfig({ testTimeout: 120_000 });

const current: { tenant: unknown } = { tenant: null };
vi.mock('@/lib/auth/require-tenant.ts', () => ({
  requireTenant: async () => current.tenant,
}));

const START = Date.parse('2026-03-02T12:00:00Z');
let sim: AmazonSimulator;
let organization: { id: string; slug: string; name: string };
let lastUserId = '';

async function as(role: MembershipRole): Promise<TenantContext> {
  const user = await createUser();
  await addMember(organization.id, user.id, role);
  lastUserId = user.id;
  const ctx = userContext({ organizationId: organization.id, userId: user.id, role });
  current.tenant = {
    ctx,
    organization,
    mfaWithheld: new Set(),
    principal: { kind: 'user', userId: user.id },
  };
  return ctx;
}

async function render(element: Promise<ReactElement>): Promise<string> {
  return renderToStaticMarkup(await element);
}

beforeAll(async () => {
  sim = await startAmazonSimulator({
    clock: { start: START, speed: 0 },
    orders: [{ seed: 'packline-canary-pages', count: 60, marketplaceIds: DEV_SELLER.marketplaceIds }],
    rateLimits: false,
  });
  process.env.AMAZON_SP_API_SIMULATOR = `127.0.0.1:${sim.port}`;
  process.env.AMAZON_SP_API_CA_PATH = sim.caPath;
  process.env.AMAZON_SYNC_LOOKBACK_DAYS = '30';
  resetEnvForTests();

  organization = await createOrganization();
  const owner = await createUser();
  await addMember(organization.id, owner.id, 'OWNER');
  const ownerCtx = userContext({ organizationId: organization.id, userId: owner.id, role: 'OWNER' });
  const { integrationId } = await connectAmazonSelfAuthorized(ownerCtx, {
    sellingPartnerId: DEV_SELLER.sellingPartnerId,
    region: 'na',
    refreshToken: sim.registry.authorize(DEV_APP.clientId, DEV_SELLER.sellingPartnerId),
  });
  const limiter = createRateLimiter(
    Object.fromEntries(
      ['orders.getOrders', 'orders.getOrderItems', 'tokens.createRestrictedDataToken'].map((op) => [
        op,
        { rate: 10_000, burst: 10_000 },
      ]),
    ),
  );
  const result = await syncAmazonOrders(organization.id, integrationId, {
    logger: createLogger({ level: 'silent' }),
    now: () => new Date(sim.clock.now()),
    session: { limiter, backoffBaseMs: 10 },
  });
  expect(result).toMatchObject({ outcome: 'done' });
});
afterAll(async () => {
  await closeQueues();
  await closeAmazonRedis();
  await sim.close();
});

const storedOrders = () =>
  withTenant(organization.id, (tx) =>
    tx.order.findMany({
      where: { organizationId: organization.id, piiStatus: 'STORED' },
      select: { id: true, amazonOrderId: true },
    }),
  );

describe('PII canary on rendered order pages', () => {
  for (const role of ['VIEWER', 'WAREHOUSE'] as const) {
    it(`${role}: the orders list and every order detail with a stored recipient render without a buyer value`, async () => {
      await as(role);
      const { default: OrdersPage } = await import('../app/(app)/[org]/orders/page.tsx');
      const { default: OrderPage } = await import('../app/(app)/[org]/orders/[orderId]/page.tsx');
      const stored = await storedOrders();
      expect(stored.length).toBeGreaterThan(5);

      const list = await render(
        OrdersPage({
          params: Promise.resolve({ org: organization.slug }),
          searchParams: Promise.resolve({}),
        }),
      );
      expect(list).toContain(stored[0]!.amazonOrderId!); // the real list rendered
      expect(list).not.toMatch(/CANARY/i);

      for (const o of stored) {
        const html = await render(
          OrderPage({ params: Promise.resolve({ org: organization.slug, orderId: o.id }) }),
        );
        expect(html).toContain(o.amazonOrderId!);
        expect(html).toContain('recipient-masked');
        expect(html).not.toMatch(/CANARY/i);
      }
    });
  }

  it('buyer values appear only through the audited reveal of a permitted role', async () => {
    const [order] = await storedOrders();
    const viewer = await as('VIEWER');
    await expect(
      revealOrderRecipient(viewer, { orderId: order!.id, purpose: 'customer-service' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const owner = await as('OWNER');
    const ownerId = lastUserId;
    const revealed = await revealOrderRecipient(owner, { orderId: order!.id, purpose: 'customer-service' });
    expect(revealed.name).toMatch(/CANARY\d+Z/);
    const [audit] = await withTenant(organization.id, (tx) =>
      tx.auditEvent.findMany({
        where: { organizationId: organization.id },
        orderBy: { seq: 'desc' },
        take: 1,
      }),
    );
    expect(audit).toMatchObject({ purpose: 'customer-service', actorId: ownerId });
    expect(JSON.stringify(audit, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).not.toMatch(
      /CANARY/,
    );

    // Even for the owner, the server-rendered page stays masked: values only come from the reveal.
    const { default: OrderPage } = await import('../app/(app)/[org]/orders/[orderId]/page.tsx');
    const html = await render(
      OrderPage({ params: Promise.resolve({ org: organization.slug, orderId: order!.id }) }),
    );
    expect(html).not.toMatch(/CANARY/i);
  });
});
