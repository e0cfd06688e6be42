// The REAL amazon-sp-api client (1.2.1), built by createSpClient, talking to the in-process SP-API
// simulator through the transport agent: Amazon hostnames, strict TLS against the dev CA.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { statusAt, type SimOrder } from '../../../tests/simulators/amazon/generator.ts';
import {
  DEV_APP,
  DEV_SELLER,
  startAmazonSimulator,
  type AmazonSimulator,
} from '../../../tests/simulators/amazon/server.ts';
import { wire } from '../../../tests/simulators/amazon/test-client.ts';
import { createSpClient, createSpLwaClient, type SpClientConfig } from './create-sp-client.ts';
import { SpApiSimulatorAgent } from './sp-api-transport.ts';

const START = Date.parse('2026-03-02T12:00:00Z');
const DAY = 24 * 3600_000;
const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';
const since = new Date(START - 8 * DAY).toISOString();

let sim: AmazonSimulator;
let agent: SpApiSimulatorAgent;
let refreshToken: string;

beforeAll(async () => {
  sim = await startAmazonSimulator({
    clock: { start: START, speed: 0 },
    orders: [{ seed: 'client-test', count: 150 }],
    orderItemsPageSize: 2,
  });
  agent = new SpApiSimulatorAgent({ host: '127.0.0.1', port: sim.port, ca: sim.ca });
  refreshToken = sim.registry.authorize(DEV_APP.clientId, DEV_SELLER.sellingPartnerId);
});
afterAll(async () => {
  agent.destroy();
  await sim.close();
});
beforeEach(() => sim.reset());

const lwa = { clientId: DEV_APP.clientId, clientSecret: DEV_APP.clientSecret };
const client = (over: Partial<SpClientConfig> = {}) =>
  createSpClient({ region: 'na', refreshToken, lwa, agent, ...over });

async function failure(
  promise: Promise<unknown>,
): Promise<{ code?: string; message?: string; details?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; message?: string; details?: string };
  }
  throw new Error('expected the call to fail');
}

function unshippedMfn(pred: (o: SimOrder) => boolean = () => true): SimOrder[] {
  return sim.orders
    .list(DEV_SELLER.sellingPartnerId)
    .filter(
      (o) =>
        o.purchaseDate <= sim.clock.now() &&
        o.fulfillmentChannel === 'MFN' &&
        statusAt(o, sim.clock.now()) === 'Unshipped' &&
        pred(o),
    );
}

type V0Order = {
  AmazonOrderId: string;
  OrderStatus: string;
  ShippingAddress?: Record<string, string>;
  BuyerInfo?: Record<string, string>;
};

