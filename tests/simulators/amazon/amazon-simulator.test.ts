// The SP-API simulator over real HTTPS through lib/channels/amazon/sp-api-transport.ts, with
// Amazon hostnames, strict TLS against the dev CA, and requests shaped like amazon-sp-api's.
// These are wire-level checks (exact envelopes, headers, encodings the client hides); the same
// flows through the real amazon-sp-api client are in lib/channels/amazon/create-sp-client.test.ts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SpApiSimulatorAgent } from '../../../lib/channels/amazon/sp-api-transport.ts';
import { statusAt, type SimOrder } from './generator.ts';
import {
  DEV_APP,
  DEV_SELLER,
  SP_API_MESSAGES,
  startAmazonSimulator,
  type AmazonSimulator,
} from './server.ts';
import { wire, type Query } from './test-client.ts';

const NA = 'sellingpartnerapi-na.amazon.com';
const LWA = 'api.amazon.com';
const START = Date.parse('2026-03-02T12:00:00Z');
const DAY = 24 * 3600_000;
const US = 'ATVPDKIKX0DER';

let sim: AmazonSimulator;
let agent: SpApiSimulatorAgent;
let refreshToken: string;

beforeAll(async () => {
  sim = await startAmazonSimulator({
    clock: { start: START, speed: 0 },
    orders: [{ seed: 'sim-test', count: 120 }],
    orderItemsPageSize: 2,
  });
  agent = new SpApiSimulatorAgent({ host: '127.0.0.1', port: sim.port, ca: sim.ca });
  refreshToken = sim.registry.authorize(DEV_APP.clientId, DEV_SELLER.sellingPartnerId);
});

afterAll(async () => {
  agent.destroy();
  await sim.close();
});

beforeEach(() => {
  sim.reset();
});

async function accessToken(): Promise<string> {
  const r = await wire(agent, {
    host: LWA,
    method: 'POST',
    path: '/auth/o2/token',
    body: {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: DEV_APP.clientId,
      client_secret: DEV_APP.clientSecret,
    },
  });
  expect(r.status).toBe(200);
  return r.json.access_token as string;
}

const get = (token: string | undefined, path: string, query?: Query) =>
  wire(agent, { host: NA, path, ...(query ? { query } : {}), ...(token ? { token } : {}) });

const since = new Date(START - 8 * DAY).toISOString();

function visible(pred: (o: SimOrder) => boolean = () => true): SimOrder[] {
  return sim.orders
    .list(DEV_SELLER.sellingPartnerId)
    .filter((o) => o.purchaseDate <= sim.clock.now() && pred(o));
}

describe('LWA token endpoint', () => {
  it('refresh grant with a JSON body (as amazon-sp-api sends) and a form body', async () => {
    const json = await wire(agent, {
      host: LWA,
      method: 'POST',
      path: '/auth/o2/token',
      body: {
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: DEV_APP.clientId,
        client_secret: DEV_APP.clientSecret,
      },
    });
    expect(json.status).toBe(200);
    expect(json.headers['cache-control']).toBe('no-store');
    expect(json.json).toMatchObject({ token_type: 'bearer', expires_in: 3600, refresh_token: refreshToken });
    expect(json.json.access_token).toMatch(/^Atza\|/);

    const form = await wire(agent, {
      host: LWA,
      method: 'POST',
      path: '/auth/o2/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
      rawBody: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: DEV_APP.clientId,
        client_secret: DEV_APP.clientSecret,
      }).toString(),
    });
    expect(form.status).toBe(200);
    expect(form.json.access_token).not.toBe(json.json.access_token);
    expect(sim.calls.log.filter((c) => c.operation === 'lwa.token').map((c) => c.grantType)).toEqual([
      'refresh_token',
      'refresh_token',
    ]);
  });

  it('LWA error shapes: invalid_client, invalid_grant, revoked, unsupported grant, grantless scope', async () => {
    const token = (body: Record<string, string>) =>
      wire(agent, { host: LWA, method: 'POST', path: '/auth/o2/token', body });
    const base = { client_id: DEV_APP.clientId, client_secret: DEV_APP.clientSecret };
    const wrongSecret = await token({
      ...base,
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_secret: 'nope',
    });
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.json).toEqual({
      error_description: 'Client authentication failed',
      error: 'invalid_client',
    });

    const unknown = await token({ ...base, grant_type: 'refresh_token', refresh_token: 'Atzr|unknown' });
    expect(unknown.status).toBe(400);
    expect(unknown.json).toEqual({
      error_description: 'The request has an invalid grant parameter : refresh_token',
      error: 'invalid_grant',
    });

    const unsupported = await token({ ...base, grant_type: 'password' });
    expect(unsupported.json.error).toBe('unsupported_grant_type');

    const grantless = await token({
      ...base,
      grant_type: 'client_credentials',
      scope: 'sellingpartnerapi::notifications',
    });
    expect(grantless.status).toBe(200);
    expect(grantless.json.access_token).toMatch(/^Atc\|/);
    expect(grantless.json.refresh_token).toBeUndefined();
    // A grantless token cannot read a seller's orders.
    const denied = await get(grantless.json.access_token, '/orders/v0/orders', {
      MarketplaceIds: [US],
      CreatedAfter: since,
    });
    expect(denied.status).toBe(403);
    expect(denied.json.errors[0]).toMatchObject({
      code: 'Unauthorized',
      message: SP_API_MESSAGES.denied,
      details: '',
    });

    const other = sim.registry.authorize(DEV_APP.clientId, DEV_SELLER.sellingPartnerId);
    sim.registry.revokeAuthorization(DEV_APP.clientId, DEV_SELLER.sellingPartnerId);
    const revoked = await token({ ...base, grant_type: 'refresh_token', refresh_token: other });
    expect(revoked.json).toEqual({
      error_description:
        "The request has an invalid grant parameter : refresh_token. User may have revoked or didn't grant the permission.",
      error: 'invalid_grant',
    });
    refreshToken = sim.registry.authorize(DEV_APP.clientId, DEV_SELLER.sellingPartnerId); // re-authorize for later tests
  });

  it('expired client secret: LWA invalid_client and SP-API 403 "LWA secret … expired"; rotation fixes both', async () => {
    const token = await accessToken();
    sim.registry.expireClientSecret(DEV_APP.clientId);
    const api = await get(token, '/orders/v0/orders', { MarketplaceIds: [US], CreatedAfter: since });
    expect(api.status).toBe(403);
    expect(api.json.errors[0].details).toBe(SP_API_MESSAGES.secretExpired);
    const lwa = await wire(agent, {
      host: LWA,
      method: 'POST',
      path: '/auth/o2/token',
      body: {
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: DEV_APP.clientId,
        client_secret: DEV_APP.clientSecret,
      },
    });
    expect(lwa.json.error).toBe('invalid_client');
    sim.registry.rotateClientSecret(DEV_APP.clientId, DEV_APP.clientSecret);
    expect(
      (await get(token, '/orders/v0/orders', { MarketplaceIds: [US], CreatedAfter: since })).status,
    ).toBe(200);
  });
});

