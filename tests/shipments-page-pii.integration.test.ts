// Role scoping (issue 8 item 8): a WAREHOUSE member sees a buyer's name and address only on the
// packing slip and label they print. The shipments screen (server component) rendered to HTML for
// WAREHOUSE and VIEWER after parcels were labelled for canary recipients carries none of their
// values; the label print itself does (and is audited). The page's own authorisation
// (requireTenant) is replaced by the tenant under test; the router and toast contexts of its row
// actions are stubbed; everything below (use cases, RLS, vault) is real.
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeAmazonRedis } from '../lib/channels/amazon/amazon-redis.ts';
import { disconnectAppDb } from '../lib/db/client.ts';
import { systemDb } from '../lib/db/system.ts';
import { resetEnvForTests } from '../lib/env.ts';
import { scanPackItem } from '../lib/fulfilment/pack-order.ts';
import { closeQueues } from '../lib/jobs/queues.ts';
import { userContext, type TenantContext } from '../lib/tenancy/tenant-context.ts';
import type { MembershipRole } from '../lib/db/generated/prisma/enums.ts';
import { addMember, createOrganization, createUser } from './factories.ts';
import { createCarrierWithRule, createPickedOrder, createShippingWarehouse } from './factories/fulfilment.ts';
import { startCourierSimulator, type CourierSimulator } from './simulators/courier/server.ts';
import { createShipmentLabel } from '../lib/shipping/create-shipment-label.ts';
import { reprintLabel } from '../lib/shipping/shipment-labels.ts';

vi.setConfig({ testTimeout: 120_000 });

const current: { tenant: unknown } = { tenant: null };
vi.mock('@/lib/auth/require-tenant.ts', () => ({ requireTenant: async () => current.tenant }));
vi.mock('next/navigation', () => ({
  useRouter: () => ({ refresh: () => undefined, push: () => undefined }),
}));
vi.mock('@/components/ui/toast.tsx', () => ({ useToast: () => ({ toast: () => undefined }) }));

const CANARY = 'CANARYSHIP';
let courier: CourierSimulator;
let organization: { id: string; slug: string; name: string };

async function as(role: MembershipRole): Promise<TenantContext> {
  const user = await createUser();
  await addMember(organization.id, user.id, role);
  const ctx = userContext({ organizationId: organization.id, userId: user.id, role });
  current.tenant = {
    ctx,
    organization,
    mfaWithheld: new Set(),
    principal: { kind: 'user', userId: user.id },
  };
  return ctx;
}

beforeAll(async () => {
  courier = await startCourierSimulator();
  process.env.COURIER_SIMULATOR_URL = courier.url;
  resetEnvForTests();
  organization = await createOrganization();
  const owner = await createUser();
  await addMember(organization.id, owner.id, 'OWNER');
  const ownerCtx = userContext({ organizationId: organization.id, userId: owner.id, role: 'OWNER' });
  const packer = userContext({ organizationId: organization.id, userId: owner.id, role: 'WAREHOUSE' });
  const shipping = await createShippingWarehouse(organization.id);
  await createCarrierWithRule(ownerCtx, { carrier: 'TEST', serviceCode: 'TEST24', priority: 1 });
  for (let i = 0; i < 3; i++) {
    const order = await createPickedOrder(packer, shipping, {
      integrationId: null,
      lines: [{ sku: `CAN-${i}-${crypto.randomUUID().slice(0, 4)}`, quantity: 1 }],
      recipientName: `${CANARY}${i} Buyer`,
    });
    const packed = await scanPackItem(packer, { orderId: order.id, code: order.lines[0]!.sku });
    await createShipmentLabel(packer, { shipmentId: packed.closedParcelId! });
  }
});

afterAll(async () => {
  await closeQueues();
  await closeAmazonRedis();
  await courier?.close();
  await disconnectAppDb();
});

describe('shipments screen without buyer PII', () => {
  it.each(['WAREHOUSE', 'VIEWER'] as const)('renders for %s with no canary value', async (role) => {
    await as(role);
    const { default: ShipmentsPage } = await import('@/app/(app)/[org]/fulfilment/shipments/page.tsx');
    const html = renderToStaticMarkup(
      await ShipmentsPage({
        params: Promise.resolve({ org: organization.slug }),
        searchParams: Promise.resolve({}),
      }),
    );
    expect(html).toContain('TEST TEST24');
    expect(html).not.toContain(CANARY);
    // Label links only for roles that may print.
    expect(html.includes('/label?format=PDF')).toBe(role === 'WAREHOUSE');
  });

  it('the order detail shows the parcels (packing and shipping history) to WAREHOUSE without a canary value', async () => {
    await as('WAREHOUSE');
    const shipment = await systemDb().shipment.findFirstOrThrow({
      where: { organizationId: organization.id },
    });
    const { default: OrderPage } = await import('@/app/(app)/[org]/orders/[orderId]/page.tsx');
    const html = renderToStaticMarkup(
      await OrderPage({ params: Promise.resolve({ org: organization.slug, orderId: shipment.orderId }) }),
    );
    expect(html).toContain('Packing and shipping');
    expect(html).toContain(shipment.trackingNumber!);
    expect(html).not.toContain(CANARY);
  });

  it('the WAREHOUSE member sees the recipient on the label they print, and the print is audited', async () => {
    const ctx = await as('WAREHOUSE');
    const shipment = await systemDb().shipment.findFirstOrThrow({
      where: { organizationId: organization.id, status: 'LABELLED' },
    });
    const before = await systemDb().auditEvent.count({
      where: { organizationId: organization.id, action: 'pii.read', purpose: 'label', actorId: ctx.actor.id },
    });
    const pdf = await reprintLabel(ctx, { shipmentId: shipment.id, format: 'PDF' });
    expect(pdf.data.subarray(0, 5).toString()).toBe('%PDF-');
    const after = await systemDb().auditEvent.count({
      where: { organizationId: organization.id, action: 'pii.read', purpose: 'label', actorId: ctx.actor.id },
    });
    expect(after).toBe(before + 1);
  });
});
