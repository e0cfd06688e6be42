// Listings import end to end against the SP-API simulator (rate limits on, real time): connecting
// queues the amazon.import-listings job, a REAL worker runs it, the REAL amazon-sp-api client
// pages searchListingsItems per marketplace through our Redis token bucket. Proven from the
// database and the simulator's call log: every listing with title, price, Amazon's quantity and
// status; same-SKU products mapped; idempotent re-import that keeps a user's unmapping; a malformed
// page fails the import with nothing written; no 429, ever.
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { withTenant } from '../../db/tenant.ts';
import { setTestEnv } from '../../../tests/helpers/test-env.ts';
import { closeQueues } from '../../jobs/queues.ts';
import { createLogger } from '../../logger.ts';
import { userContext, type TenantContext } from '../../tenancy/tenant-context.ts';
import { listChannelListings, mapChannelListing } from '../../catalogue/channel-listings.ts';
import { jobHandlers } from '../../../jobs/registry.ts';
import { startWorker, type RunningWorker } from '../../../jobs/start-worker.ts';
import { addMember, createOrganization, createUser } from '../../../tests/factories.ts';
import { createTestProduct, memberContext } from '../../../tests/factories/inventory.ts';
import {
  DEV_APP,
  DEV_SELLER,
  startAmazonSimulator,
  type AmazonSimulator,
} from '../../../tests/simulators/amazon/server.ts';
import type { SimListing } from '../../../tests/simulators/amazon/listings-items.ts';
import { closeAmazonRedis } from './amazon-redis.ts';
import { connectAmazonSelfAuthorized } from './connect-amazon-self-authorized.ts';
import { importListings } from './import-listings.ts';
import { requestListingsImport } from './import-listings-request.ts';
import { AmazonResponseError } from './schemas.ts';
import { expectInvalidInput } from '../../../tests/helpers/expect-error.ts';

vi.setConfig({ testTimeout: 120_000 });

const [US, CA] = DEV_SELLER.marketplaceIds as [string, string];
const OP = 'listings.searchListingsItems';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const silent = createLogger({ destination: new Writable({ write: (_c, _e, cb) => cb() }) });

async function waitFor<T>(
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(50);
  }
}

let sim: AmazonSimulator;
let worker: RunningWorker;
let organizationId: string;
let owner: TenantContext;
let integrationId: string;
let knownProductId: string;
const SUFFIX = randomBytes(3).toString('hex').toUpperCase();

function simListing(marketplaceId: string, n: number, over: Partial<SimListing> = {}): SimListing {
  const sku = `IMP-${SUFFIX}-${String(n).padStart(3, '0')}`;
  const at = sim.clock.now() - 10 * 86_400_000;
  return {
    sellingPartnerId: DEV_SELLER.sellingPartnerId,
    marketplaceId,
    sku,
    asin: `B0IMP${String(n).padStart(5, '0')}`,
    title: `Imported item ${n}`,
    productType: 'PRODUCT',
    priceMinor: 1_000 + n,
    quantity: n % 7,
    createdAt: at,
    updatedAt: at,
    ...over,
  };
}

const rowsOf = () =>
  withTenant(organizationId, (tx) =>
    tx.channelListing.findMany({
      where: { organizationId, integrationId },
      orderBy: [{ marketplaceId: 'asc' }, { sellerSku: 'asc' }],
    }),
  );

const searchCalls = () => sim.calls.log.filter((c) => c.operation === OP);

beforeAll(async () => {
  sim = await startAmazonSimulator({ rateLimits: true });
  setTestEnv({
    AMAZON_SP_API_SIMULATOR: `127.0.0.1:${sim.port}`,
    AMAZON_SP_API_CA_PATH: sim.caPath,
  });
  // 45 US listings (3 pages of 20) and 12 CA ones, the first 5 in both marketplaces.
  sim.listings.add([
    ...Array.from({ length: 45 }, (_, n) => simListing(US, n)),
    ...Array.from({ length: 12 }, (_, n) => simListing(CA, n, { priceMinor: 2_000 + n })),
  ]);

  const org = await createOrganization();
  organizationId = org.id;
  const user = await createUser();
  await addMember(org.id, user.id, 'OWNER');
  owner = userContext({ organizationId, userId: user.id, role: 'OWNER' });
  knownProductId = (await createTestProduct(organizationId, { sku: `IMP-${SUFFIX}-003` })).id;
  worker = await startWorker({
    logger: silent,
    concurrency: 4,
    closeDatabase: false,
    // The order sync is not under test here: keep its scheduler's calls out of the call log.
    handlers: { ...jobHandlers, 'amazon.sync-orders': async () => undefined },
  });
});

afterAll(async () => {
  await worker?.close();
  await closeQueues();
  await closeAmazonRedis();
  await sim?.close();
});

beforeEach(() => sim.calls.clear());