describe('website authorization workflow', () => {
  const consent = (query: Record<string, string>) =>
    wire(agent, {
      host: 'sellercentral.amazon.com',
      path: '/apps/authorize/consent',
      query,
      headers: { 'content-type': 'text/html' },
    });

  it('consent page → Authorize → redirect with code, state and selling_partner_id → token exchange (single use)', async () => {
    const page = await consent({ application_id: DEV_APP.applicationId, state: 'st-123' });
    expect(page.status).toBe(200);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.text).toContain('Authorize');
    const form = new URLSearchParams();
    for (const m of page.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
      form.set(
        m[1]!,
        m[2]!.replace(/&#(\d+);/g, (_s, n) => String.fromCharCode(Number(n))),
      );
    form.set('selling_partner_id', DEV_SELLER.sellingPartnerId);
    const confirm = await wire(agent, {
      host: 'sellercentral.amazon.com',
      method: 'POST',
      path: '/apps/authorize/confirm',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      rawBody: form.toString(),
    });
    expect(confirm.status).toBe(302);
    const location = new URL(String(confirm.headers.location));
    expect(location.origin + location.pathname).toBe(DEV_APP.redirectUris[0]);
    expect(location.searchParams.get('state')).toBe('st-123');
    expect(location.searchParams.get('selling_partner_id')).toBe(DEV_SELLER.sellingPartnerId);
    const code = location.searchParams.get('spapi_oauth_code')!;
    expect(code).toBeTruthy();

    // amazon-sp-api's exchange(): JSON body, no redirect_uri.
    const exchange = () =>
      wire(agent, {
        host: LWA,
        method: 'POST',
        path: '/auth/o2/token',
        body: {
          grant_type: 'authorization_code',
          code,
          client_id: DEV_APP.clientId,
          client_secret: DEV_APP.clientSecret,
        },
      });
    const first = await exchange();
    expect(first.status).toBe(200);
    expect(first.json.refresh_token).toMatch(/^Atzr\|/);
    const orders = await get(first.json.access_token, '/orders/v0/orders', {
      MarketplaceIds: [US],
      CreatedAfter: since,
      MaxResultsPerPage: 1,
    });
    expect(orders.status).toBe(200);
    const again = await exchange();
    expect(again.json.error).toBe('invalid_grant');
  });

  it('codes expire after five minutes; MD5101 for an unregistered redirect_uri; MD1000 for a draft app without version=beta', async () => {
    const page = await consent({
      application_id: DEV_APP.applicationId,
      state: 's',
      redirect_uri: 'https://evil.example/cb',
    });
    expect(page.status).toBe(400);
    expect(page.text).toContain('MD5101');

    sim.registry.addApp({
      ...DEV_APP,
      applicationId: 'amzn1.sellerapps.app.draft',
      clientId: 'amzn1.application-oa2-client.draft',
      draft: true,
    });
    expect((await consent({ application_id: 'amzn1.sellerapps.app.draft', state: 's' })).text).toContain(
      'MD1000',
    );
    expect(
      (await consent({ application_id: 'amzn1.sellerapps.app.draft', state: 's', version: 'beta' })).status,
    ).toBe(200);

    const confirm = await wire(agent, {
      host: 'sellercentral.amazon.com',
      method: 'POST',
      path: '/apps/authorize/confirm',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      rawBody: new URLSearchParams({
        application_id: DEV_APP.applicationId,
        state: 's',
        selling_partner_id: DEV_SELLER.sellingPartnerId,
      }).toString(),
    });
    const code = new URL(String(confirm.headers.location)).searchParams.get('spapi_oauth_code')!;
    sim.clock.advance(5 * 60_000 + 1);
    const late = await wire(agent, {
      host: LWA,
      method: 'POST',
      path: '/auth/o2/token',
      body: {
        grant_type: 'authorization_code',
        code,
        client_id: DEV_APP.clientId,
        client_secret: DEV_APP.clientSecret,
      },
    });
    expect(late.status).toBe(400);
    expect(late.json.error).toBe('invalid_grant');
  });
});

describe('Orders v0', () => {
  it('LWA refresh → getOrders paging with NextToken → getOrderItems paging', async () => {
    const token = await accessToken();
    const seen: string[] = [];
    let next: string | undefined;
    let pages = 0;
    do {
      const query: Query = next
        ? { MarketplaceIds: [US, 'A2EUQ1WTGCTBG2'], NextToken: next }
        : { MarketplaceIds: [US, 'A2EUQ1WTGCTBG2'], CreatedAfter: since, MaxResultsPerPage: 25 };
      const r = await get(token, '/orders/v0/orders', query);
      expect(r.status).toBe(200);
      expect(r.headers['x-amzn-ratelimit-limit']).toBe('0.0167');
      expect(r.headers['x-amzn-requestid']).toBeTruthy();
      expect(r.json.payload.CreatedBefore).toBe(
        new Date(sim.clock.now() - 2 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      );
      expect(r.json.payload.Orders.length).toBeLessThanOrEqual(25);
      seen.push(...r.json.payload.Orders.map((o: { AmazonOrderId: string }) => o.AmazonOrderId));
      next = r.json.payload.NextToken;
      pages += 1;
    } while (next);
    const expected = visible((o) => o.purchaseDate <= sim.clock.now() - 2 * 60_000);
    expect(pages).toBe(Math.ceil(expected.length / 25));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(expected.map((o) => o.amazonOrderId).sort());
    // The query went out the way amazon-sp-api sends it: sorted keys, %2C-encoded commas.
    expect(sim.calls.log.find((c) => c.operation === 'orders.getOrders')!.query).toContain(
      'MarketplaceIds=ATVPDKIKX0DER%2CA2EUQ1WTGCTBG2',
    );

    const multi = visible((o) => o.items.length >= 3 && statusAt(o, sim.clock.now()) === 'Unshipped')[0]!;
    const items: string[] = [];
    next = undefined;
    do {
      const r = await get(
        token,
        `/orders/v0/orders/${multi.amazonOrderId}/orderItems`,
        next ? { NextToken: next } : undefined,
      );
      expect(r.status).toBe(200);
      expect(r.json.payload.AmazonOrderId).toBe(multi.amazonOrderId);
      items.push(...r.json.payload.OrderItems.map((i: { OrderItemId: string }) => i.OrderItemId));
      const item = r.json.payload.OrderItems[0];
      expect(item.ItemPrice.Amount).toMatch(/^\d+\.\d{2}$/);
      expect(['true', 'false']).toContain(item.IsGift);
      next = r.json.payload.NextToken;
    } while (next);
    expect(items).toEqual(multi.items.map((i) => i.orderItemId));
  });

  it('order shapes: statuses, MFN and AFN, Pending without prices, ShippingAddress only once unshipped', async () => {
    const token = await accessToken();
    const r = await get(token, '/orders/v0/orders', {
      MarketplaceIds: [US, 'A2EUQ1WTGCTBG2'],
      CreatedAfter: since,
    });
    const orders = r.json.payload.Orders as Record<string, unknown>[];
    const statuses = new Set(orders.map((o) => o.OrderStatus));
    for (const s of ['Pending', 'Unshipped', 'Shipped', 'Canceled']) expect(statuses).toContain(s);
    expect(new Set(orders.map((o) => o.FulfillmentChannel))).toEqual(new Set(['MFN', 'AFN']));
    const pending = orders.find((o) => o.OrderStatus === 'Pending')!;
    expect(pending.OrderTotal).toBeUndefined();
    expect(pending.ShippingAddress).toBeUndefined();
    const unshipped = orders.find((o) => o.OrderStatus === 'Unshipped')!;
    expect(unshipped.OrderTotal).toMatchObject({
      CurrencyCode: expect.stringMatching(/^(USD|CAD)$/),
      Amount: expect.any(String),
    });
    expect(Object.keys(unshipped.ShippingAddress as object).sort()).toEqual([
      'City',
      'CountryCode',
      'PostalCode',
      'StateOrRegion',
    ]);
    expect(unshipped.BuyerInfo).toEqual({});

    const filtered = await get(token, '/orders/v0/orders', {
      MarketplaceIds: [US, 'A2EUQ1WTGCTBG2'],
      LastUpdatedAfter: since,
      OrderStatuses: ['Unshipped', 'PartiallyShipped'],
      FulfillmentChannels: ['MFN'],
    });
    expect(filtered.json.payload.LastUpdatedBefore).toBeTruthy();
    for (const o of filtered.json.payload.Orders) {
      expect(['Unshipped', 'PartiallyShipped']).toContain(o.OrderStatus);
      expect(o.FulfillmentChannel).toBe('MFN');
    }
  });

  it('getOrders validation: date rules, exclusivity, page size, enums, NextToken decode and expiry', async () => {
    const token = await accessToken();
    const q = (query: Query) => get(token, '/orders/v0/orders', query);
    const err = async (query: Query) => {
      const r = await q(query);
      expect(r.status).toBe(400);
      expect(r.headers['x-amzn-errortype']).toBe('ValidationException');
      return r.json.errors[0] as { code: string; message: string; details?: string };
    };
    expect((await err({ CreatedAfter: since })).message).toContain('MarketplaceIds');
    expect((await err({ MarketplaceIds: [US] })).message).toContain(
      'Either the CreatedAfter parameter or the LastUpdatedAfter',
    );
    expect(
      (await err({ MarketplaceIds: [US], CreatedAfter: since, LastUpdatedAfter: since })).message,
    ).toContain('cannot be set');
    expect(
      (await err({ MarketplaceIds: [US], LastUpdatedAfter: since, CreatedBefore: since })).message,
    ).toContain('cannot be set');
    expect((await err({ MarketplaceIds: [US], CreatedAfter: '02/21/2026' })).message).toContain('ISO 8601');
    const tooRecent = await err({
      MarketplaceIds: [US],
      CreatedAfter: since,
      CreatedBefore: new Date(sim.clock.now() - 60_000).toISOString(),
    });
    expect(tooRecent).toEqual({
      code: 'InvalidInput',
      message: 'The input you have submitted is not valid. Please check your input and try again.',
      details: '',
    });
    expect(
      (await err({ MarketplaceIds: [US], CreatedAfter: since, MaxResultsPerPage: 101 })).message,
    ).toContain('MaxResultsPerPage');
    expect(
      (await err({ MarketplaceIds: [US], CreatedAfter: since, MaxResultsPerPage: 0 })).message,
    ).toContain('MaxResultsPerPage');
    expect(
      (await err({ MarketplaceIds: [US], CreatedAfter: since, OrderStatuses: ['Open'] })).message,
    ).toContain('Open');
    expect(
      (
        await err({
          MarketplaceIds: [US],
          CreatedAfter: since,
          SellerOrderId: 'x',
          OrderStatuses: ['Pending'],
        })
      ).message,
    ).toContain('SellerOrderId');
    expect(
      (await err({ MarketplaceIds: [US], CreatedAfter: since, AmazonOrderIds: ['123'] })).message,
    ).toContain('AmazonOrderId');

    const first = await q({ MarketplaceIds: [US], CreatedAfter: since, MaxResultsPerPage: 5 });
    const token1 = first.json.payload.NextToken as string;
    expect(token1).toMatch(/^[A-Za-z0-9+/]+=*$/);
    // NextToken carries the original query: other filters are ignored on the next page.
    const second = await q({ MarketplaceIds: [US], NextToken: token1, OrderStatuses: ['Canceled'] });
    expect(second.status).toBe(200);
    expect(second.json.payload.Orders).toHaveLength(5);
    // Tampered or badly encoded tokens cannot be decoded.
    const tampered = await err({ MarketplaceIds: [US], NextToken: token1.slice(0, -4) + 'AAAA' });
    expect(tampered.message).toContain('We could not decode your NextToken');
    sim.clock.advance(25 * 3600_000);
    const token2 = await accessToken();
    const expired = await get(token2, '/orders/v0/orders', { MarketplaceIds: [US], NextToken: token1 });
    expect(expired.status).toBe(400);
    expect(expired.json.errors[0].message).toContain('expired');
  });

  it('getOrder: known order, unknown id → 200 {"payload":{}}, other seller orders are invisible', async () => {
    const token = await accessToken();
    const o = visible()[0]!;
    const r = await get(token, `/orders/v0/orders/${o.amazonOrderId}`);
    expect(r.json.payload.AmazonOrderId).toBe(o.amazonOrderId);
    const unknown = await get(token, '/orders/v0/orders/111-0000000-0000000');
    expect(unknown.status).toBe(200);
    expect(unknown.json).toEqual({ payload: {} });

    sim.registry.addSeller({ sellingPartnerId: 'A2OTHERSELLER', region: 'na', marketplaceIds: [US] });
    const [theirs] = sim.orders.generate({ seed: 'other', count: 1, sellingPartnerId: 'A2OTHERSELLER' });
    expect((await get(token, `/orders/v0/orders/${theirs!.amazonOrderId}`)).json).toEqual({ payload: {} });
    expect((await get(token, `/orders/v0/orders/${theirs!.amazonOrderId}/orderItems`)).status).toBe(404);
  });

  it('auth: missing token, malformed token, expired token (exact details), token used in another region', async () => {
    const path = `/orders/v0/orders/${visible()[0]!.amazonOrderId}`;
    const missing = await get(undefined, path);
    expect(missing.status).toBe(403);
    expect(missing.json).toEqual({
      errors: [{ message: SP_API_MESSAGES.denied, code: 'MissingAuthenticationToken' }],
    });
    expect(missing.headers['x-amzn-ratelimit-limit']).toBeUndefined();

    const bad = await get('Atza|not-a-token', path);
    expect(bad.json.errors[0]).toEqual({
      code: 'Unauthorized',
      message: SP_API_MESSAGES.denied,
      details: SP_API_MESSAGES.invalid,
    });

    const token = await accessToken();
    expect((await get(token, path)).status).toBe(200);
    sim.clock.advance(3600_000);
    const expired = await get(token, path);
    expect(expired.status).toBe(403);
    expect(expired.json).toEqual({
      errors: [
        {
          code: 'Unauthorized',
          message: 'Access to requested resource is denied.',
          details: 'The access token you provided has expired.',
        },
      ],
    });
    expect(sim.calls.log.at(-1)).toMatchObject({
      operation: 'orders.getOrder',
      tokenKind: 'expired',
      status: 403,
      sellingPartnerId: DEV_SELLER.sellingPartnerId,
    });

    const fresh = await accessToken();
    const eu = await wire(agent, { host: 'sellingpartnerapi-eu.amazon.com', path, token: fresh });
    expect(eu.status).toBe(403);
  });
});

describe('Restricted Data Tokens', () => {
  const rdt = (token: string, restrictedResources: unknown) =>
    wire(agent, {
      host: NA,
      method: 'POST',
      path: '/tokens/2021-03-01/restrictedDataToken',
      token,
      body: { restrictedResources },
    });

  it('one RDT for getOrders (buyerInfo + shippingAddress) over a batch of order ids returns PII; the LWA token does not', async () => {
    const token = await accessToken();
    const batch = visible(
      (o) => o.fulfillmentChannel === 'MFN' && statusAt(o, sim.clock.now()) === 'Unshipped',
    ).slice(0, 10);
    expect(batch.length).toBe(10);
    const created = await rdt(token, [
      { method: 'GET', path: '/orders/v0/orders', dataElements: ['buyerInfo', 'shippingAddress'] },
    ]);
    expect(created.status).toBe(200);
    expect(Object.keys(created.json).sort()).toEqual(['expiresIn', 'restrictedDataToken']);
    expect(created.json.restrictedDataToken).toMatch(/^Atz\.sprdt\|/);
    expect(created.json.expiresIn).toBe(3600);

    const query = {
      MarketplaceIds: [US, 'A2EUQ1WTGCTBG2'],
      CreatedAfter: since,
      AmazonOrderIds: batch.map((o) => o.amazonOrderId),
    };
    const withRdt = await get(created.json.restrictedDataToken, '/orders/v0/orders', query);
    expect(withRdt.status).toBe(200);
    expect(withRdt.json.payload.Orders).toHaveLength(10);
    for (const o of withRdt.json.payload.Orders) {
      const sim0 = sim.orders.get(o.AmazonOrderId)!;
      expect(o.ShippingAddress).toMatchObject({
        Name: sim0.address.Name,
        AddressLine1: sim0.address.AddressLine1,
        Phone: sim0.address.Phone,
      });
      expect(o.BuyerInfo).toMatchObject({
        BuyerName: sim0.buyer.BuyerName,
        BuyerEmail: sim0.buyer.BuyerEmail,
      });
    }
    expect(withRdt.text).toContain('CANARY');
    expect(sim.calls.log.at(-1)).toMatchObject({ tokenKind: 'rdt', status: 200 });

    const plain = await get(token, '/orders/v0/orders', query);
    expect(plain.status).toBe(200);
    expect(plain.json.payload.Orders).toHaveLength(10);
    expect(plain.text).not.toContain('CANARY');
    expect(plain.text).not.toContain('@marketplace.amazon.com');

    // The getOrders RDT does not cover other paths.
    const wrongPath = await get(
      created.json.restrictedDataToken,
      `/orders/v0/orders/${batch[0]!.amazonOrderId}`,
    );
    expect(wrongPath.status).toBe(403);
    expect(wrongPath.json.errors[0]).toMatchObject({ code: 'Unauthorized', details: '' });
    // An RDT is not an LWA token for unrestricted operations.
    const notForRdt = await rdt(created.json.restrictedDataToken, [
      { method: 'GET', path: '/orders/v0/orders', dataElements: ['buyerInfo'] },
    ]);
    expect(notForRdt.status).toBe(403);
  });

  it('generic {orderId} paths, per-element grants, getOrderAddress / getOrderBuyerInfo, specific-id paths', async () => {
    const token = await accessToken();
    const [a, b] = visible(
      (o) => o.fulfillmentChannel === 'MFN' && statusAt(o, sim.clock.now()) === 'Unshipped',
    );
    const created = await rdt(token, [
      { method: 'GET', path: '/orders/v0/orders/{orderId}', dataElements: ['shippingAddress'] },
      { method: 'GET', path: '/orders/v0/orders/{orderId}/address' },
      { method: 'GET', path: `/orders/v0/orders/${a!.amazonOrderId}/buyerInfo` },
    ]);
    expect(created.status).toBe(200);
    const t = created.json.restrictedDataToken as string;
    const order = await get(t, `/orders/v0/orders/${b!.amazonOrderId}`);
    expect(order.json.payload.ShippingAddress.Name).toBe(b!.address.Name);
    expect(order.json.payload.BuyerInfo).toEqual({});
    const address = await get(t, `/orders/v0/orders/${b!.amazonOrderId}/address`);
    expect(address.json.payload.ShippingAddress.AddressLine1).toBe(b!.address.AddressLine1);
    const buyerA = await get(t, `/orders/v0/orders/${a!.amazonOrderId}/buyerInfo`);
    expect(buyerA.json.payload).toMatchObject({
      AmazonOrderId: a!.amazonOrderId,
      BuyerName: a!.buyer.BuyerName,
    });
    expect((await get(t, `/orders/v0/orders/${b!.amazonOrderId}/buyerInfo`)).status).toBe(403);
    const buyerPlain = await get(token, `/orders/v0/orders/${a!.amazonOrderId}/buyerInfo`);
    expect(buyerPlain.json).toEqual({ payload: { AmazonOrderId: a!.amazonOrderId } });
    const addressPlain = await get(token, `/orders/v0/orders/${a!.amazonOrderId}/address`);
    expect(addressPlain.text).not.toContain('CANARY');
  });

  it('RDT errors: no resources, missing dataElements, missing roles, no roles at all', async () => {
    const token = await accessToken();
    const empty = await rdt(token, []);
    expect(empty.json).toEqual({
      errors: [
        {
          code: 'InvalidRequest',
          message: 'Request is missing or has invalid parameters',
          details: 'Resource not provided.',
        },
      ],
    });
    expect(
      (await rdt(token, [{ method: 'GET', path: '/orders/v0/orders' }])).json.errors[0].message,
    ).toContain('dataElements');
    sim.registry.setRestrictedRoles(DEV_APP.clientId, ['shippingAddress']);
    try {
      const missing = await rdt(token, [
        { method: 'GET', path: '/orders/v0/orders', dataElements: ['buyerInfo', 'shippingAddress'] },
      ]);
      expect(missing.status).toBe(400);
      expect(missing.json.errors[0]).toEqual({
        code: 'InvalidInput',
        message: 'Application does not have access to one or more requested data elements: [buyerInfo]',
        details: '',
      });
      sim.registry.setRestrictedRoles(DEV_APP.clientId, []);
      const none = await rdt(token, [
        { method: 'GET', path: '/orders/v0/orders', dataElements: ['shippingAddress'] },
      ]);
      expect(none.json.errors[0].message).toBe("The application isn't configured with roles.");
    } finally {
      sim.registry.setRestrictedRoles(DEV_APP.clientId, ['buyerInfo', 'shippingAddress']);
    }
  });
});

describe('confirmShipment', () => {
  const confirm = (token: string, orderId: string, body: unknown) =>
    wire(agent, {
      host: NA,
      method: 'POST',
      path: `/orders/v0/orders/${orderId}/shipmentConfirmation`,
      token,
      body,
    });

  it('validates the body per the model and updates the order state', async () => {
    sim.rateLimits.setEnabled(false); // more calls than confirmShipment's burst of 10
    const token = await accessToken();
    const order = visible(
      (o) =>
        o.fulfillmentChannel === 'MFN' && statusAt(o, sim.clock.now()) === 'Unshipped' && o.items.length >= 2,
    )[0]!;
    const [first, second] = order.items;
    const body = (
      over: Record<string, unknown> = {},
      items = [{ orderItemId: first!.orderItemId, quantity: first!.quantityOrdered }],
    ) => ({
      marketplaceId: order.marketplaceId,
      packageDetail: {
        packageReferenceId: '1',
        carrierCode: 'UPS',
        trackingNumber: '1Z999',
        shipDate: '2026-03-02T10:00:00Z',
        orderItems: items,
        ...over,
      },
    });
    const error = async (b: unknown) => {
      const r = await confirm(token, order.amazonOrderId, b);
      expect(r.status).toBe(400);
      return r.json.errors[0].message as string;
    };
    expect(await error({ packageDetail: body().packageDetail })).toContain('marketplaceId');
    expect(await error(body({ packageReferenceId: 1 }))).toBe(
      'invalid type [packageDetail.packageReferenceId]',
    );
    expect(await error(body({ packageReferenceId: 'abc' }))).toBe(
      'PackageReferenceId: is invalid, must be a positive numeric value.',
    );
    expect(await error(body({ carrierCode: 'Other' }))).toContain('carrierName');
    expect(await error(body({ shipDate: '02/21/2022' }))).toContain('shipDate');
    expect(await error(body({}, []))).toContain('orderItems');
    expect(await error(body({}, [{ orderItemId: '00000000000000', quantity: 1 }]))).toBe(
      'OrderItemId is invalid, please obtain the value through the getOrderItems API or Manage Orders page',
    );
    expect(
      await error(body({}, [{ orderItemId: first!.orderItemId, quantity: first!.quantityOrdered + 1 }])),
    ).toContain('exceeds');
    expect(await error({ ...body(), marketplaceId: 'A1F83G8C2ARO7P' })).toContain('marketplaceId');

    const ok = await confirm(token, order.amazonOrderId, body());
    expect(ok.status).toBe(204);
    expect(ok.text).toBe('');
    const after = await get(token, `/orders/v0/orders/${order.amazonOrderId}`);
    expect(after.json.payload.OrderStatus).toBe('PartiallyShipped');
    expect(after.json.payload.LastUpdateDate).toBe(
      new Date(sim.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    );
    expect(await error(body())).toContain('exceeds'); // already shipped

    const rest = order.items
      .slice(1)
      .map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantityOrdered }));
    expect((await confirm(token, order.amazonOrderId, body({ packageReferenceId: '2' }, rest))).status).toBe(
      204,
    );
    const done = await get(token, `/orders/v0/orders/${order.amazonOrderId}`);
    expect(done.json.payload.OrderStatus).toBe('Shipped');
    expect(done.json.payload.NumberOfItemsUnshipped).toBe(0);
    const items = await get(token, `/orders/v0/orders/${order.amazonOrderId}/orderItems`);
    expect(items.json.payload.OrderItems[1].QuantityShipped).toBe(second!.quantityOrdered);
    expect(await error(body({ packageReferenceId: '3' }))).toContain('Shipped');
  });
});

