// The two-tenant walk's table (docs/decisions/0020-tenancy-walk-and-404s.md): one row per route
// handler method, per server action and per page of the app. Tenant B's owner (or B's API token)
// calls each with tenant A's ids and must be refused (404 for a tenant's organization or row),
// while A's rows stay unchanged and nothing of A comes back.
//   tests/unit/tenancy-walk-coverage.test.ts     fails when an endpoint has no row (or a row no endpoint)
//   tests/integration/tenancy-walk.integration.test.ts   walks the actions and route handlers
//   tests/e2e/tenancy-walk.spec.ts               walks the pages over HTTP (`next start`): 404s
// Adding an endpoint = adding one row here. This module imports nothing from the app: the unit
// check reads it without loading any server code.

/** What one seeded tenant holds (tests/factories/tenancy-walk.ts); every name contains `tag`. */
export interface WalkTenant {
  tag: string;
  slug: string;
  organizationId: string;
  ownerEmail: string;
  orderId: string;
  amazonOrderId: string;
  orderLineId: string;
  shippedOrderLineId: string;
  piiRecordId: string;
  productId: string;
  sku: string;
  warehouseId: string;
  locationId: string;
  binCode: string;
  quarantineCode: string;
  pickListId: string;
  shipmentId: string;
  returnId: string;
  receiptId: string;
  countTaskId: string;
  countLineId: string;
  deliveryId: string;
  membershipId: string;
  invitationId: string;
  apiClientId: string;
  grantId: string;
  dsrId: string;
  carrierAccountId: string;
  shippingRuleId: string;
  integrationId: string;
  listingId: string;
  securityWebhookId: string;
  incidentId: string;
  /** An active order hold (lib/privacy/order-holds.ts) on the shipped order. */
  holdId: string;
}

/** The error codes a refusal may carry (lib/errors). */
export type RefusalCode = 'NOT_FOUND' | 'BAD_REQUEST';

export type ActionRow =
  /**
   * B's owner, in B's organization, sends this input naming A's rows (and, where the input also
   * needs a valid row of the caller, B's own from `own`): refused with `refused` (default
   * NOT_FOUND) — or, for a lookup that may rightly answer "none", answered with `findsNothing`
   * true. B's owner in A's organization: NOT_FOUND.
   */
  | {
      foreign: (a: WalkTenant, own: WalkTenant) => unknown;
      refused?: RefusalCode;
      findsNothing?: (data: unknown) => boolean;
    }
  /** The input names no row (it creates or reads the caller's own): only "B in A's organization" applies. */
  | { noForeignIds: string }
  /** An operator console action: B's signed-in user (no operator session) sends A's ids → UNAUTHENTICATED. */
  | { operator: (a: WalkTenant) => unknown }
  /** Not tenant-scoped at all: why. */
  | { outsideTenancy: string };

export type RouteRow =
  /**
   * A route under /[org] naming a row: B's owner with A's ids in the path → 404, in B's organization
   * and in A's; B's API token in A's organization → 404.
   */
  | { foreign: (a: WalkTenant) => { params: Record<string, string>; body?: unknown } }
  /** A route under /[org] naming no row: B's owner and B's API token in A's organization → 404. */
  | { noForeignIds: string }
  /** A REST route (organization from the token): B's token, A's ids where it takes any → only B's data. */
  | { bearer: (a: WalkTenant) => { query?: Record<string, string>; body?: unknown } }
  /** A REST route naming a row in its path: B's token with A's id there → 404, A's rows unchanged. */
  | { bearerForeign: (a: WalkTenant) => { params: Record<string, string> } }
  | { outsideTenancy: string };

export type PageRow =
  /**
   * A page that shows one row: B's owner opens it with A's ids (in B's organization) → 404; with B's
   * own ids → 200 unless `ownLoads: false`; with an unknown and a malformed id → 404.
   */
  | {
      foreign: (t: WalkTenant) => { params: Record<string, string>; search?: Record<string, string> };
      ownLoads?: boolean;
    }
  /** Under /[org], addressing no row: B's owner opens it in A's organization → 404. */
  | { noForeignIds: string }
  | { outsideTenancy: string };

