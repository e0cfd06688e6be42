// The courier simulator's stand-ins at the HTTP level: auth is checked before the body, each
// carrier answers in its own envelope and status, and the fault injection and call log work.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEV_COURIER_CREDENTIALS as DEV, startCourierSimulator, type CourierSimulator } from './server.ts';

let sim: CourierSimulator;
beforeAll(async () => {
  sim = await startCourierSimulator();
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.faults.reset();
  sim.calls.clear();
});

const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;
async function req(url: string, init: RequestInit = {}) {
  const res = await fetch(url, init);
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, type: res.headers.get('content-type') ?? '', json, text };
}

describe('courier simulator', () => {
  it('Royal Mail: /version open, 401 before looking at the body, 400 {code,message} for an empty order list', async () => {
    const rm = sim.baseUrl('royal-mail');
    expect((await req(`${rm}/version`)).status).toBe(200);
    const noAuth = await req(`${rm}/orders`, { method: 'POST', body: 'not json' });
    expect([noAuth.status, noAuth.text]).toEqual([401, '']);
    const empty = await req(`${rm}/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${DEV['royal-mail'].apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ items: [] }),
    });
    expect(empty.status).toBe(400);
    expect(empty.json).toMatchObject({ code: '400', message: expect.any(String) });
  });

  it('DPD: login issues a geoSession; calls without it are 401 in DPD’s envelope; bad postcodes offer no network', async () => {
    const dpd = sim.baseUrl('dpd');
    expect(
      (
        await req(`${dpd}/user/?action=login`, {
          method: 'POST',
          headers: { authorization: basic('x', 'y') },
        })
      ).status,
    ).toBe(401);
    const login = await req(`${dpd}/user/?action=login`, {
      method: 'POST',
      headers: { authorization: basic(DEV.dpd.username, DEV.dpd.password) },
    });
    const geoSession = (login.json as { data: { geoSession: string } }).data.geoSession;
    const denied = await req(`${dpd}/shipping/network/`);
    expect(denied.status).toBe(401);
    expect(denied.json).toMatchObject({ data: null, error: [{ errorType: 'Authentication' }] });
    const headers = { geosession: geoSession, geoclient: `account/${DEV.dpd.accountNumber}` };
    const q = (postcode: string) =>
      `${dpd}/shipping/network/?deliveryDetails.address.countryCode=GB&deliveryDetails.address.postcode=${encodeURIComponent(postcode)}`;
    expect(((await req(q('SW1A 2AA'), { headers })).json as { data: unknown[] }).data.length).toBeGreaterThan(
      0,
    );
    expect((await req(q('ZZ99 9ZZ'), { headers })).json).toEqual({ error: null, data: [] });
  });

  it('DHL: 401 problem+json, 422 for schema errors incl. extraneous keys, no DELETE /shipments', async () => {
    const dhl = sim.baseUrl('dhl');
    const unauthorised = await req(`${dhl}/shipments`, { method: 'POST', body: '{}' });
    expect([unauthorised.status, unauthorised.type]).toEqual([401, 'application/problem+json']);
    const auth = {
      authorization: basic(DEV.dhl.apiKey, DEV.dhl.apiSecret),
      'content-type': 'application/json',
    };
    const schema = await req(`${dhl}/shipments`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ productCode: '', surprise: 1 }),
    });
    expect(schema.status).toBe(422);
    expect((schema.json as { additionalDetails: string[] }).additionalDetails).toEqual(
      expect.arrayContaining([
        '#: extraneous key [surprise] is not permitted',
        '#/productCode: expected minLength: 1, actual: 0',
        '#: required key [accounts] not found',
      ]),
    );
    expect((await req(`${dhl}/shipments/1103733901`, { method: 'DELETE', headers: auth })).status).toBe(405);
    expect((await req(`${dhl}/shipments/9356579890/tracking`, { headers: auth })).status).toBe(200);
  });

  it('fault injection hits only the chosen carrier; the call log keeps bodies', async () => {
    sim.faults.set({ failNext: 1, failWith: 503, carriers: ['test'] });
    const headers = { 'x-api-key': DEV.test.apiKey };
    expect((await req(`${sim.baseUrl('royal-mail')}/version`)).status).toBe(200);
    expect((await req(`${sim.baseUrl('test')}/v1/account`, { headers })).status).toBe(503);
    expect((await req(`${sim.baseUrl('test')}/v1/account`, { headers })).status).toBe(200);
    await req(`${sim.baseUrl('test')}/v1/manifests`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ date: '2026-11-25' }),
    });
    expect(sim.calls.list('test').map((c) => [c.status, c.fault])).toEqual([
      [503, '5xx'],
      [200, undefined],
      [201, undefined],
    ]);
    expect(sim.calls.list('test')[2]?.body).toEqual({ date: '2026-11-25' });
  });
});