describe('rate limits', () => {
  it('getOrders: burst 20, then 429 QuotaExceeded (no rate header), refill at 0.0167/s on the simulator clock; switch off', async () => {
    const token = await accessToken();
    const q = { MarketplaceIds: [US], CreatedAfter: since, MaxResultsPerPage: 1 };
    for (let i = 0; i < 20; i++) expect((await get(token, '/orders/v0/orders', q)).status).toBe(200);
    const throttled = await get(token, '/orders/v0/orders', q);
    expect(throttled.status).toBe(429);
    expect(throttled.json).toEqual({
      errors: [
        {
          code: 'QuotaExceeded',
          message: 'You exceeded your quota for the requested resource.',
          details: '',
        },
      ],
    });
    expect(throttled.headers['x-amzn-ratelimit-limit']).toBeUndefined();
    // Other operations have their own bucket.
    expect((await get(token, `/orders/v0/orders/${visible()[0]!.amazonOrderId}`)).status).toBe(200);
    sim.clock.advance(30_000);
    expect((await get(token, '/orders/v0/orders', q)).status).toBe(429);
    sim.clock.advance(30_000);
    expect((await get(token, '/orders/v0/orders', q)).status).toBe(200);
    expect((await get(token, '/orders/v0/orders', q)).status).toBe(429);
    sim.rateLimits.setEnabled(false);
    for (let i = 0; i < 5; i++) expect((await get(token, '/orders/v0/orders', q)).status).toBe(200);
  });

  it('per-seller plan overrides and the optional header on 429', async () => {
    const token = await accessToken();
    sim.rateLimits.setPlan('orders.getOrder', { rate: 1, burst: 2 }, DEV_SELLER.sellingPartnerId);
    const path = `/orders/v0/orders/${visible()[0]!.amazonOrderId}`;
    expect((await get(token, path)).headers['x-amzn-ratelimit-limit']).toBe('1');
    expect((await get(token, path)).status).toBe(200);
    expect((await get(token, path)).status).toBe(429);
    expect(sim.calls.log.filter((c) => c.status === 429).map((c) => c.errorCode)).toEqual(['QuotaExceeded']);
  });
});

