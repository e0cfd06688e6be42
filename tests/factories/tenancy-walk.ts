// One tenant with a row of every kind the app addresses by id — order (buyer in the vault), product,
// warehouse, bins, pick list, parcel, return and receipt, count task, expected delivery, member, invitation, API
// client, operator grant, data-subject request, carrier account and rule, Amazon integration and
// listing, security webhook, incident — for the two-tenant walk (tests/helpers/tenancy-walk-table.ts).
// Built through the real use cases where one exists, through the system client otherwise.
import { randomBytes } from 'node:crypto';
import { createApiClient } from '../../lib/api-clients/create-api-client.ts';
import { createBreakGlassGrant } from '../../lib/break-glass/create-break-glass-grant.ts';
import { systemDb } from '../../lib/db/system.ts';
import { scanPackItem } from '../../lib/fulfilment/pack-order.ts';
import { createInboundDelivery } from '../../lib/inventory/create-inbound-delivery.ts';
import { createCountTaskByScan } from '../../lib/inventory/scan-operations.ts';
import { inviteMember } from '../../lib/members/invite-member.ts';
import { createOperator } from '../../lib/operators/create-operator.ts';
import { openDsr } from '../../lib/privacy/dsr.ts';
import { recordIncident } from '../../lib/privacy/incidents.ts';
import { saveSecurityWebhook } from '../../lib/privacy/webhooks/security-webhook.ts';
import { createReturn } from '../../lib/returns/create-return.ts';
import { receiveReturn } from '../../lib/returns/receive-return.ts';
import { placeOrderHold } from '../../lib/privacy/order-holds.ts';
import { userContext } from '../../lib/tenancy/tenant-context.ts';
import { addMember, createOrganization, createUser, createUserWithPassword } from '../factories.ts';
import type { WalkTenant } from '../helpers/tenancy-walk-table.ts';
import { createCarrierWithRule, createPickedOrder, createShippingWarehouse } from './fulfilment.ts';
import { createTestLocation } from './inventory.ts';
import { stockBin } from './picking.ts';
import { createShippedOrder } from './returns.ts';
import { publicDns } from '../helpers/dns.ts';

export interface SeededWalkTenant extends WalkTenant {
  ownerUserId: string;
  ownerPassword: string;
  /** B's REST client (orders, members, organization, evidence, key rotation), for bearer calls. */
  apiClient: { clientId: string; clientSecret: string };
}

