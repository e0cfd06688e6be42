// Every adapter against its courier-simulator stand-in: happy path, auth failure, validation
// errors surfaced as CarrierError with a field, bad postcode, rate-limit retry, lookup by
// reference before retrying a create whose answer was lost, cancel/close-day/track semantics.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEV_COURIER_CREDENTIALS as DEV,
  startCourierSimulator,
  type CourierSimulator,
} from '../../tests/simulators/courier/server.ts';
import { CarrierError, type Address, type CreateShipmentInput } from './courier-adapter.ts';
import { dhlAdapter } from './dhl.ts';
import { dpdAdapter } from './dpd.ts';
import { royalMailAdapter } from './royal-mail.ts';
import { testCarrierAdapter } from './test-carrier.ts';

let sim: CourierSimulator;
beforeAll(async () => {
  sim = await startCourierSimulator();
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.faults.reset();
  sim.switches.reset();
  sim.calls.clear();
});

const retry = { attempts: 3, baseDelayMs: 5 };
const http = (carrier: Parameters<CourierSimulator['baseUrl']>[0]) => ({
  baseUrl: sim.baseUrl(carrier),
  timeoutMs: 2_000,
  retry,
});
const adapters = {
  test: (apiKey: string = DEV.test.apiKey) => testCarrierAdapter({ ...http('test'), apiKey }),
  rm: (apiKey: string = DEV['royal-mail'].apiKey) => royalMailAdapter({ ...http('royal-mail'), apiKey }),
  dpd: (password: string = DEV.dpd.password) =>
    dpdAdapter({
      ...http('dpd'),
      username: DEV.dpd.username,
      password,
      accountNumber: DEV.dpd.accountNumber,
    }),
  dhl: (apiSecret: string = DEV.dhl.apiSecret, accountNumber: string = DEV.dhl.accountNumber) =>
    dhlAdapter({ ...http('dhl'), apiKey: DEV.dhl.apiKey, apiSecret, accountNumber }),
};

const shipFrom: Address = {
  name: 'Packline Demo Ltd',
  company: 'Packline Demo Ltd',
  line1: 'Roebuck Lane',
  city: 'Birmingham',
  postcode: 'B66 1BY',
  countryCode: 'GB',
  phone: '01215002500',
};
const shipTo: Address = {
  name: 'Jane Smith',
  line1: '10 Downing Street',
  city: 'London',
  postcode: 'SW1A 2AA',
  countryCode: 'GB',
  phone: '07921000001',
};
let refs = 0;
const input = (over: Partial<CreateShipmentInput> = {}): CreateShipmentInput => ({
  reference: `PKL-${++refs}`,
  serviceCode: 'TEST24',
  shipFrom,
  shipTo,
  parcels: [{ weightGrams: 750 }],
  shipDate: new Date().toISOString(),
  label: { format: 'PDF' },
  valueMinor: 2599,
  currency: 'GBP',
  ...over,
});

async function carrierError(p: Promise<unknown>): Promise<CarrierError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CarrierError);
  return error as CarrierError;
}

const posts = (carrier: Parameters<CourierSimulator['calls']['list']>[0], path: string) =>
  sim.calls.list(carrier).filter((c) => c.method === 'POST' && c.path === path);