describe('Orders 2026-01-01', () => {
  it('searchOrders + getOrder with includedData: PII only with the role', async () => {
    const token = await accessToken();
    const path = '/orders/2026-01-01/orders';
    const r = await get(token, path, {
      createdAfter: since,
      includedData: ['BUYER', 'RECIPIENT', 'FULFILLMENT', 'PROCEEDS'],
      fulfillmentStatuses: ['UNSHIPPED'],
      fulfilledBy: ['MERCHANT'],
      maxResultsPerPage: 5,
    });
    expect(r.status).toBe(200);
    expect(r.json.payload).toBeUndefined();
    expect(r.json.orders).toHaveLength(5);
    expect(r.json.pagination.nextToken).toBeTruthy();
    expect(r.json.createdBefore).toBeTruthy();
    const o = r.json.orders[0];
    expect(o.fulfillment).toMatchObject({ fulfillmentStatus: 'UNSHIPPED', fulfilledBy: 'MERCHANT' });
    expect(o.salesChannel).toMatchObject({ channelName: 'AMAZON' });
    const simOrder = sim.orders.get(o.orderId)!;
    expect(o.buyer.buyerName).toBe(simOrder.buyer.BuyerName);
    expect(o.recipient.deliveryAddress.name).toBe(simOrder.address.Name);
    expect(o.orderItems[0].product.asin).toBe(simOrder.items[0]!.asin);

    const bare = await get(token, `${path}/${o.orderId}`);
    expect(bare.json.order.buyer).toBeUndefined();
    expect(bare.json.order.recipient).toBeUndefined();
    expect(bare.json.order.fulfillment).toBeUndefined();

    sim.registry.setRestrictedRoles(DEV_APP.clientId, []);
    try {
      const noRole = await get(token, `${path}/${o.orderId}`, { includedData: ['BUYER', 'RECIPIENT'] });
      expect(noRole.status).toBe(200);
      expect(noRole.json.order.buyer).toBeUndefined();
      expect(Object.keys(noRole.json.order.recipient.deliveryAddress).sort()).toEqual([
        'city',
        'countryCode',
        'postalCode',
        'stateOrRegion',
      ]);
      expect(noRole.text).not.toContain('CANARY');
    } finally {
      sim.registry.setRestrictedRoles(DEV_APP.clientId, ['buyerInfo', 'shippingAddress']);
    }

    const page2 = await get(token, path, { paginationToken: r.json.pagination.nextToken });
    expect(page2.status).toBe(200);
    expect(page2.json.orders[0].orderId).not.toBe(o.orderId);
    expect((await get(token, path, { createdAfter: since, lastUpdatedAfter: since })).status).toBe(400);
    expect((await get(token, path, { createdAfter: since, includedData: ['EVERYTHING'] })).status).toBe(400);
    expect((await get(token, `${path}/111-0000000-0000000`)).status).toBe(404);
    // searchOrders' own bucket: 0.0056 rps, burst 20.
    expect(sim.rateLimits.plan('orders2026.searchOrders')).toEqual({ rate: 0.0056, burst: 20 });
  });
});