describe('createSpClient (real amazon-sp-api through the simulator)', () => {
  it('LWA refresh grant → getOrders paging with NextToken → getOrderItems paging', async () => {
    const sp = client();
    const ids: string[] = [];
    let next: string | undefined;
    do {
      const page = (await sp.callAPI({
        operation: 'orders.getOrders',
        query: next
          ? { MarketplaceIds: [US, CA], NextToken: next }
          : { MarketplaceIds: [US, CA], CreatedAfter: since, MaxResultsPerPage: 40 },
      })) as { Orders: V0Order[]; NextToken?: string };
      ids.push(...page.Orders.map((o) => o.AmazonOrderId));
      next = page.NextToken;
    } while (next);
    const expected = sim.orders
      .list(DEV_SELLER.sellingPartnerId)
      .filter((o) => o.purchaseDate <= sim.clock.now() - 2 * 60_000);
    expect(ids.sort()).toEqual(expected.map((o) => o.amazonOrderId).sort());
    expect(sp.access_token).toMatch(/^Atza\|/);

    const lwaCalls = sim.calls.log.filter((c) => c.operation === 'lwa.token');
    expect(lwaCalls).toHaveLength(1); // one refresh, token reused for every page
    expect(lwaCalls[0]).toMatchObject({ grantType: 'refresh_token', status: 200, sni: 'api.amazon.com' });
    const first = sim.calls.log.find((c) => c.operation === 'orders.getOrders')!;
    expect(first).toMatchObject({
      host: 'sellingpartnerapi-na.amazon.com',
      sni: 'sellingpartnerapi-na.amazon.com',
      tokenKind: 'lwa',
    });
    expect(first.query).toContain('MarketplaceIds=ATVPDKIKX0DER%2CA2EUQ1WTGCTBG2');

    const multi = unshippedMfn((o) => o.items.length >= 3)[0]!;
    const items: string[] = [];
    next = undefined;
    do {
      const page = (await sp.callAPI({
        operation: 'orders.getOrderItems',
        path: { orderId: multi.amazonOrderId },
        ...(next ? { query: { NextToken: next } } : {}),
      })) as { OrderItems: { OrderItemId: string }[]; NextToken?: string };
      items.push(...page.OrderItems.map((i) => i.OrderItemId));
      next = page.NextToken;
    } while (next);
    expect(items).toEqual(multi.items.map((i) => i.orderItemId));
  });

  it('one RDT for getOrders with buyerInfo + shippingAddress over a batch of ids returns PII; without it, none', async () => {
    const sp = client();
    const batch = unshippedMfn().slice(0, 20);
    const { restrictedDataToken } = (await sp.callAPI({
      operation: 'tokens.createRestrictedDataToken',
      body: {
        restrictedResources: [
          { method: 'GET', path: '/orders/v0/orders', dataElements: ['buyerInfo', 'shippingAddress'] },
        ],
      },
    })) as { restrictedDataToken: string };
    expect(restrictedDataToken).toMatch(/^Atz\.sprdt\|/);
    const query = {
      MarketplaceIds: [US, CA],
      CreatedAfter: since,
      AmazonOrderIds: batch.map((o) => o.amazonOrderId),
    };
    const withPii = (await sp.callAPI({
      operation: 'orders.getOrders',
      query,
      restricted_data_token: restrictedDataToken,
    })) as {
      Orders: V0Order[];
    };
    expect(withPii.Orders).toHaveLength(batch.length);
    for (const o of withPii.Orders) {
      const s = sim.orders.get(o.AmazonOrderId)!;
      expect(o.ShippingAddress?.Name).toBe(s.address.Name);
      expect(o.BuyerInfo?.BuyerEmail).toBe(s.buyer.BuyerEmail);
    }
    expect(sim.calls.log.at(-1)).toMatchObject({
      operation: 'orders.getOrders',
      tokenKind: 'rdt',
      status: 200,
    });

    const without = (await sp.callAPI({ operation: 'orders.getOrders', query })) as { Orders: V0Order[] };
    expect(without.Orders).toHaveLength(batch.length);
    expect(JSON.stringify(without)).not.toContain('CANARY');
    for (const o of without.Orders) {
      expect(o.ShippingAddress?.Name).toBeUndefined();
      expect(o.BuyerInfo).toEqual({});
    }

    // Missing roles surface as the package's CustomError with Amazon's message.
    sim.registry.setRestrictedRoles(DEV_APP.clientId, ['buyerInfo']);
    try {
      const e = await failure(
        sp.callAPI({
          operation: 'tokens.createRestrictedDataToken',
          body: {
            restrictedResources: [
              { method: 'GET', path: '/orders/v0/orders', dataElements: ['shippingAddress'] },
            ],
          },
        }),
      );
      expect(e).toMatchObject({
        code: 'InvalidInput',
        message: 'Application does not have access to one or more requested data elements: [shippingAddress]',
      });
    } finally {
      sim.registry.setRestrictedRoles(DEV_APP.clientId, ['buyerInfo', 'shippingAddress']);
    }
  });

  it('expired access token → 403; the package refreshes once and retries; without auto tokens the 403 surfaces', async () => {
    const sp = client();
    const id = unshippedMfn()[0]!.amazonOrderId;
    await sp.callAPI({ operation: 'orders.getOrder', path: { orderId: id } });
    const oldToken = sp.access_token;
    sim.clock.advance(3600_000);
    sim.calls.clear();
    const order = (await sp.callAPI({ operation: 'orders.getOrder', path: { orderId: id } })) as V0Order;
    expect(order.AmazonOrderId).toBe(id);
    expect(sp.access_token).not.toBe(oldToken);
    expect(sim.calls.log.map((c) => `${c.operation}:${c.status}`)).toEqual([
      'orders.getOrder:403',
      'lwa.token:200',
      'orders.getOrder:200',
    ]);

    const manual = client({ accessToken: sp.access_token, autoRequestTokens: false });
    sim.clock.advance(3600_000);
    const e = await failure(manual.callAPI({ operation: 'orders.getOrder', path: { orderId: id } }));
    expect(e).toMatchObject({
      code: 'Unauthorized',
      message: 'Access to requested resource is denied.',
      details: 'The access token you provided has expired.',
    });
    // A token cached outside the instance is used as is: no LWA call.
    expect(sim.calls.log.filter((c) => c.operation === 'lwa.token')).toHaveLength(1);
  });

  it('rate limit: 429 QuotaExceeded after the burst reaches the caller (package retry off)', async () => {
    const sp = client();
    const query = { MarketplaceIds: [US], CreatedAfter: since, MaxResultsPerPage: 1 };
    for (let i = 0; i < 20; i++) await sp.callAPI({ operation: 'orders.getOrders', query });
    const e = await failure(sp.callAPI({ operation: 'orders.getOrders', query }));
    expect(e).toMatchObject({
      code: 'QuotaExceeded',
      message: 'You exceeded your quota for the requested resource.',
    });
    expect(sim.calls.count('orders.getOrders')).toBe(21); // no hidden retries
  });

  it("the package's own 429 retry (auto_request_throttled) loops until a token is free: bounded only by the bucket", async () => {
    const sp = client({ autoRetryThrottled: true });
    const id = unshippedMfn()[0]!.amazonOrderId;
    sim.rateLimits.setPlan('orders.getOrder', { rate: 0.5, burst: 1 });
    sim.clock.setSpeed(50); // 1 token per 2 simulated s = 40 ms real
    try {
      await sp.callAPI({ operation: 'orders.getOrder', path: { orderId: id } });
      // restore_rate override keeps the package's wait short (its default here is 2 s).
      await sp.callAPI({
        operation: 'orders.getOrder',
        path: { orderId: id },
        options: { restore_rate: 0.01 },
      });
    } finally {
      sim.clock.setSpeed(0);
    }
    const statuses = sim.calls.log.filter((c) => c.operation === 'orders.getOrder').map((c) => c.status);
    expect(statuses[0]).toBe(200);
    expect(statuses.at(-1)).toBe(200);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0); // retried by the package, with no cap
  });

  it('confirmShipment: validation errors as CustomError, success as {success:true}, order state updated', async () => {
    sim.rateLimits.setEnabled(false);
    const sp = client();
    const order = unshippedMfn()[0]!;
    const body = (pkg: Record<string, unknown> = {}) => ({
      marketplaceId: order.marketplaceId,
      packageDetail: {
        packageReferenceId: '1',
        carrierCode: 'UPS',
        trackingNumber: '1Z999AA10123456784',
        shipDate: new Date(START).toISOString(),
        orderItems: order.items.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantityOrdered })),
        ...pkg,
      },
    });
    const call = (b: unknown) =>
      sp.callAPI({
        operation: 'orders.confirmShipment',
        path: { orderId: order.amazonOrderId },
        body: b as never,
      });
    expect(await failure(call(body({ packageReferenceId: 'A1' })))).toMatchObject({
      code: 'InvalidInput',
      message: 'PackageReferenceId: is invalid, must be a positive numeric value.',
    });
    expect(
      await failure(call(body({ orderItems: [{ orderItemId: '99999999999999', quantity: 1 }] }))),
    ).toMatchObject({
      code: 'InvalidInput',
      message:
        'OrderItemId is invalid, please obtain the value through the getOrderItems API or Manage Orders page',
    });
    expect((await failure(call(body({ carrierCode: 'Other' })))).message).toContain('carrierName');
    expect(await call(body())).toEqual({ success: true });
    const after = (await sp.callAPI({
      operation: 'orders.getOrder',
      path: { orderId: order.amazonOrderId },
    })) as V0Order;
    expect(after.OrderStatus).toBe('Shipped');
    expect((await failure(call(body({ packageReferenceId: '2' })))).message).toContain('Shipped');
  });

  it('Orders 2026-01-01: searchOrders / getOrder with includedData; PII only with the role', async () => {
    const sp = client({ ordersVersion: '2026-01-01' });
    const page = (await sp.callAPI({
      operation: 'orders.searchOrders',
      query: {
        createdAfter: since,
        includedData: ['BUYER', 'RECIPIENT', 'FULFILLMENT'],
        fulfillmentStatuses: ['UNSHIPPED'],
        fulfilledBy: ['MERCHANT'],
        maxResultsPerPage: 3,
      },
    })) as {
      orders: {
        orderId: string;
        buyer?: { buyerName: string };
        recipient?: { deliveryAddress: Record<string, string> };
      }[];
      pagination?: { nextToken: string };
    };
    expect(page.orders).toHaveLength(3);
    expect(page.pagination?.nextToken).toBeTruthy();
    const o = page.orders[0]!;
    const s = sim.orders.get(o.orderId)!;
    expect(o.buyer?.buyerName).toBe(s.buyer.BuyerName);
    expect(o.recipient?.deliveryAddress.name).toBe(s.address.Name);
    expect(sim.calls.log.at(-1)).toMatchObject({
      operation: 'orders2026.searchOrders',
      path: '/orders/2026-01-01/orders',
    });

    sim.registry.setRestrictedRoles(DEV_APP.clientId, []);
    try {
      const one = (await sp.callAPI({
        operation: 'orders.getOrder',
        path: { orderId: o.orderId },
        query: { includedData: ['BUYER', 'RECIPIENT'] },
      })) as {
        order: { buyer?: unknown; recipient: { deliveryAddress: Record<string, string> } };
      };
      expect(sim.calls.log.at(-1)!.operation).toBe('orders2026.getOrder');
      expect(one.order.buyer).toBeUndefined();
      expect(one.order.recipient.deliveryAddress.name).toBeUndefined();
      expect(JSON.stringify(one)).not.toContain('CANARY');
    } finally {
      sim.registry.setRestrictedRoles(DEV_APP.clientId, ['buyerInfo', 'shippingAddress']);
    }
  });

  it('faults: 5xx and malformed bodies surface as errors; a hang hits the timeout; no hidden retries', async () => {
    const sp = client({ timeouts: { response: 300 } });
    const id = unshippedMfn()[0]!.amazonOrderId;
    await sp.callAPI({ operation: 'orders.getOrder', path: { orderId: id } });
    sim.calls.clear();
    sim.faults.set({ failNext: 1, failNextWith: 500 });
    expect((await failure(sp.callAPI({ operation: 'orders.getOrder', path: { orderId: id } }))).code).toMatch(
      /^(InternalFailure|Unavailable)$/,
    );
    sim.faults.set({ failNext: 1, failNextWith: 'malformed' });
    expect((await failure(sp.callAPI({ operation: 'orders.getOrder', path: { orderId: id } }))).code).toBe(
      'JSON_PARSE_ERROR',
    );
    sim.faults.set({ failNext: 1, failNextWith: 'hang' });
    expect((await failure(sp.callAPI({ operation: 'orders.getOrder', path: { orderId: id } }))).code).toBe(
      'API_RESPONSE_TIMEOUT',
    );
    sim.faults.set({ failNext: 1, failNextWith: 429 });
    expect((await failure(sp.callAPI({ operation: 'orders.getOrder', path: { orderId: id } }))).code).toBe(
      'QuotaExceeded',
    );
    expect(sim.calls.log.map((c) => c.fault)).toEqual(['5xx', 'malformed', 'hang', '429']);
  });

  it('website authorization: consent → spapi_oauth_code → exchange() → refresh token that works; reuse → invalid_grant', async () => {
    const consent = await wire(agent, {
      host: 'sellercentral.amazon.com',
      path: '/apps/authorize/consent',
      query: { application_id: DEV_APP.applicationId, state: 'signed-state' },
    });
    expect(consent.status).toBe(200);
    const confirm = await wire(agent, {
      host: 'sellercentral.amazon.com',
      method: 'POST',
      path: '/apps/authorize/confirm',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      rawBody: new URLSearchParams({
        application_id: DEV_APP.applicationId,
        state: 'signed-state',
        selling_partner_id: DEV_SELLER.sellingPartnerId,
      }).toString(),
    });
    const redirect = new URL(String(confirm.headers.location));
    expect(redirect.searchParams.get('state')).toBe('signed-state');
    expect(redirect.searchParams.get('selling_partner_id')).toBe(DEV_SELLER.sellingPartnerId);
    const code = redirect.searchParams.get('spapi_oauth_code')!;

    const auth = createSpLwaClient({ region: 'na', lwa, agent });
    const tokens = await auth.exchange(code);
    expect(tokens).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    expect(tokens.refresh_token).toMatch(/^Atzr\|/);
    const sp = client({ refreshToken: tokens.refresh_token });
    const orders = (await sp.callAPI({
      operation: 'orders.getOrders',
      query: { MarketplaceIds: [US], CreatedAfter: since, MaxResultsPerPage: 1 },
    })) as {
      Orders: unknown[];
    };
    expect(orders.Orders).toHaveLength(1);
    expect(await failure(auth.exchange(code))).toMatchObject({ code: 'invalid_grant' });
  });

  it('LWA failures surface as CustomError codes', async () => {
    const e = await failure(
      client({ lwa: { clientId: DEV_APP.clientId, clientSecret: 'wrong' } }).callAPI({
        operation: 'orders.getOrder',
        path: { orderId: '111-0000000-0000000' },
      }),
    );
    expect(e).toMatchObject({ code: 'invalid_client', message: 'Client authentication failed' });
    const revoked = sim.registry.authorize(DEV_APP.clientId, DEV_SELLER.sellingPartnerId);
    sim.registry.addSeller({ ...DEV_SELLER, sellingPartnerId: 'A9REVOKED' });
    const other = sim.registry.authorize(DEV_APP.clientId, 'A9REVOKED');
    sim.registry.revokeAuthorization(DEV_APP.clientId, 'A9REVOKED');
    expect(
      await failure(
        client({ refreshToken: other }).callAPI({
          operation: 'orders.getOrder',
          path: { orderId: '111-0000000-0000000' },
        }),
      ),
    ).toMatchObject({
      code: 'invalid_grant',
    });
    expect(
      await client({ refreshToken: revoked }).callAPI({
        operation: 'orders.getOrder',
        path: { orderId: '111-0000000-0000000' },
      }),
    ).toEqual({});
  });
});