/** A tenant tagged `<LABEL><random hex>`: its names and codes contain the tag. */
export async function seedWalkTenant(label: string): Promise<SeededWalkTenant> {
  const tag = `${label}${randomBytes(3).toString('hex')}`.toUpperCase();
  const db = systemDb();
  const org = await createOrganization({ name: `${tag} Ltd`, slug: `${tag.toLowerCase()}-org` });
  const owner = await createUserWithPassword({
    email: `${tag.toLowerCase()}.owner@example.test`,
    name: `${tag} Owner`,
  });
  await addMember(org.id, owner.id, 'OWNER');
  const ctx = userContext({ organizationId: org.id, userId: owner.id, role: 'OWNER' });
  const member = await addMember(org.id, (await createUser({ name: `${tag} Member` })).id, 'VIEWER');

  const shipping = await createShippingWarehouse(org.id);
  const carrier = await createCarrierWithRule(ctx, { carrier: 'TEST', serviceCode: 'TEST24', priority: 1 });
  const rule = await db.shippingRule.findFirstOrThrow({ where: { carrierAccountId: carrier.id } });
  const sku = `${tag}-SKU`;
  const picked = await createPickedOrder(ctx, shipping, {
    integrationId: null,
    lines: [{ sku, quantity: 2 }],
    recipientName: `${tag} Buyer`,
  });
  const product = await db.product.findFirstOrThrow({ where: { organizationId: org.id, sku } });
  const pickList = await db.pickListOrder.findFirstOrThrow({ where: { orderId: picked.id } });
  // The first unit opens parcel 1 at the packing station; the order stays open for packing.
  await scanPackItem(ctx, { orderId: picked.id, code: sku });
  const shipment = await db.shipment.findFirstOrThrow({ where: { orderId: picked.id } });

  const quarantine = await createTestLocation(org.id, shipping.warehouseId, {
    code: `${tag}-QC`,
    type: 'QUARANTINE',
  });
  const shipped = await createShippedOrder(org.id, [{ sku, quantity: 2 }]);
  const shippedLine = await db.orderLine.findFirstOrThrow({ where: { orderId: shipped.id } });
  const rma = await createReturn(ctx, { orderLineId: shippedLine.id, quantity: 2, reason: 'DAMAGED' });
  await receiveReturn(ctx, {
    returnId: rma.id,
    disposition: 'QUARANTINE',
    quantity: 1,
    binCode: quarantine.code,
  });
  const receipt = await db.returnReceipt.findFirstOrThrow({ where: { returnId: rma.id } });
  const hold = await placeOrderHold(
    ctx,
    { orderId: shipped.id, kind: 'DISPUTE', reason: `${tag} dispute under review` },
    new Date(),
  );

  // Spare units in the pick bin (the picked ones left it), so its count task has a line.
  await stockBin(ctx, shipping.binId, product.id, 3);
  const count = await createCountTaskByScan(ctx, { binCode: shipping.binCode, blind: false });
  const countLine = await db.countTaskLine.findFirstOrThrow({ where: { countTaskId: count.id } });
  const delivery = await createInboundDelivery(ctx, {
    warehouseId: shipping.warehouseId,
    reference: `${tag}-PO`,
    supplier: `${tag} Supplies`,
    lines: [{ productId: product.id, expectedQuantity: 5 }],
  });

  const invitation = await inviteMember(
    ctx,
    { email: `${tag.toLowerCase()}.invitee@example.test`, role: 'VIEWER' },
    org.name,
  );
  const apiClient = await createApiClient(ctx, {
    name: `${tag} client`,
    permissions: [
      'orders.read',
      'orders.update',
      'members.read',
      'organization.read',
      'privacy.manage',
      'keys.rotate',
    ],
  });
  const operator = await createOperator({ email: `${tag.toLowerCase()}.operator@example.test` }, { cost: 4 });
  const grant = await createBreakGlassGrant(ctx, {
    operatorEmail: `${tag.toLowerCase()}.operator@example.test`,
    reason: `${tag} investigates a sync failure`,
    hours: 2,
    permissions: ['orders.read'],
  });
  const dsr = await openDsr(ctx, { kind: 'ACCESS', lookup: { orderId: picked.amazonOrderId } }, new Date());
  const webhook = await saveSecurityWebhook(
    ctx,
    { url: `https://hooks.example.com/${tag}`, secret: randomBytes(24).toString('hex') },
    { resolve: publicDns },
  );
  const incident = await recordIncident(
    operator.operatorId,
    {
      title: `${tag} incident`,
      scope: `${tag} scope`,
      detectedAt: new Date(Date.now() - 60_000),
      affectedOrganizationIds: [org.id],
    },
    new Date(),
  );
  const integration = await db.amazonIntegration.create({
    data: {
      organizationId: org.id,
      sellingPartnerId: `${tag}SELLER`,
      region: 'eu',
      connectMethod: 'SELF_AUTHORIZATION',
    },
  });
  const listing = await db.channelListing.create({
    data: {
      organizationId: org.id,
      integrationId: integration.id,
      marketplaceId: 'A1F83G8C2ARO7P',
      sellerSku: `${tag}-LISTING`,
      title: `${tag} listing`,
    },
  });

  return {
    tag,
    slug: org.slug,
    organizationId: org.id,
    ownerUserId: owner.id,
    ownerEmail: owner.email,
    ownerPassword: owner.password,
    orderId: picked.id,
    amazonOrderId: picked.amazonOrderId,
    orderLineId: picked.lines[0]!.id,
    shippedOrderLineId: shippedLine.id,
    piiRecordId: picked.piiRecordId,
    productId: product.id,
    sku,
    warehouseId: shipping.warehouseId,
    locationId: shipping.binId,
    binCode: shipping.binCode,
    quarantineCode: quarantine.code,
    pickListId: pickList.pickListId,
    shipmentId: shipment.id,
    returnId: rma.id,
    receiptId: receipt.id,
    countTaskId: count.id,
    countLineId: countLine.id,
    deliveryId: delivery.id,
    membershipId: member.id,
    invitationId: invitation.invitationId,
    apiClientId: apiClient.id,
    grantId: grant.grantId,
    dsrId: dsr.requestId,
    carrierAccountId: carrier.id,
    shippingRuleId: rule.id,
    integrationId: integration.id,
    listingId: listing.id,
    securityWebhookId: webhook.id,
    incidentId: incident.id,
    holdId: hold.id,
    apiClient: { clientId: apiClient.clientId, clientSecret: apiClient.clientSecret },
  };
}