const ORG_LIST = 'list or form of the caller’s own organization';
const ACCOUNT = 'the signed-in user’s own account; no organization or tenant row';

export const ACTIONS: Record<string, ActionRow> = {
  // Orders
  'app/(app)/[org]/orders/[orderId]/actions.ts#revealRecipientAction': {
    foreign: (a) => ({ orderId: a.orderId, purpose: 'customer-service' }),
  },
  'app/(app)/[org]/orders/[orderId]/allocation-actions.ts#deallocateOrderAction': {
    foreign: (a) => ({ orderId: a.orderId }),
  },
  'app/(app)/[org]/orders/[orderId]/allocation-actions.ts#allocateOrderAction': {
    foreign: (a) => ({ orderId: a.orderId }),
  },
  'app/(app)/[org]/orders/[orderId]/hold-actions.ts#placeOrderHoldAction': {
    foreign: (a) => ({ orderId: a.orderId, kind: 'DISPUTE', reason: 'Walk: not my order' }),
  },
  'app/(app)/[org]/orders/[orderId]/hold-actions.ts#releaseOrderHoldAction': {
    foreign: (a) => ({ holdId: a.holdId }),
  },
  // Pick lists, packing, shipping
  'app/(app)/[org]/fulfilment/pick-lists/actions.ts#createPickListAction': {
    foreign: (a) => ({ warehouseId: a.warehouseId, kind: 'SINGLE', orderIds: [a.orderId] }),
  },
  'app/(app)/[org]/fulfilment/pick-lists/actions.ts#confirmPickAction': {
    foreign: (a) => ({
      pickListId: a.pickListId,
      locationId: a.locationId,
      productId: a.productId,
      lotId: null,
      scannedBin: a.binCode,
      scannedItem: a.sku,
      quantity: 1,
      scanId: '0196f000-0000-7000-8000-00000000abcd',
    }),
  },
  'app/(app)/[org]/fulfilment/pack/actions.ts#openPackingAction': {
    foreign: (a) => ({ code: a.amazonOrderId }),
  },
  'app/(app)/[org]/fulfilment/pack/actions.ts#scanPackAction': {
    foreign: (a) => ({ orderId: a.orderId, code: a.sku }),
  },
  'app/(app)/[org]/fulfilment/pack/actions.ts#closeParcelAction': {
    foreign: (a) => ({ orderId: a.orderId }),
  },
  'app/(app)/[org]/fulfilment/pack/actions.ts#createLabelAction': {
    foreign: (a) => ({ shipmentId: a.shipmentId }),
  },
  'app/(app)/[org]/fulfilment/pack/actions.ts#setGiftAction': {
    foreign: (a) => ({ orderId: a.orderId, hidePrices: true }),
  },
  'app/(app)/[org]/fulfilment/pack/actions.ts#dispatchAction': {
    foreign: (a) => ({ shipmentIds: [a.shipmentId] }),
  },
  'app/(app)/[org]/fulfilment/pack/actions.ts#voidShipmentAction': {
    foreign: (a) => ({ shipmentId: a.shipmentId }),
  },
  'app/(app)/[org]/fulfilment/pack/actions.ts#retryConfirmationAction': {
    foreign: (a) => ({ shipmentId: a.shipmentId }),
  },
  // Inventory
  'app/(app)/[org]/inventory/actions.ts#createProductAction': { noForeignIds: ORG_LIST },
  'app/(app)/[org]/inventory/actions.ts#createWarehouseAction': { noForeignIds: ORG_LIST },
  'app/(app)/[org]/inventory/actions.ts#createLocationAction': {
    foreign: (a) => ({ warehouseId: a.warehouseId, code: `${a.tag}-NEW`, type: 'PICK_FACE' }),
  },
  'app/(app)/[org]/inventory/actions.ts#bulkCreateLocationsAction': {
    foreign: (a) => ({ warehouseId: a.warehouseId, pattern: 'Z-01-01..Z-01-02', type: 'PICK_FACE' }),
  },
  'app/(app)/[org]/inventory/actions.ts#receiveByScanAction': {
    foreign: (a) => ({ warehouseId: a.warehouseId, binCode: a.binCode, sku: a.sku, quantity: 1 }),
  },
  'app/(app)/[org]/inventory/actions.ts#transferByScanAction': {
    foreign: (a) => ({
      warehouseId: a.warehouseId,
      fromBinCode: a.binCode,
      toBinCode: a.quarantineCode,
      sku: a.sku,
      quantity: 1,
    }),
  },
  'app/(app)/[org]/inventory/actions.ts#putAwayByScanAction': {
    foreign: (a) => ({
      warehouseId: a.warehouseId,
      fromBinCode: a.binCode,
      toBinCode: a.quarantineCode,
      sku: a.sku,
      quantity: 1,
    }),
  },
  'app/(app)/[org]/inventory/actions.ts#quarantineByScanAction': {
    foreign: (a) => ({
      warehouseId: a.warehouseId,
      fromBinCode: a.binCode,
      toBinCode: a.quarantineCode,
      sku: a.sku,
      quantity: 1,
    }),
  },
  'app/(app)/[org]/inventory/actions.ts#releaseByScanAction': {
    foreign: (a) => ({
      warehouseId: a.warehouseId,
      fromBinCode: a.quarantineCode,
      toBinCode: a.binCode,
      sku: a.sku,
      quantity: 1,
    }),
  },
  'app/(app)/[org]/inventory/actions.ts#adjustByScanAction': {
    foreign: (a) => ({
      warehouseId: a.warehouseId,
      binCode: a.binCode,
      sku: a.sku,
      delta: -1,
      reasonCode: 'LOST',
    }),
  },
  'app/(app)/[org]/inventory/actions.ts#scrapByScanAction': {
    foreign: (a) => ({
      warehouseId: a.warehouseId,
      binCode: a.binCode,
      sku: a.sku,
      quantity: 1,
      reasonCode: 'DAMAGED',
    }),
  },
  'app/(app)/[org]/inventory/actions.ts#createInboundDeliveryAction': {
    foreign: (a) => ({
      warehouseId: a.warehouseId,
      reference: `${a.tag}-PO-2`,
      lines: [{ sku: a.sku, expectedQuantity: 1 }],
    }),
  },
  'app/(app)/[org]/inventory/actions.ts#closeInboundDeliveryAction': {
    foreign: (a) => ({ deliveryId: a.deliveryId }),
  },
  'app/(app)/[org]/inventory/actions.ts#updateProductAction': {
    foreign: (a) => ({ productId: a.productId, name: `${a.tag} renamed` }),
  },
  'app/(app)/[org]/inventory/actions.ts#updateWarehouseAction': {
    foreign: (a) => ({ warehouseId: a.warehouseId, name: `${a.tag} renamed`, priority: 1 }),
  },
  'app/(app)/[org]/inventory/actions.ts#updateLocationAction': {
    foreign: (a) => ({ locationId: a.locationId, type: 'QUARANTINE' }),
  },
  'app/(app)/[org]/inventory/actions.ts#createCountTaskAction': {
    foreign: (a) => ({ warehouseId: a.warehouseId, binCode: a.binCode }),
  },
  'app/(app)/[org]/inventory/actions.ts#submitCountAction': {
    foreign: (a) => ({ countTaskId: a.countTaskId, lines: [{ lineId: a.countLineId, countedQuantity: 0 }] }),
  },
  'app/(app)/[org]/inventory/actions.ts#reviewCountAction': {
    foreign: (a) => ({ countTaskId: a.countTaskId, decision: 'REJECT' }),
  },
  'app/(app)/[org]/inventory/listings/actions.ts#mapListingAction': {
    foreign: (a) => ({ listingId: a.listingId, productCode: a.sku }),
  },
  'app/(app)/[org]/inventory/listings/actions.ts#pushListingNowAction': {
    foreign: (a) => ({ listingId: a.listingId }),
  },
  'app/(app)/[org]/inventory/listings/actions.ts#importListingsAction': {
    foreign: (a) => ({ integrationId: a.integrationId }),
  },
  // Returns
  'app/(app)/[org]/returns/actions.ts#createReturnAction': {
    foreign: (a) => ({ orderLineId: a.shippedOrderLineId, quantity: 1, reason: 'DAMAGED' }),
  },
  'app/(app)/[org]/returns/actions.ts#receiveReturnAction': {
    foreign: (a) => ({
      returnId: a.returnId,
      disposition: 'QUARANTINE',
      quantity: 1,
      binCode: a.quarantineCode,
    }),
  },
  'app/(app)/[org]/returns/actions.ts#releaseReturnAction': {
    foreign: (a) => ({ receiptId: a.receiptId, binCode: a.binCode, quantity: 1 }),
  },
  'app/(app)/[org]/returns/actions.ts#recordRefundAction': {
    foreign: (a) => ({ returnId: a.returnId, amount: '1.00', currency: 'GBP', reason: 'walk' }),
  },
  'app/(app)/[org]/returns/actions.ts#closeReturnAction': { foreign: (a) => ({ returnId: a.returnId }) },
  // Integrations
  'app/(app)/[org]/integrations/actions.ts#startAmazonConsentAction': { noForeignIds: ORG_LIST },
  'app/(app)/[org]/integrations/actions.ts#connectAmazonSelfAuthorizedAction': { noForeignIds: ORG_LIST },
  'app/(app)/[org]/integrations/actions.ts#updateAmazonSettingsAction': {
    foreign: (a) => ({ integrationId: a.integrationId, syncIntervalMinutes: 30 }),
  },
  'app/(app)/[org]/integrations/actions.ts#syncAmazonNowAction': {
    foreign: (a) => ({ integrationId: a.integrationId }),
  },
  'app/(app)/[org]/integrations/actions.ts#disconnectAmazonAction': {
    foreign: (a) => ({ integrationId: a.integrationId }),
  },
  // Shipping settings
  'app/(app)/[org]/shipping-settings/actions.ts#connectCarrierAccountAction': { noForeignIds: ORG_LIST },
  'app/(app)/[org]/shipping-settings/actions.ts#testCarrierConnectionAction': {
    foreign: (a) => ({ carrierAccountId: a.carrierAccountId }),
  },
  'app/(app)/[org]/shipping-settings/actions.ts#setCarrierAccountEnabledAction': {
    foreign: (a) => ({ carrierAccountId: a.carrierAccountId, enabled: false }),
  },
  'app/(app)/[org]/shipping-settings/actions.ts#deleteCarrierAccountAction': {
    foreign: (a) => ({ carrierAccountId: a.carrierAccountId }),
  },
  // A rule may only point at the organization's own carrier account (same answer as an unknown id).
  'app/(app)/[org]/shipping-settings/actions.ts#createShippingRuleAction': {
    foreign: (a) => ({
      fields: { name: 'walk rule', carrierAccountId: a.carrierAccountId, serviceCode: 'TEST24' },
    }),
    refused: 'BAD_REQUEST',
  },
  'app/(app)/[org]/shipping-settings/actions.ts#updateShippingRuleAction': {
    foreign: (a, own) => ({
      ruleId: a.shippingRuleId,
      fields: { name: 'renamed', carrierAccountId: own.carrierAccountId, serviceCode: 'TEST24' },
    }),
  },
  'app/(app)/[org]/shipping-settings/actions.ts#deleteShippingRuleAction': {
    foreign: (a) => ({ ruleId: a.shippingRuleId }),
  },
  'app/(app)/[org]/shipping-settings/actions.ts#moveShippingRuleAction': {
    foreign: (a) => ({ ruleId: a.shippingRuleId, direction: 'down' }),
  },
  'app/(app)/[org]/shipping-settings/actions.ts#previewCarrierServiceAction': { noForeignIds: ORG_LIST },
  'app/(app)/[org]/shipping-settings/actions.ts#setWarehouseSenderAction': {
    foreign: (a) => ({
      warehouseId: a.warehouseId,
      senderName: 'Mallory',
      senderLine1: '1 Elsewhere',
      senderCity: 'Leeds',
      senderPostcode: 'LS1 1AA',
      senderCountryCode: 'GB',
    }),
  },
  // Members, API clients, operator access
  'app/(app)/[org]/members/actions.ts#inviteMemberAction': { noForeignIds: ORG_LIST },
  'app/(app)/[org]/members/actions.ts#changeMemberRoleAction': {
    foreign: (a) => ({ membershipId: a.membershipId, role: 'OWNER' }),
  },
  'app/(app)/[org]/members/actions.ts#setMemberDisabledAction': {
    foreign: (a) => ({ membershipId: a.membershipId, disabled: true }),
  },
  'app/(app)/[org]/members/actions.ts#removeMemberAction': {
    foreign: (a) => ({ membershipId: a.membershipId }),
  },
  'app/(app)/[org]/members/actions.ts#revokeInvitationAction': {
    foreign: (a) => ({ invitationId: a.invitationId }),
  },
  'app/(app)/[org]/members/actions.ts#leaveOrganizationAction': {
    noForeignIds: 'leaves the caller’s organization',
  },
  'app/(app)/[org]/api-clients/actions.ts#createApiClientAction': { noForeignIds: ORG_LIST },
  'app/(app)/[org]/api-clients/actions.ts#revokeApiClientAction': {
    foreign: (a) => ({ apiClientId: a.apiClientId }),
  },
  'app/(app)/[org]/operator-access/actions.ts#createBreakGlassGrantAction': { noForeignIds: ORG_LIST },
  'app/(app)/[org]/operator-access/actions.ts#revokeBreakGlassGrantAction': {
    foreign: (a) => ({ grantId: a.grantId }),
  },
  // Audit, privacy, security
  'app/(app)/[org]/audit/actions.ts#exportAuditCsvAction': { noForeignIds: ORG_LIST },
  'app/(app)/[org]/privacy/actions.ts#updateRetentionPolicyAction': { noForeignIds: ORG_LIST },
  'app/(app)/[org]/privacy/actions.ts#runRetentionNowAction': { noForeignIds: ORG_LIST },
  'app/(app)/[org]/privacy/actions.ts#exportComplianceEvidenceAction': { noForeignIds: ORG_LIST },
  'app/(app)/[org]/privacy/actions.ts#reviewMemberAccessAction': {
    foreign: (a) => ({ membershipId: a.membershipId }),
  },
  // A request about A's buyer, opened by B, finds none of A's records (a valid "we hold nothing").
  'app/(app)/[org]/privacy/requests/actions.ts#openDsrAction': {
    foreign: (a) => ({ kind: 'ERASURE', lookup: { orderId: a.amazonOrderId } }),
    findsNothing: (data) => (data as { records: number }).records === 0,
  },
  'app/(app)/[org]/privacy/requests/actions.ts#exportDsrAction': { foreign: (a) => ({ requestId: a.dsrId }) },
  'app/(app)/[org]/privacy/requests/actions.ts#rectifyDsrAction': {
    foreign: (a) => ({ requestId: a.dsrId, recordId: a.piiRecordId, changes: { city: 'walk' } }),
  },
  'app/(app)/[org]/privacy/termination/actions.ts#requestTerminationAction': { noForeignIds: ORG_LIST },
  'app/(app)/[org]/privacy/termination/actions.ts#cancelTerminationAction': { noForeignIds: ORG_LIST },
  'app/(app)/[org]/orders/[orderId]/deletion-actions.ts#deleteOrderAction': {
    foreign: (a) => ({ orderId: a.orderId }),
  },
  'app/(app)/[org]/orders/[orderId]/deletion-actions.ts#restoreOrderAction': {
    foreign: (a) => ({ orderId: a.orderId }),
  },
  'app/account/actions.ts#submitDeleteAccount': { outsideTenancy: ACCOUNT },
  'app/(app)/[org]/privacy/requests/actions.ts#eraseDsrAction': { foreign: (a) => ({ requestId: a.dsrId }) },
  'app/(app)/[org]/privacy/requests/actions.ts#setDsrRestrictionAction': {
    foreign: (a) => ({ requestId: a.dsrId, restricted: true }),
  },
  'app/(app)/[org]/security/actions.ts#updateSecuritySettingsAction': { noForeignIds: ORG_LIST },
  'app/(app)/[org]/security/actions.ts#rotateDataKeyAction': { noForeignIds: ORG_LIST },
  'app/(app)/[org]/security/webhook-actions.ts#saveSecurityWebhookAction': { noForeignIds: ORG_LIST },
  'app/(app)/[org]/security/webhook-actions.ts#removeSecurityWebhookAction': { noForeignIds: ORG_LIST },
  'app/(app)/[org]/security/webhook-actions.ts#plantPiiCanaryAction': { noForeignIds: ORG_LIST },
  // Operator console
  'app/operator/actions.ts#suspendOrganizationAction': {
    operator: (a) => ({ organizationId: a.organizationId, suspended: true, reason: 'walk: not an operator' }),
  },
  'app/operator/actions.ts#recordIncidentAction': {
    operator: (a) => ({
      title: 'walk',
      scope: 'walk scope',
      detectedAt: new Date(0).toISOString(),
      affectedOrganizationIds: [a.organizationId],
    }),
  },
  'app/operator/actions.ts#recordIncidentMilestoneAction': {
    operator: (a) => ({ incidentId: a.incidentId, milestone: 'CONTAINED', at: new Date(0).toISOString() }),
  },
  'app/operator/actions.ts#addIncidentNoteAction': {
    operator: (a) => ({ incidentId: a.incidentId, entry: 'walk' }),
  },
  'app/operator/actions.ts#closeIncidentAction': {
    operator: (a) => ({ incidentId: a.incidentId, review: 'walk review text' }),
  },
  'app/operator/actions.ts#operatorSignInAction': { outsideTenancy: 'operator sign-in (password + TOTP)' },
  'app/operator/actions.ts#operatorSignOutAction': { outsideTenancy: 'clears the operator’s own cookie' },
  // Accounts and invitations
  'app/(auth)/sign-up/actions.ts#submitSignUp': { outsideTenancy: 'creates a new user and organization' },
  'app/(auth)/reset-password/actions.ts#submitResetRequest': {
    outsideTenancy: 'by email; answers the same either way',
  },
  'app/(auth)/reset-password/actions.ts#submitNewPassword': {
    outsideTenancy: 'the reset token is the secret',
  },
  'app/(auth)/verify-email/actions.ts#submitVerifyEmail': {
    outsideTenancy: 'the signed link token (bound to user and address) is the secret; no id is accepted',
  },
  'app/(auth)/verify-email/actions.ts#submitResendVerification': { outsideTenancy: ACCOUNT },
  'app/(auth)/sign-in/mfa/actions.ts#submitMfaChallenge': {
    outsideTenancy: 'the pending-MFA session’s own user',
  },
  'app/account/security/actions.ts#submitChangePassword': { outsideTenancy: ACCOUNT },
  'app/account/security/actions.ts#submitStartMfa': { outsideTenancy: ACCOUNT },
  'app/account/security/actions.ts#submitConfirmMfa': { outsideTenancy: ACCOUNT },
  'app/account/security/actions.ts#submitDisableMfa': { outsideTenancy: ACCOUNT },
  'app/account/security/actions.ts#submitRegenerateCodes': { outsideTenancy: ACCOUNT },
  'app/account/security/actions.ts#submitSignOutEverywhere': { outsideTenancy: ACCOUNT },
  'app/account/security/actions.ts#submitReauthenticate': { outsideTenancy: ACCOUNT },
  'app/invitations/accept/actions.ts#previewInvitationAction': {
    outsideTenancy: 'the invitation token (256-bit, hashed at rest) is the secret; no id is accepted',
  },
  'app/invitations/accept/actions.ts#acceptInvitationAction': {
    outsideTenancy: 'the token is the secret and the signed-in email must match (lib/members)',
  },
};