describe('fault injection and the call log', () => {
  it('429, 5xx, malformed bodies and hangs, per operation', async () => {
    const token = await accessToken();
    const path = `/orders/v0/orders/${visible()[0]!.amazonOrderId}`;
    sim.faults.set({ failNext: 1, failNextWith: 429, operations: ['orders.getOrder'] });
    const q = await get(token, path);
    expect(q.status).toBe(429);
    expect(q.json.errors[0].code).toBe('QuotaExceeded');
    // Other operations are untouched.
    expect((await get(token, `${path}/orderItems`)).status).toBe(200);

    sim.faults.set({ rate5xx: 1 });
    const e = await get(token, path);
    expect([500, 503]).toContain(e.status);
    expect(['InternalFailure', 'Unavailable']).toContain(e.json.errors[0].code);

    sim.faults.set({ rate5xx: 0, malformedRate: 1 });
    const m = await get(token, path);
    expect(m.status).toBe(200);
    expect(() => JSON.parse(m.text)).toThrow();

    sim.faults.set({ malformedRate: 0, hangRate: 1 });
    await expect(wire(agent, { host: NA, path, token, timeoutMs: 300 })).rejects.toThrow(/timed out/);
    sim.faults.reset();
    expect((await get(token, path)).status).toBe(200);

    expect(sim.calls.log.filter((c) => c.fault).map((c) => c.fault)).toEqual([
      '429',
      '5xx',
      'malformed',
      'hang',
    ]);
    expect(sim.calls.count('orders.getOrder')).toBe(5);
    const last = sim.calls.log.at(-1)!;
    expect(last).toMatchObject({
      operation: 'orders.getOrder',
      host: NA,
      path,
      sellingPartnerId: DEV_SELLER.sellingPartnerId,
      clientId: DEV_APP.clientId,
      tokenKind: 'lwa',
      status: 200,
    });
    expect(typeof last.at).toBe('number');
  });
});

