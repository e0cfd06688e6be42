// Listings Items patchListingsItem in the simulator, on the wire: auth, validation errors in the
// `{"errors":[…]}` envelope, INVALID submissions with issues, the per-seller quantity store, the
// 5/s burst-5 usage plan, and a 403 for another seller's path.
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