export const ROUTES: Record<string, RouteRow> = {
  'app/(app)/[org]/orders/export/route.ts#GET': { noForeignIds: ORG_LIST },
  'app/(app)/[org]/fulfilment/pack/[orderId]/packing-slip/route.ts#GET': {
    foreign: (a) => ({ params: { orderId: a.orderId } }),
  },
  'app/(app)/[org]/fulfilment/pack/[orderId]/packing-slip/route.ts#POST': {
    foreign: (a) => ({ params: { orderId: a.orderId }, body: { reason: 'walk: override' } }),
  },
  'app/(app)/[org]/fulfilment/pick-lists/[id]/pdf/route.ts#GET': {
    foreign: (a) => ({ params: { id: a.pickListId } }),
  },
  'app/(app)/[org]/fulfilment/shipments/[shipmentId]/label/route.ts#GET': {
    foreign: (a) => ({ params: { shipmentId: a.shipmentId } }),
  },
  'app/(app)/[org]/fulfilment/shipments/[shipmentId]/label/route.ts#POST': {
    foreign: (a) => ({ params: { shipmentId: a.shipmentId }, body: { reason: 'walk: override' } }),
  },
  'app/api/v1/orders/export/route.ts#GET': { bearer: (a) => ({ query: { q: a.amazonOrderId } }) },
  'app/api/v1/orders/[id]/route.ts#DELETE': { bearerForeign: (a) => ({ params: { id: a.orderId } }) },
  'app/api/v1/orders/[id]/restore/route.ts#POST': { bearerForeign: (a) => ({ params: { id: a.orderId } }) },
  'app/account/data/route.ts#GET': { outsideTenancy: ACCOUNT },
  'app/api/v1/members/route.ts#GET': { bearer: () => ({}) },
  'app/api/v1/organization/route.ts#GET': { bearer: () => ({}) },
  'app/api/v1/compliance/evidence/route.ts#GET': { bearer: () => ({}) },
  'app/api/v1/keys/rotate/route.ts#POST': { bearer: () => ({ body: { purpose: 'buyer-pii' } }) },
  'app/api/health/route.ts#GET': { outsideTenancy: 'statuses and timings only' },
  'app/api/auth/[...nextauth]/route.ts#GET': { outsideTenancy: 'next-auth: authentication itself' },
  'app/api/auth/[...nextauth]/route.ts#POST': { outsideTenancy: 'next-auth: authentication itself' },
  'app/.well-known/jwks.json/route.ts#GET': { outsideTenancy: 'public keys' },
  'app/api/v1/auth/token/route.ts#POST': {
    outsideTenancy: 'the client secret / refresh token is the credential',
  },
  'app/api/integrations/amazon/callback/route.ts#GET': {
    outsideTenancy:
      'checks the signed state only and redirects to the organization’s callback page (walked as a page)',
  },
};