describe('order lifecycle on the simulator clock', () => {
  it('orders appear at their PurchaseDate and move Pending → Unshipped → Shipped as the clock advances', async () => {
    sim.registry.addSeller({ sellingPartnerId: 'A1LIFECYCLE', region: 'na', marketplaceIds: [US] });
    const future = sim.orders.generate({
      seed: 'future',
      count: 40,
      sellingPartnerId: 'A1LIFECYCLE',
      afnShare: 1,
      from: sim.clock.now() + 3600_000,
      to: sim.clock.now() + 2 * 3600_000,
    });
    const rt = sim.registry.authorize(DEV_APP.clientId, 'A1LIFECYCLE');
    // A fresh access token each time: they expire after an hour of simulated time.
    const list = async () => {
      const lwa = await wire(agent, {
        host: LWA,
        method: 'POST',
        path: '/auth/o2/token',
        body: {
          grant_type: 'refresh_token',
          refresh_token: rt,
          client_id: DEV_APP.clientId,
          client_secret: DEV_APP.clientSecret,
        },
      });
      const r = await get(lwa.json.access_token, '/orders/v0/orders', {
        MarketplaceIds: [US],
        LastUpdatedAfter: since,
      });
      expect(r.status).toBe(200);
      return r.json.payload.Orders as { OrderStatus: string }[];
    };
    expect(await list()).toHaveLength(0);
    sim.clock.advance(2 * 3600_000 + 40 * 60_000);
    const arrived = await list();
    expect(arrived).toHaveLength(40);
    expect(new Set(arrived.map((o) => o.OrderStatus)).has('Shipped')).toBe(false);
    sim.clock.advance(3 * 24 * 3600_000);
    const statuses = new Set((await list()).map((o) => o.OrderStatus));
    expect(statuses).toContain('Shipped');
    expect(statuses.has('Unshipped')).toBe(false);
    expect(
      statuses.has('Pending') ||
        statuses.has('Canceled') ||
        statuses.has('Unfulfillable') ||
        statuses.size === 1,
    ).toBe(true);
    expect(future.every((o) => o.fulfillmentChannel === 'AFN')).toBe(true);
  });
});

