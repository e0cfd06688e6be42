// Demo only: so the demo can ship, the demo organization gets the built-in TEST carrier (backed by
// the courier simulator, whose fixed public dev key is used) and a catch-all shipping rule, and
// every warehouse without a sender address gets the demo business address. Idempotent.
import { withTenant } from '../db/tenant.ts';
import { connectCarrierAccount } from '../couriers/carrier-accounts.ts';
import { createShippingRule } from '../couriers/shipping-rules.ts';
import { systemContext } from '../tenancy/tenant-context.ts';

/** The courier simulator's public dev key for the TEST carrier (tests/simulators/courier/state.ts). */
const DEMO_TEST_CARRIER_KEY = 'test-carrier-dev-key-0000000000000001';
const ACCOUNT_NAME = 'Packline Test Carrier';

export async function connectDemoCourier(organizationId: string): Promise<{ created: boolean }> {
  const ctx = systemContext(organizationId, ['integrations.manage', 'fulfilment.ship']);
  await withTenant(organizationId, (tx) =>
    tx.warehouse.updateMany({
      where: { organizationId, senderLine1: null },
      data: {
        senderName: 'Demo Merchant Ltd',
        senderLine1: 'Unit 4, Roebuck Lane',
        senderCity: 'Birmingham',
        senderPostcode: 'B66 1BY',
        senderCountryCode: 'GB',
        senderPhone: '01215002500',
      },
    }),
  );
  const existing = await withTenant(organizationId, (tx) =>
    tx.carrierAccount.findFirst({ where: { organizationId, name: ACCOUNT_NAME }, select: { id: true } }),
  );
  if (existing) return { created: false };
  const { carrierAccountId } = await connectCarrierAccount(ctx, {
    carrier: 'TEST',
    name: ACCOUNT_NAME,
    secret: { apiKey: DEMO_TEST_CARRIER_KEY },
  });
  await createShippingRule(ctx, { name: 'Everything (demo)', carrierAccountId, serviceCode: 'TEST24' });
  return { created: true };
}