export const PAGES: Record<string, PageRow> = {
  '/[org]/[...section]': { foreign: () => ({ params: { section: 'no-such-section' } }), ownLoads: false },
  '/[org]/orders/[orderId]': { foreign: (t) => ({ params: { orderId: t.orderId } }) },
  '/[org]/fulfilment/pick-lists/[id]': { foreign: (t) => ({ params: { id: t.pickListId } }) },
  '/[org]/fulfilment/pick-lists/[id]/pick': { foreign: (t) => ({ params: { id: t.pickListId } }) },
  '/[org]/fulfilment/pick-lists/[id]/print': { foreign: (t) => ({ params: { id: t.pickListId } }) },
  '/[org]/inventory/counts/[countTaskId]': { foreign: (t) => ({ params: { countTaskId: t.countTaskId } }) },
  '/[org]/inventory/deliveries/[deliveryId]': {
    foreign: (t) => ({ params: { deliveryId: t.deliveryId } }),
  },
  '/[org]/inventory/locations/[locationId]': { foreign: (t) => ({ params: { locationId: t.locationId } }) },
  '/[org]/inventory/products/[productId]': { foreign: (t) => ({ params: { productId: t.productId } }) },
  '/[org]/inventory/warehouses/[warehouseId]': {
    foreign: (t) => ({ params: { warehouseId: t.warehouseId } }),
  },
  '/[org]/inventory/warehouses/[warehouseId]/labels': {
    foreign: (t) => ({ params: { warehouseId: t.warehouseId } }),
  },
  '/[org]/returns/[returnId]': { foreign: (t) => ({ params: { returnId: t.returnId } }) },
  '/[org]/returns/new': { foreign: (t) => ({ params: {}, search: { orderId: t.orderId } }) },
  '/[org]': { noForeignIds: 'dashboard' },
  '/[org]/api-clients': { noForeignIds: ORG_LIST },
  '/[org]/audit': { noForeignIds: ORG_LIST },
  '/[org]/forbidden': { noForeignIds: 'the “not allowed” page' },
  '/[org]/fulfilment': { noForeignIds: ORG_LIST },
  '/[org]/fulfilment/pack': { noForeignIds: ORG_LIST },
  '/[org]/fulfilment/pick-lists': { noForeignIds: ORG_LIST },
  '/[org]/fulfilment/pick-lists/new': { noForeignIds: ORG_LIST },
  '/[org]/fulfilment/shipments': { noForeignIds: ORG_LIST },
  '/[org]/integrations': { noForeignIds: ORG_LIST },
  '/[org]/integrations/amazon-callback': { noForeignIds: 'the signed OAuth state names the organization' },
  '/[org]/inventory': { noForeignIds: ORG_LIST },
  '/[org]/inventory/backorders': { noForeignIds: ORG_LIST },
  '/[org]/inventory/deliveries': { noForeignIds: ORG_LIST },
  '/[org]/inventory/counts': { noForeignIds: ORG_LIST },
  '/[org]/inventory/ledger': { noForeignIds: ORG_LIST },
  '/[org]/inventory/listings': { noForeignIds: ORG_LIST },
  '/[org]/inventory/products': { noForeignIds: ORG_LIST },
  '/[org]/inventory/putaway': { noForeignIds: ORG_LIST },
  '/[org]/inventory/quarantine': { noForeignIds: ORG_LIST },
  '/[org]/inventory/receive': { noForeignIds: ORG_LIST },
  '/[org]/inventory/transfer': { noForeignIds: ORG_LIST },
  '/[org]/inventory/warehouses': { noForeignIds: ORG_LIST },
  '/[org]/members': { noForeignIds: ORG_LIST },
  '/[org]/operator-access': { noForeignIds: ORG_LIST },
  '/[org]/orders': { noForeignIds: ORG_LIST },
  '/[org]/privacy': { noForeignIds: ORG_LIST },
  '/[org]/privacy/evidence': { noForeignIds: ORG_LIST },
  '/[org]/privacy/requests': { noForeignIds: ORG_LIST },
  '/[org]/returns': { noForeignIds: ORG_LIST },
  '/[org]/security': { noForeignIds: ORG_LIST },
  '/[org]/security/events': { noForeignIds: ORG_LIST },
  '/[org]/security/incidents': { noForeignIds: ORG_LIST },
  '/[org]/shipping-settings': { noForeignIds: ORG_LIST },
  '/operator/incidents/[incidentId]': {
    outsideTenancy:
      'operator console (no tenant session reaches it); its 404 for an unknown id is in tests/e2e/operator.spec.ts',
  },
  '/': { outsideTenancy: 'landing: redirects to the caller’s organization' },
  '/sign-in': { outsideTenancy: 'authentication' },
  '/sign-in/continue': { outsideTenancy: 'authentication' },
  '/sign-in/mfa': { outsideTenancy: 'authentication' },
  '/sign-up': { outsideTenancy: 'authentication' },
  '/reset-password': { outsideTenancy: 'authentication' },
  '/verify-email': { outsideTenancy: 'authentication' },
  '/account/security': { outsideTenancy: ACCOUNT },
  '/account': { outsideTenancy: ACCOUNT },
  '/[org]/privacy/termination': { noForeignIds: ORG_LIST },
  '/invitations/accept': { outsideTenancy: 'the token in the URL fragment is the secret' },
  '/suspended': { outsideTenancy: 'static notice' },
  '/dev/outbox': { outsideTenancy: 'development-only mail outbox' },
  '/operator': { outsideTenancy: 'operator console: organization names only' },
  '/operator/evidence': { outsideTenancy: 'operator console' },
  '/operator/incidents': { outsideTenancy: 'operator console' },
  '/operator/security-events': { outsideTenancy: 'operator console' },
  '/operator/sign-in': { outsideTenancy: 'operator authentication' },
};
