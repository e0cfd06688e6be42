// Listings Items in the simulator, on the wire. patchListingsItem: auth, validation errors in the
// `{"errors":[…]}` envelope, INVALID submissions with issues, the per-seller quantity store, the
// 5/s burst-5 usage plan, and a 403 for another seller's path. searchListingsItems: the catalogue
// derived from seeded orders, paging with opaque tokens, includedData, the 1 000-item ceiling,
// validation and its own 5/s burst-5 plan.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SpApiSimulatorAgent } from '../../../lib/channels/amazon/sp-api-transport.ts';
import { DEV_APP, DEV_SELLER, startAmazonSimulator, type AmazonSimulator } from './server.ts';
import { wire } from './test-client.ts';

const NA = 'sellingpartnerapi-na.amazon.com';
const US = 'ATVPDKIKX0DER';
const SELLER = DEV_SELLER.sellingPartnerId;

let sim: AmazonSimulator;
let agent: SpApiSimulatorAgent;
let token: string;

beforeAll(async () => {
  sim = await startAmazonSimulator({ clock: { start: Date.parse('2026-03-02T12:00:00Z'), speed: 0 } });
  agent = new SpApiSimulatorAgent({ host: '127.0.0.1', port: sim.port, ca: sim.ca });
  const refreshToken = sim.registry.authorize(DEV_APP.clientId, SELLER);
  const r = await wire(agent, {
    host: 'api.amazon.com',
    method: 'POST',
    path: '/auth/o2/token',
    body: {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: DEV_APP.clientId,
      client_secret: DEV_APP.clientSecret,
    },
  });
  token = r.json.access_token as string;
});
afterAll(async () => {
  agent.destroy();
  await sim.close();
});
beforeEach(() => {
  sim.reset();
  sim.listings.clear();
});

const quantityBody = (quantity: unknown) => ({
  productType: 'PRODUCT',
  patches: [
    {
      op: 'merge',
      path: '/attributes/fulfillment_availability',
      value: [{ fulfillment_channel_code: 'DEFAULT', quantity }],
    },
  ],
});

const patch = (
  body: unknown,
  opts: { sku?: string; seller?: string; marketplaceIds?: string | undefined; token?: string | null } = {},
) =>
  wire(agent, {
    host: NA,
    method: 'PATCH',
    path: `/listings/2021-08-01/items/${opts.seller ?? SELLER}/${encodeURIComponent(opts.sku ?? 'SKU-1')}`,
    query: { marketplaceIds: 'marketplaceIds' in opts ? opts.marketplaceIds : US },
    ...(opts.token === null ? {} : { token: opts.token ?? token }),
    body,
  });

describe('patchListingsItem', () => {
  it('accepts a fulfillment_availability merge and stores the quantity per seller + sku + marketplace', async () => {
    const r = await patch(quantityBody(17), { sku: 'A SKU/1' });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ sku: 'A SKU/1', status: 'ACCEPTED', issues: [] });
    expect(r.json.submissionId).toMatch(/^[0-9a-f]{32}$/);
    expect(r.headers['x-amzn-ratelimit-limit']).toBe('5');
    expect(sim.listings.quantity(SELLER, 'A SKU/1', US)).toMatchObject({
      quantity: 17,
      fulfillmentChannelCode: 'DEFAULT',
    });
    expect(sim.calls.log.at(-1)).toMatchObject({ operation: 'listings.patchListingsItem', status: 200 });
  });

  it('rejects requests without marketplaceIds, with an unknown marketplace or a bad body, in the error envelope', async () => {
    const missing = await patch(quantityBody(1), { marketplaceIds: undefined });
    expect(missing.status).toBe(400);
    expect(missing.json.errors[0]).toMatchObject({ code: 'InvalidInput' });
    const unknown = await patch(quantityBody(1), { marketplaceIds: 'A1F83G8C2ARO7P' });
    expect(unknown.status).toBe(400);
    const noType = await patch({ patches: quantityBody(1).patches });
    expect(noType.status).toBe(400);
    expect(noType.json.errors[0]).toMatchObject({
      code: 'InvalidInput',
      message: 'invalid value [productType]',
    });
    const notJson = await wire(agent, {
      host: NA,
      method: 'PATCH',
      path: `/listings/2021-08-01/items/${SELLER}/SKU-1`,
      query: { marketplaceIds: US },
      token,
      rawBody: '{',
    });
    expect(notJson.status).toBe(400);
    expect(sim.listings.all()).toEqual([]);
  });

  it('answers INVALID with issues for a negative quantity, storing nothing', async () => {
    const r = await patch(quantityBody(-1));
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ status: 'INVALID', issues: [{ severity: 'ERROR' }] });
    expect(sim.listings.all()).toEqual([]);
  });

  it('needs a valid access token for the seller in the path', async () => {
    expect((await patch(quantityBody(1), { token: null })).status).toBe(403);
    expect((await patch(quantityBody(1), { token: 'Atza|nope' })).status).toBe(403);
    const other = await patch(quantityBody(1), { seller: 'A1OTHERSELLER' });
    expect(other.status).toBe(403);
    expect(other.json.errors[0]).toMatchObject({ code: 'Unauthorized' });
  });

  it('applies the 5/s, burst 5 usage plan per seller: the sixth call in the same instant is a 429', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await patch(quantityBody(i))).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    sim.clock.advance(200);
    expect((await patch(quantityBody(9))).status).toBe(200);
    expect(sim.listings.quantity(SELLER, 'SKU-1', US)?.quantity).toBe(9);
  });
});