describe('ORDER_CHANGE notifications', () => {
  it('one OrderStatusChange per status change in the window, no PII', () => {
    const since = START - 2 * DAY;
    const events = sim.notifications.orderChanges({
      since,
      until: START,
      sellingPartnerId: DEV_SELLER.sellingPartnerId,
    });
    expect(events.length).toBeGreaterThan(0);
    const expected = sim.orders
      .list(DEV_SELLER.sellingPartnerId)
      .flatMap((o) => o.timeline.filter((e) => e.at > since && e.at <= START));
    expect(events).toHaveLength(expected.length);
    const first = events[0] as {
      NotificationType: string;
      Payload: { OrderChangeNotification: Record<string, unknown> };
    };
    expect(first.NotificationType).toBe('ORDER_CHANGE');
    expect(first.Payload.OrderChangeNotification).toMatchObject({
      NotificationLevel: 'OrderLevel',
      SellerId: DEV_SELLER.sellingPartnerId,
      OrderChangeType: 'OrderStatusChange',
    });
    expect(JSON.stringify(events)).not.toContain('CANARY');
  });
});

describe('PII with a plain LWA token (configurable)', () => {
  it('relay-email gives BuyerEmail only; full gives what the roles allow; a recent *After gives an empty window', async () => {
    for (const mode of ['relay-email', 'full'] as const) {
      const other = await startAmazonSimulator({
        clock: { start: START, speed: 0 },
        orders: [{ seed: 'modes', count: 30 }],
        piiWithoutRdt: mode,
      });
      const a = new SpApiSimulatorAgent({ host: '127.0.0.1', port: other.port, ca: other.ca });
      try {
        const rt = other.registry.authorize(DEV_APP.clientId, DEV_SELLER.sellingPartnerId);
        const lwa = await wire(a, {
          host: LWA,
          method: 'POST',
          path: '/auth/o2/token',
          body: {
            grant_type: 'refresh_token',
            refresh_token: rt,
            client_id: DEV_APP.clientId,
            client_secret: DEV_APP.clientSecret,
          },
        });
        const token = lwa.json.access_token as string;
        const o = other.orders
          .list()
          .find((x) => x.fulfillmentChannel === 'MFN' && statusAt(x, START) === 'Unshipped')!;
        const r = await wire(a, { host: NA, path: `/orders/v0/orders/${o.amazonOrderId}`, token });
        if (mode === 'relay-email') {
          expect(r.json.payload.BuyerInfo).toEqual({ BuyerEmail: o.buyer.BuyerEmail });
          expect(r.json.payload.ShippingAddress.Name).toBeUndefined();
        } else {
          expect(r.json.payload.BuyerInfo.BuyerName).toBe(o.buyer.BuyerName);
          expect(r.json.payload.ShippingAddress.Name).toBe(o.address.Name);
        }
        const recent = await wire(a, {
          host: NA,
          path: '/orders/v0/orders',
          token,
          query: { MarketplaceIds: [US], LastUpdatedAfter: new Date(START - 60_000).toISOString() },
        });
        expect(recent.status).toBe(200);
        expect(recent.json.payload.Orders).toEqual([]);
        const future = await wire(a, {
          host: NA,
          path: '/orders/v0/orders',
          token,
          query: { MarketplaceIds: [US], LastUpdatedAfter: new Date(START + 60_000).toISOString() },
        });
        expect(future.status).toBe(400);
      } finally {
        a.destroy();
        await other.close();
      }
    }
  });
});