describe('TEST carrier', () => {
  it('creates a shipment with PDF and ZPL labels, tracks, manifests, cancels', async () => {
    const a = adapters.test();
    await a.verifyCredentials();
    const r = await a.createShipment(input());
    expect(r.trackingNumber).toMatch(/^PKL\d{10}$/);
    expect(r.labels.map((l) => l.format).sort()).toEqual(['PDF', 'ZPL']);
    expect(
      Buffer.from(r.labels.find((l) => l.format === 'PDF')!.data)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect(await a.track(r.trackingNumber!)).toEqual([expect.objectContaining({ code: 'CREATED' })]);
    const other = await a.createShipment(input());
    expect(await a.cancel(other.carrierShipmentId)).toBe('cancelled');
    const day = await a.closeDay(new Date().toISOString().slice(0, 10));
    expect(day.status).toBe('done');
    expect(await a.cancel(r.carrierShipmentId)).toBe('rejected'); // manifested
  });

  it('auth, validation (with field) and address failures are CarrierErrors of the right kind', async () => {
    expect((await carrierError(adapters.test('wrong-key-000000').createShipment(input()))).kind).toBe('AUTH');
    const v = await carrierError(adapters.test().createShipment(input({ serviceCode: 'NOPE' })));
    expect([v.kind, v.field, v.retryable]).toEqual(['VALIDATION', 'service', false]);
    const bad = await carrierError(
      adapters.test().createShipment(input({ shipTo: { ...shipTo, postcode: 'ZZ99 9ZZ' } })),
    );
    expect([bad.kind, bad.field]).toEqual(['ADDRESS', 'shipTo.postcode']);
    expect(bad.message).not.toContain('ZZ99');
  });

  it('retries a 429 and a 503, but only within the bound', async () => {
    sim.faults.set({ failNext: 2, failWith: 429, carriers: ['test'] });
    await adapters.test().createShipment(input());
    expect(posts('test', '/v1/shipments').map((c) => c.status)).toEqual([429, 429, 201]);
    sim.calls.clear();
    sim.faults.set({ failNext: 5, failWith: 503, carriers: ['test'], match: /^GET \/v1\/account$/ });
    expect((await carrierError(adapters.test().verifyCredentials())).kind).toBe('CARRIER_DOWN');
    expect(sim.calls.list('test')).toHaveLength(3);
  });

  it('looks the shipment up by reference before retrying a create whose answer was lost', async () => {
    sim.faults.set({ failNext: 1, failWith: 'lost-response', carriers: ['test'], match: /^POST / });
    const i = input();
    const r = await adapters.test().createShipment(i);
    const created = sim.shipments('test').filter((s) => s.reference === i.reference);
    expect(created).toHaveLength(1);
    expect(r.trackingNumber).toBe(created[0]!.trackingNumber);
    expect(posts('test', '/v1/shipments')).toHaveLength(1);
    expect(sim.calls.list('test').some((c) => c.method === 'GET' && c.query.includes(i.reference))).toBe(
      true,
    );
  });

  it('a malformed answer is the carrier failing, not a crash', async () => {
    sim.faults.set({ failNext: 3, failWith: 'malformed', carriers: ['test'], match: /^GET / });
    expect((await carrierError(adapters.test().track('PKL0000000001'))).kind).toBe('CARRIER_DOWN');
  });

  it('sends the recipient only to the carrier it ships with', async () => {
    await adapters.test().createShipment(input());
    const withName = sim.calls.list().filter((c) => JSON.stringify(c.body ?? '').includes(shipTo.name));
    expect(withName.map((c) => c.carrier)).toEqual(['test']);
  });
});

describe('Royal Mail Click & Drop', () => {
  const rm = (over: Partial<CreateShipmentInput> = {}) => input({ serviceCode: 'TPN24', ...over });

  it('creates an order with its PDF label and an S10 tracking number, cancels, manifests', async () => {
    const r = await adapters.rm().createShipment(rm());
    expect(r.trackingNumber).toMatch(/^TT\d{9}GB$/);
    expect(r.labels).toEqual([expect.objectContaining({ format: 'PDF', mediaType: 'application/pdf' })]);
    const body = posts('royal-mail', '/orders')[0]!.body as { items: Record<string, unknown>[] };
    expect(body.items[0]).toMatchObject({
      packages: [{ weightInGrams: 750, packageFormatIdentifier: 'smallParcel' }],
      total: 25.99,
      postageDetails: { serviceCode: 'TPN24' },
    });
    const other = await adapters.rm().createShipment(rm());
    expect(await adapters.rm().cancel(other.carrierShipmentId)).toBe('cancelled');
    expect((await adapters.rm().closeDay('2026-11-25')).status).toBe('done');
    expect((await adapters.rm().closeDay('2026-11-25')).status).toBe('not_required');
  });

  it('reads failures inside HTTP 200 (failedOrders) as CarrierErrors with the neutral field', async () => {
    const noCity = await carrierError(adapters.rm().createShipment(rm({ shipTo: { ...shipTo, city: '' } })));
    expect([noCity.kind, noCity.field]).toEqual(['VALIDATION', 'shipTo.city']);
    const badPostcode = await carrierError(
      adapters.rm().createShipment(rm({ shipTo: { ...shipTo, postcode: 'ZZ99 9ZZ' } })),
    );
    expect([badPostcode.kind, badPostcode.field]).toEqual(['ADDRESS', 'shipTo.postcode']);
    const service = await carrierError(adapters.rm().createShipment(rm({ serviceCode: 'SD1' })));
    expect([service.kind, service.field]).toEqual(['SERVICE_UNAVAILABLE', 'serviceCode']);
    expect(posts('royal-mail', '/orders').every((c) => c.status === 200)).toBe(true);
    expect((await carrierError(adapters.rm('00000000-bad').createShipment(rm()))).kind).toBe('AUTH');
  });

  it('paces itself under 5 requests/s, and rides out a stricter limit with bounded retries', async () => {
    await Promise.all([1, 2, 3, 4].map(() => adapters.rm().createShipment(rm())));
    expect(sim.calls.list('royal-mail').every((c) => c.status !== 429)).toBe(true);
    sim.switches.set({ royalMailRatePerSecond: 2 });
    const slow = royalMailAdapter({
      ...http('royal-mail'),
      apiKey: DEV['royal-mail'].apiKey,
      retry: { attempts: 5, baseDelayMs: 300 },
    });
    const results = await Promise.all([1, 2, 3].map(() => slow.createShipment(rm())));
    expect(results.every((r) => r.trackingNumber)).toBe(true);
    expect(sim.calls.list('royal-mail').some((c) => c.status === 429)).toBe(true);
  });

  it('finds the order by reference instead of creating it twice, and manifests via 202 → GET', async () => {
    sim.faults.set({
      failNext: 1,
      failWith: 'lost-response',
      carriers: ['royal-mail'],
      match: /^POST \/orders$/,
    });
    const i = rm();
    const r = await adapters.rm().createShipment(i);
    expect(sim.shipments('royal-mail').filter((s) => s.reference === i.reference)).toHaveLength(1);
    expect(r.labels[0]?.format).toBe('PDF');
    expect(sim.calls.list('royal-mail').some((c) => c.method === 'GET' && c.path.includes('%22'))).toBe(true);
    sim.switches.set({ royalMailManifestPending: true });
    const day = await adapters.rm().closeDay('2026-11-25');
    expect(day.status).toBe('done');
  });

  it('an OLP key gets no label: the order is undone and NOT_SUPPORTED surfaces', async () => {
    sim.switches.set({ royalMailAccountType: 'OLP' });
    const e = await carrierError(adapters.rm().createShipment(rm()));
    expect(e.kind).toBe('NOT_SUPPORTED');
    expect(sim.shipments('royal-mail').at(-1)?.status).toBe('cancelled');
  });
});

describe('DPD UK', () => {
  const dpd = (over: Partial<CreateShipmentInput> = {}) => input({ serviceCode: '1^12', ...over });

  it('logs in once, ships in kg, returns the carrier ZPL label and 14-digit parcel numbers', async () => {
    const a = adapters.dpd();
    const r = await a.createShipment(dpd({ parcels: [{ weightGrams: 1250 }] }));
    expect(r.trackingNumber).toMatch(/^\d{14}$/);
    expect(r.labels[0]).toMatchObject({ format: 'ZPL' });
    expect(Buffer.from(r.labels[0]!.data).toString()).toMatch(/^\^XA[\s\S]*\^XZ$/);
    const shipment = posts('dpd', '/shipping/shipment')[0]!.body as {
      consignment: Record<string, unknown>[];
    };
    expect(shipment.consignment[0]).toMatchObject({
      totalWeight: 1.25,
      numberOfParcels: 1,
      networkCode: '1^12',
    });
    await a.createShipment(dpd());
    expect(posts('dpd', '/user/')).toHaveLength(1);
  });

  it('re-logs in when the geoSession expired', async () => {
    sim.switches.set({ dpdSessionTtlMs: 1 });
    await adapters.dpd().verifyCredentials();
    await new Promise((r) => setTimeout(r, 5));
    sim.switches.reset();
    await adapters.dpd().createShipment(dpd());
    expect(posts('dpd', '/user/').length).toBeGreaterThanOrEqual(2);
  });

  it('auth, network and postcode failures are CarrierErrors; validation errors name the field', async () => {
    expect((await carrierError(adapters.dpd('wrong').verifyCredentials())).kind).toBe('AUTH');
    const network = await carrierError(adapters.dpd().createShipment(dpd({ serviceCode: '1^50' })));
    expect([network.kind, network.field]).toEqual(['SERVICE_UNAVAILABLE', 'serviceCode']);
    const postcode = await carrierError(
      adapters.dpd().createShipment(dpd({ shipTo: { ...shipTo, postcode: 'ZZ99 9ZZ' } })),
    );
    expect([postcode.kind, postcode.field]).toEqual(['ADDRESS', 'shipTo.postcode']);
    const town = await carrierError(adapters.dpd().createShipment(dpd({ shipTo: { ...shipTo, city: '' } })));
    expect([town.kind, town.field]).toEqual(['VALIDATION', 'shipTo.city']);
  });

  it('looks up by reference before retrying, voids, manifests; both may be unavailable', async () => {
    sim.faults.set({
      failNext: 1,
      failWith: 'lost-response',
      carriers: ['dpd'],
      match: /^POST \/shipping\/shipment$/,
    });
    const i = dpd();
    const r = await adapters.dpd().createShipment(i);
    expect(sim.shipments('dpd').filter((s) => s.reference === i.reference)).toHaveLength(1);
    expect(r.labels[0]?.format).toBe('ZPL');
    expect(await adapters.dpd().cancel(r.carrierShipmentId)).toBe('cancelled');
    expect((await adapters.dpd().closeDay('2026-11-25')).status).toBe('done');
    sim.switches.set({ dpdVoidManifestUnavailable: true });
    expect(await adapters.dpd().cancel(r.carrierShipmentId)).toBe('not_supported');
    expect((await adapters.dpd().closeDay('2026-11-25')).status).toBe('not_required');
  });
});

describe('DHL Express MyDHL', () => {
  const dhl = (over: Partial<CreateShipmentInput> = {}) => input({ serviceCode: 'N', ...over });

  it('creates with kg/cm, returns AWB, piece ids and the PDF label; tracks its own shipment', async () => {
    const r = await adapters
      .dhl()
      .createShipment(dhl({ parcels: [{ weightGrams: 500, lengthMm: 301, widthMm: 200, heightMm: 100 }] }));
    expect(r.trackingNumber).toMatch(/^\d{10}$/);
    expect(r.parcelTrackingNumbers[0]).toMatch(/^JD\d{18}$/);
    expect(r.labels[0]?.format).toBe('PDF');
    const body = posts('dhl', '/shipments')[0]!.body as { content: { packages: unknown[] } };
    expect(body.content.packages[0]).toEqual({
      weight: 0.5,
      dimensions: { length: 31, width: 20, height: 10 },
    });
    expect(await adapters.dhl().track(r.trackingNumber!)).toEqual([expect.objectContaining({ code: 'PU' })]);
    expect(await adapters.dhl().cancel(r.carrierShipmentId)).toBe('not_supported');
    expect((await adapters.dhl().closeDay('2026-11-25')).status).toBe('not_required');
  });

  it('422 schema errors carry the field; 400 business errors their code', async () => {
    expect((await carrierError(adapters.dhl('wrong').createShipment(dhl()))).kind).toBe('AUTH');
    const phone = await carrierError(
      adapters.dhl().createShipment(dhl({ shipTo: { ...shipTo, phone: undefined } })),
    );
    expect([phone.kind, phone.field]).toEqual(['VALIDATION', 'shipTo.phone']);
    const lane = await carrierError(adapters.dhl().createShipment(dhl({ serviceCode: 'P' })));
    expect([lane.kind, lane.carrierCode]).toEqual(['SERVICE_UNAVAILABLE', '7008']);
    const account = await carrierError(adapters.dhl(undefined, '999999999').createShipment(dhl()));
    expect(account.carrierCode).toBe('8003');
    const past = await carrierError(adapters.dhl().createShipment(dhl({ shipDate: '2020-01-01T10:00:00Z' })));
    expect([past.kind, past.carrierCode, past.field]).toEqual(['VALIDATION', '998', 'shipDate']);
    const postcode = await carrierError(
      adapters.dhl().createShipment(dhl({ shipTo: { ...shipTo, postcode: 'ZZ99 9ZZ' } })),
    );
    expect(postcode.kind).toBe('ADDRESS');
  });

  it('retries a 429, but never re-sends a create that may have gone through (no lookup at DHL)', async () => {
    sim.faults.set({ failNext: 1, failWith: 429, carriers: ['dhl'] });
    await adapters.dhl().createShipment(dhl());
    expect(posts('dhl', '/shipments').map((c) => c.status)).toEqual([429, 201]);
    sim.calls.clear();
    sim.faults.set({ failNext: 1, failWith: 503, carriers: ['dhl'] });
    expect((await carrierError(adapters.dhl().createShipment(dhl()))).kind).toBe('CARRIER_DOWN');
    expect(posts('dhl', '/shipments')).toHaveLength(1);
  });
});