describe('listings import', () => {
  it('runs at connect: every listing per marketplace with title, price, quantity, status; same-SKU product mapped', async () => {
    const token = sim.registry.authorize(DEV_APP.clientId, DEV_SELLER.sellingPartnerId);
    ({ integrationId } = await connectAmazonSelfAuthorized(owner, {
      sellingPartnerId: DEV_SELLER.sellingPartnerId,
      region: 'na',
      refreshToken: token,
    }));
    const rows = await waitFor(async () => {
      const r = await rowsOf();
      return r.length === 57 && r;
    });
    // US pages 20 + 20 + 5, CA one page.
    expect(searchCalls().filter((c) => c.status === 200)).toHaveLength(4);
    expect(searchCalls().every((c) => c.tokenKind === 'lwa')).toBe(true);

    const us7 = rows.find((r) => r.marketplaceId === US && r.sellerSku === `IMP-${SUFFIX}-007`)!;
    expect(us7).toMatchObject({
      asin: 'B0IMP00007',
      title: 'Imported item 7',
      priceMinor: 1_007n,
      priceCurrency: 'USD',
      amazonQuantity: 0,
      amazonStatuses: ['DISCOVERABLE'],
      productId: null,
    });
    expect(us7.importedAt).toBeInstanceOf(Date);
    const ca2 = rows.find((r) => r.marketplaceId === CA && r.sellerSku === `IMP-${SUFFIX}-002`)!;
    expect(ca2).toMatchObject({
      priceMinor: 2_002n,
      priceCurrency: 'CAD',
      amazonQuantity: 2,
      amazonStatuses: ['BUYABLE', 'DISCOVERABLE'],
    });
    // The product with the same SKU is mapped in both marketplaces; the rest wait for mapping.
    expect(rows.filter((r) => r.productId === knownProductId).map((r) => r.marketplaceId)).toEqual([CA, US]);
    const unmapped = await listChannelListings(owner, { integrationId, unmappedOnly: true, limit: 500 });
    expect(unmapped).toHaveLength(55);
  });

  it('re-import is idempotent, follows Amazon’s changes and keeps a user’s unmapping', async () => {
    const before = await rowsOf();
    const known = before.find((r) => r.marketplaceId === US && r.productId === knownProductId)!;
    await mapChannelListing(owner, { listingId: known.id, productId: null });
    sim.listings.add([simListing(US, 10, { title: 'Renamed item 10', priceMinor: 1_999 })]);

    const result = await importListings(organizationId, integrationId, { logger: silent });
    expect(result).toEqual({
      outcome: 'imported',
      listings: 57,
      created: 0,
      mapped: 0,
      pages: 4,
      truncated: false,
    });
    const after = await rowsOf();
    expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
    expect(after.find((r) => r.id === known.id)?.productId).toBeNull();
    expect(after.find((r) => r.marketplaceId === US && r.sellerSku === `IMP-${SUFFIX}-010`)).toMatchObject({
      title: 'Renamed item 10',
      priceMinor: 1_999n,
    });
  });

  it('a malformed page fails the whole import with nothing written', async () => {
    const before = await rowsOf();
    sim.listings.add([
      simListing(US, 20, { title: 'Would be renamed' }),
      // Sorted last (page 3): its offer's price is not a decimal.
      simListing(US, 99, {
        override: {
          offers: [{ marketplaceId: US, offerType: 'B2C', price: { currencyCode: 'USD', amount: 'n/a' } }],
        },
      }),
    ]);
    const failure = await importListings(organizationId, integrationId, { logger: silent }).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(AmazonResponseError);
    expect(String(failure)).toMatch(/items\.\d+\.offers\.0\.price\.amount/);
    expect(String(failure)).not.toContain('n/a'); // paths and codes, never values
    expect(await rowsOf()).toEqual(before);
    sim.listings.add([simListing(US, 99)]); // repaired: the next import writes both
    await importListings(organizationId, integrationId, { logger: silent });
    const after = await rowsOf();
    expect(after).toHaveLength(58);
    expect(after.find((r) => r.sellerSku === `IMP-${SUFFIX}-020` && r.marketplaceId === US)?.title).toBe(
      'Would be renamed',
    );
  });

  it('never exceeds the operation quota: back-to-back imports meet no 429', async () => {
    sim.rateLimits.resetBuckets();
    await Promise.all([
      importListings(organizationId, integrationId, { logger: silent }),
      importListings(organizationId, integrationId, { logger: silent }),
      importListings(organizationId, integrationId, { logger: silent }),
    ]);
    const calls = searchCalls();
    expect(calls).toHaveLength(12);
    expect(calls.filter((c) => c.status === 429)).toEqual([]);
  });

  it('the button queues one import for a connected integration of this organization only', async () => {
    const viewer = await memberContext(organizationId, 'VIEWER');
    await expect(requestListingsImport(viewer, { integrationId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const other = await createOrganization();
    const otherOwner = await memberContext(other.id, 'OWNER');
    await expect(requestListingsImport(otherOwner, { integrationId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expectInvalidInput(requestListingsImport(owner, { integrationId: 'nope' }), 'integrationId');
    sim.listings.add([simListing(CA, 40)]);
    expect(await requestListingsImport(owner, { integrationId })).toEqual({ queued: true });
    await waitFor(async () => (await rowsOf()).length === 59);
  });
});