const search = (query: Record<string, string | undefined>, opts: { seller?: string } = {}) =>
  wire(agent, {
    host: NA,
    path: `/listings/2021-08-01/items/${opts.seller ?? SELLER}`,
    query: { marketplaceIds: US, ...query },
    token,
  });

describe('searchListingsItems', () => {
  it('serves the SKUs the seeded orders sell, page by page, with summaries, offers and quantity', async () => {
    const orders = sim.orders.generate({ seed: 'listings', count: 40, marketplaceIds: [US] });
    const skus = new Set(orders.flatMap((o) => o.items.map((i) => i.sellerSku)));
    expect(skus.size).toBeGreaterThan(5);
    const seen: string[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const r = await search({
        includedData: 'summaries,offers,fulfillmentAvailability',
        pageSize: '4',
        sortBy: 'sku',
        sortOrder: 'ASC',
        ...(pageToken ? { pageToken } : {}),
      });
      expect(r.status).toBe(200);
      expect(r.headers['x-amzn-ratelimit-limit']).toBe('5');
      expect(r.json.numberOfResults).toBe(skus.size);
      expect(r.json.items.length).toBeLessThanOrEqual(4);
      for (const item of r.json.items) {
        seen.push(item.sku);
        const sold = orders.flatMap((o) => o.items).find((i) => i.sellerSku === item.sku)!;
        expect(item.summaries).toEqual([
          expect.objectContaining({ marketplaceId: US, asin: sold.asin, itemName: sold.title }),
        ]);
        expect(item.offers[0]).toMatchObject({
          marketplaceId: US,
          offerType: 'B2C',
          price: { currencyCode: 'USD' },
        });
        expect(item.offers[0].price.amount).toMatch(/^\d+\.\d{2}$/);
        expect(item.fulfillmentAvailability[0]).toMatchObject({ fulfillmentChannelCode: 'DEFAULT' });
        expect(item).not.toHaveProperty('attributes');
      }
      pageToken = r.json.pagination?.nextToken;
      pages++;
      sim.clock.advance(1_000);
    } while (pageToken);
    expect(seen).toEqual([...skus].sort());
    expect(pages).toBe(Math.ceil(skus.size / 4));
  });

  it('shows a patched quantity in the next search', async () => {
    sim.listings.add([listing('QTY-1', 5)]);
    await patch(quantityBody(42), { sku: 'QTY-1' });
    const r = await search({ includedData: 'fulfillmentAvailability,summaries' });
    expect(r.json.items[0]).toMatchObject({
      sku: 'QTY-1',
      fulfillmentAvailability: [{ fulfillmentChannelCode: 'DEFAULT', quantity: 42 }],
      summaries: [expect.objectContaining({ status: ['BUYABLE', 'DISCOVERABLE'] })],
    });
  });

  it('reaches at most 1 000 items, as Amazon documents', async () => {
    sim.rateLimits.setEnabled(false);
    sim.listings.add(
      Array.from({ length: 1_005 }, (_, i) => listing(`MANY-${String(i).padStart(4, '0')}`, 1)),
    );
    let count = 0;
    let pageToken: string | undefined;
    let last: { numberOfResults: number } | undefined;
    do {
      const r = await search({
        pageSize: '20',
        sortBy: 'sku',
        sortOrder: 'ASC',
        ...(pageToken ? { pageToken } : {}),
      });
      expect(r.status).toBe(200);
      count += r.json.items.length;
      last = r.json;
      pageToken = r.json.pagination?.nextToken;
    } while (pageToken);
    expect(count).toBe(1_000);
    expect(last?.numberOfResults).toBe(1_005);
  });

  it('rejects bad parameters and foreign or altered page tokens; 403 for another seller', async () => {
    sim.rateLimits.setEnabled(false); // the bucket is checked before validation
    sim.listings.add([listing('V-1', 1), listing('V-2', 1)]);
    expect((await search({ marketplaceIds: undefined })).status).toBe(400);
    expect((await search({ marketplaceIds: 'A1F83G8C2ARO7P' })).status).toBe(400);
    expect((await search({ pageSize: '21' })).status).toBe(400);
    expect((await search({ pageSize: '0' })).status).toBe(400);
    expect((await search({ includedData: 'summaries,prices' })).status).toBe(400);
    expect((await search({ sortBy: 'price' })).status).toBe(400);
    const first = await search({ pageSize: '1' });
    const next = first.json.pagination.nextToken as string;
    expect((await search({ pageSize: '1', pageToken: next })).status).toBe(200);
    const bad = await search({ pageToken: `${next.slice(0, -4)}AAAA` });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0]).toMatchObject({ code: 'InvalidInput', message: 'Invalid pageToken' });
    // A token continues only the search it came from.
    expect((await search({ marketplaceIds: 'A2EUQ1WTGCTBG2', pageToken: next })).status).toBe(400);
    const other = await search({}, { seller: 'A1OTHERSELLER' });
    expect(other.status).toBe(403);
  });

  it('applies its own 5/s, burst 5 usage plan', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await search({})).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(sim.calls.log.at(-1)).toMatchObject({ operation: 'listings.searchListingsItems', status: 429 });
    sim.clock.advance(200);
    expect((await search({})).status).toBe(200);
  });
});

function listing(sku: string, quantity: number) {
  const at = sim.clock.now() - 86_400_000;
  return {
    sellingPartnerId: SELLER,
    marketplaceId: US,
    sku,
    asin: `B0${sku
      .replace(/[^A-Z0-9]/g, '')
      .padEnd(8, 'X')
      .slice(0, 8)}`,
    title: `Title of ${sku}`,
    productType: 'PRODUCT',
    priceMinor: 1999,
    quantity,
    createdAt: at,
    updatedAt: at,
  };
}
