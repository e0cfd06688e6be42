// The built-in TEST carrier's API (Packline's own small JSON API; ARCHITECTURE.md §6): API key in
// `X-Api-Key`; create → tracking number + PDF and ZPL labels; lookup by reference; cancel;
// manifest; track. Errors: `{error:{code, message, field?}}` with 401/404/409/422.
import { simulatorPdf, simulatorZpl } from './documents.ts';
import { INVALID_JSON, isObject, json, type SimReply, type SimRequest } from './http.ts';
import {
  DEV_COURIER_CREDENTIALS,
  isBadPostcode,
  nextCounter,
  type SimShipment,
  type SimState,
} from './state.ts';

export const TEST_SERVICES = ['TEST24', 'TEST48', 'TESTINTL'] as const;

const err = (status: number, code: string, message: string, field?: string) =>
  json(status, { error: { code, message, ...(field ? { field } : {}) } });

function trackingNumber(n: number): string {
  return `PKL${String(n).padStart(10, '0')}`;
}

function view(s: SimShipment) {
  return {
    id: s.id,
    reference: s.reference,
    service: s.serviceCode,
    status: s.status,
    trackingNumber: s.trackingNumber,
    parcels: s.parcelNumbers.map((trackingNumber) => ({ trackingNumber })),
    createdAt: new Date(s.createdAt).toISOString(),
  };
}

function checkAddress(value: unknown, path: string): SimReply | null {
  if (!isObject(value)) return err(422, 'validation', `${path} is required`, path);
  for (const key of ['name', 'line1', 'city', 'countryCode'] as const) {
    const v = value[key];
    if (typeof v !== 'string' || !v.trim())
      return err(422, 'validation', `${path}.${key} is required`, `${path}.${key}`);
    if (v.length > 100) return err(422, 'validation', `${path}.${key} is longer than 100`, `${path}.${key}`);
  }
  if (!/^[A-Z]{2}$/.test(String(value.countryCode)))
    return err(422, 'validation', `${path}.countryCode must be ISO alpha-2`, `${path}.countryCode`);
  if (isBadPostcode(value.postcode))
    return err(422, 'invalid_address', `${path}.postcode is not a deliverable postcode`, `${path}.postcode`);
  return null;
}

export async function handleTestCarrier(req: SimRequest, state: SimState): Promise<SimReply> {
  if (req.headers['x-api-key'] !== DEV_COURIER_CREDENTIALS.test.apiKey)
    return err(401, 'unauthorized', 'missing or invalid X-Api-Key');
  const route = `${req.method} ${req.path}`;
  if (route === 'GET /v1/account')
    return json(200, { name: 'Packline Test Carrier (simulator)', services: TEST_SERVICES });

  if (route === 'POST /v1/shipments') {
    const b = req.body;
    if (b === INVALID_JSON || !isObject(b)) return err(400, 'bad_request', 'body must be a JSON object');
    if (typeof b.reference !== 'string' || !b.reference || b.reference.length > 50)
      return err(422, 'validation', 'reference is required (≤ 50)', 'reference');
    if (typeof b.service !== 'string' || !(TEST_SERVICES as readonly string[]).includes(b.service))
      return err(422, 'validation', `service must be one of ${TEST_SERVICES.join(', ')}`, 'service');
    const bad = checkAddress(b.shipFrom, 'shipFrom') ?? checkAddress(b.shipTo, 'shipTo');
    if (bad) return bad;
    if (!Array.isArray(b.parcels) || b.parcels.length < 1)
      return err(422, 'validation', 'parcels needs at least one parcel', 'parcels');
    let weightGrams = 0;
    for (const [i, p] of b.parcels.entries()) {
      const w = isObject(p) ? p.weightGrams : undefined;
      if (typeof w !== 'number' || !Number.isInteger(w) || w < 1 || w > 30_000)
        return err(422, 'validation', 'weightGrams must be an integer 1–30000', `parcels.${i}.weightGrams`);
      weightGrams += w;
    }
    const n = nextCounter(state, 'test');
    const shipTo = b.shipTo as Record<string, string>;
    const parcelNumbers = b.parcels.map((_, i) => `${trackingNumber(n)}-${i + 1}`);
    const shipment: SimShipment = {
      carrier: 'test',
      id: `tst_${String(n).padStart(6, '0')}`,
      reference: b.reference,
      trackingNumber: trackingNumber(n),
      parcelNumbers,
      serviceCode: b.service,
      weightGrams,
      createdAt: Date.now(),
      status: 'created',
      recipient: { name: shipTo.name!, postcode: shipTo.postcode, countryCode: shipTo.countryCode! },
    };
    state.shipments.push(shipment);
    const formats = Array.isArray(b.labelFormats) ? b.labelFormats : ['PDF'];
    const labels = [];
    if (formats.includes('PDF')) {
      const pdf = await simulatorPdf('TEST CARRIER', [shipment.trackingNumber, b.service]);
      labels.push({ format: 'PDF', content: pdf.toString('base64') });
    }
    if (formats.includes('ZPL'))
      labels.push({
        format: 'ZPL',
        content: Buffer.from(simulatorZpl('TEST CARRIER', shipment.trackingNumber)).toString('base64'),
      });
    return json(201, { ...view(shipment), labels });
  }

  if (route === 'GET /v1/shipments') {
    const reference = req.query.get('reference');
    if (!reference) return err(400, 'bad_request', 'reference query parameter is required', 'reference');
    return json(200, {
      shipments: state.shipments.filter((s) => s.carrier === 'test' && s.reference === reference).map(view),
    });
  }

  const cancel = /^DELETE \/v1\/shipments\/([^/]+)$/.exec(route);
  if (cancel) {
    const s = state.shipments.find((x) => x.carrier === 'test' && x.id === cancel[1]);
    if (!s) return err(404, 'not_found', 'no such shipment');
    if (s.status === 'manifested')
      return err(409, 'already_manifested', 'a manifested shipment cannot be cancelled');
    s.status = 'cancelled';
    return json(200, { id: s.id, status: 'cancelled' });
  }

  if (route === 'POST /v1/manifests') {
    const b = req.body;
    const date = isObject(b) ? b.date : undefined;
    if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date))
      return err(422, 'validation', 'date must be YYYY-MM-DD', 'date');
    const open = state.shipments.filter((s) => s.carrier === 'test' && s.status === 'created');
    for (const s of open) s.status = 'manifested';
    const pdf = await simulatorPdf('TEST CARRIER MANIFEST', [date, ...open.map((s) => s.trackingNumber)]);
    return json(201, {
      manifestId: `man_${date}_${nextCounter(state, 'test')}`,
      shipmentCount: open.length,
      document: pdf.toString('base64'),
    });
  }

  const track = /^GET \/v1\/tracking\/([^/]+)$/.exec(route);
  if (track) {
    const s = state.shipments.find((x) => x.carrier === 'test' && x.trackingNumber === track[1]);
    if (!s) return err(404, 'not_found', 'unknown tracking number');
    const events = [
      { at: new Date(s.createdAt).toISOString(), code: 'CREATED', description: 'Label created' },
    ];
    if (s.status === 'manifested')
      events.push({
        at: new Date(s.createdAt + 1000).toISOString(),
        code: 'MANIFESTED',
        description: 'Handed to carrier',
      });
    if (s.status === 'cancelled')
      events.push({
        at: new Date(s.createdAt + 1000).toISOString(),
        code: 'CANCELLED',
        description: 'Shipment cancelled',
      });
    return json(200, { trackingNumber: s.trackingNumber, events });
  }
  return err(404, 'not_found', `no route ${route}`);
}
