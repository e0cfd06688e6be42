// Royal Mail Click & Drop stand-in (couriers.md §1, §6): `Authorization: Bearer <key>` (401, no
// body, before anything else; GET /version open), 5 requests/s per key (429), POST /orders with
// per-order failures inside HTTP 200 (`failedOrders`), 400 `{code,message,details}` for a bad
// envelope, labels only for OBA accounts, DELETE /orders/{ids}, POST/GET /manifests (201 or 202).
// Deterministic ids: orderIdentifier from 1001, S10-style tracking numbers.
import { s10, simulatorPdf } from './documents.ts';
import { INVALID_JSON, isObject, json, raw, type SimReply, type SimRequest } from './http.ts';
import {
  DEV_COURIER_CREDENTIALS,
  isBadPostcode,
  nextCounter,
  type SimShipment,
  type SimState,
} from './state.ts';

/** Services this (OBA) account may use. */
export const ROYAL_MAIL_SERVICES = ['TPN24', 'TPS48', 'CRL24', 'CRL48', 'OLA', 'OTA', 'MP1'] as const;
const FORMATS = [
  'undefined',
  'letter',
  'largeLetter',
  'smallParcel',
  'mediumParcel',
  'largeParcel',
  'parcel',
  'documents',
];
const EU_US = new Set([
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  'US',
]);
const DELIVERY_TERMS = ['DDP', 'IOSS_DDP', 'DDU_DAP', 'IOSS_DDU', 'DTP', 'IOSS_DTP'];

interface FieldError {
  errorCode: number;
  errorMessage: string;
  fields: { fieldName: string; value: string }[];
}

/** Mirrors Click & Drop's per-order errors; error codes are the simulator's own (the real ones are not published). */
function fail(errorCode: number, fieldName: string, errorMessage: string, value: unknown = ''): FieldError {
  return { errorCode, errorMessage, fields: [{ fieldName, value: String(value ?? '') }] };
}

function str(
  o: Record<string, unknown>,
  key: string,
  max: number,
  path: string,
  errors: FieldError[],
  required = false,
) {
  const v = o[key];
  if (v === undefined || v === null || v === '') {
    if (required) errors.push(fail(1001, `${path}.${key}`, `${key} is required`));
    return;
  }
  if (typeof v !== 'string') errors.push(fail(1002, `${path}.${key}`, `${key} must be a string`));
  else if (v.length > max)
    errors.push(fail(1003, `${path}.${key}`, `${key} must be at most ${max} characters`));
}

function money(o: Record<string, unknown>, key: string, errors: FieldError[]) {
  const v = o[key];
  if (typeof v !== 'number') return void errors.push(fail(1001, key, `${key} is required`));
  if (v < 0 || v > 999_999 || Math.abs(Math.round(v * 100) - v * 100) > 1e-6)
    errors.push(fail(1004, key, `${key} must be 0–999999 in steps of 0.01`, v));
}

function validateOrder(item: unknown): FieldError[] {
  const errors: FieldError[] = [];
  if (!isObject(item)) return [fail(1000, 'item', 'order must be an object')];
  str(item, 'orderReference', 40, '', errors);
  const recipient = item.recipient;
  const address = isObject(recipient) ? recipient.address : undefined;
  if (!isObject(recipient) || !isObject(address)) {
    errors.push(fail(1001, 'recipient.address', 'recipient address is required'));
  } else {
    const p = 'recipient.address';
    str(address, 'fullName', 210, p, errors);
    str(address, 'companyName', 100, p, errors);
    str(address, 'addressLine1', 100, p, errors, true);
    str(address, 'addressLine2', 100, p, errors);
    str(address, 'addressLine3', 100, p, errors);
    str(address, 'city', 100, p, errors, true);
    str(address, 'county', 100, p, errors);
    str(address, 'postcode', 20, p, errors);
    str(address, 'countryCode', 3, p, errors, true);
    str(recipient, 'phoneNumber', 25, 'recipient', errors);
    str(recipient, 'emailAddress', 254, 'recipient', errors);
    if (isBadPostcode(address.postcode))
      errors.push(fail(1300, `${p}.postcode`, 'The postcode is not a valid UK postcode'));
    const country = String(address.countryCode ?? '');
    if (EU_US.has(country) && !DELIVERY_TERMS.includes(String(item.deliveryTerm)))
      errors.push(fail(1001, 'deliveryTerm', 'deliveryTerm is required for EU and US destinations'));
  }
  if (typeof item.orderDate !== 'string' || Number.isNaN(Date.parse(item.orderDate)))
    errors.push(fail(1001, 'orderDate', 'orderDate is required (date-time)'));
  money(item, 'subtotal', errors);
  money(item, 'shippingCostCharged', errors);
  money(item, 'total', errors);
  if (item.deliveryTerm !== undefined && !DELIVERY_TERMS.includes(String(item.deliveryTerm)))
    errors.push(fail(1005, 'deliveryTerm', 'deliveryTerm is not a known value'));
  const packages = item.packages;
  if (!Array.isArray(packages) || packages.length === 0) {
    errors.push(fail(1001, 'packages', 'at least one package is required'));
  } else {
    packages.forEach((pkg, i) => {
      const w = isObject(pkg) ? pkg.weightInGrams : undefined;
      if (typeof w !== 'number' || !Number.isInteger(w) || w < 1 || w > 30_000)
        errors.push(
          fail(1004, `packages[${i}].weightInGrams`, 'weightInGrams must be an integer 1–30000', w),
        );
      if (!isObject(pkg) || !FORMATS.includes(String(pkg.packageFormatIdentifier)))
        errors.push(
          fail(
            1005,
            `packages[${i}].packageFormatIdentifier`,
            'packageFormatIdentifier is not a known format',
          ),
        );
      const d = isObject(pkg) ? pkg.dimensions : undefined;
      if (
        d !== undefined &&
        (!isObject(d) ||
          !['heightInMms', 'widthInMms', 'depthInMms'].every(
            (k) => typeof d[k] === 'number' && (d[k] as number) > 0,
          ))
      )
        errors.push(
          fail(1004, `packages[${i}].dimensions`, 'dimensions need non-zero height, width and depth'),
        );
    });
  }
  const service = isObject(item.postageDetails) ? item.postageDetails.serviceCode : undefined;
  if (service !== undefined && !(ROYAL_MAIL_SERVICES as readonly string[]).includes(String(service)))
    errors.push(
      fail(1200, 'postageDetails.serviceCode', 'The service code is not available on this account', service),
    );
  if (
    item.label !== undefined &&
    (!isObject(item.label) || typeof item.label.includeLabelInResponse !== 'boolean')
  )
    errors.push(fail(1001, 'label.includeLabelInResponse', 'includeLabelInResponse is required'));
  return errors;
}

function orderInfo(s: SimShipment) {
  return {
    orderIdentifier: Number(s.id),
    orderReference: s.reference,
    createdOn: new Date(s.createdAt).toISOString(),
    orderDate: new Date(s.createdAt).toISOString(),
    printedOn: new Date(s.createdAt).toISOString(),
    manifestedOn: s.status === 'manifested' ? new Date(s.createdAt).toISOString() : null,
    shippedOn: null,
    trackingNumber: s.trackingNumber,
  };
}

/** `{ids}`: `;`-separated integers or percent-encoded quoted references. */
function findOrders(state: SimState, ids: string): { found: SimShipment[]; missing: string[] } {
  const found: SimShipment[] = [];
  const missing: string[] = [];
  for (const part of decodeURIComponent(ids).split(';')) {
    const ref = /^"(.*)"$/.exec(part);
    const s = state.shipments.find(
      (x) =>
        x.carrier === 'royal-mail' &&
        x.status !== 'cancelled' &&
        (ref ? x.reference === ref[1] : x.id === part),
    );
    if (s) found.push(s);
    else missing.push(part);
  }
  return { found, missing };
}

function rateLimited(state: SimState, key: string): boolean {
  const now = Date.now();
  const window = (state.rmWindow.get(key) ?? []).filter((t) => now - t < 1000);
  state.rmWindow.set(key, window);
  // A refused request does not count against the window.
  if (window.length >= state.switches.royalMailRatePerSecond) return true;
  window.push(now);
  return false;
}

export async function handleRoyalMail(req: SimRequest, state: SimState): Promise<SimReply> {
  const route = `${req.method} ${req.path}`;
  if (route === 'GET /version')
    return json(200, { commit: 'sim', build: '1', release: '1.0.0', releaseDate: '2026-01-01T00:00:00Z' });
  const auth = req.headers.authorization ?? '';
  const key = auth.replace(/^Bearer\s+/i, '');
  if (key !== DEV_COURIER_CREDENTIALS['royal-mail'].apiKey) return { status: 401 };
  if (rateLimited(state, key)) return json(429, { code: '429', message: 'Too Many Requests' });

  if (route === 'POST /orders') {
    const b = req.body;
    if (b === INVALID_JSON || !isObject(b) || !Array.isArray(b.items) || b.items.length === 0)
      return json(400, {
        code: '400',
        message: 'The request body must contain at least one order in items',
        details: 'items',
      });
    const createdOrders = [];
    const failedOrders = [];
    for (const item of b.items as unknown[]) {
      const errors = validateOrder(item);
      if (errors.length) {
        failedOrders.push({
          order: { orderReference: isObject(item) ? item.orderReference : undefined },
          errors,
        });
        continue;
      }
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- validateOrder checked it
      const o = item as Record<string, any>;
      const n = nextCounter(state, 'royal-mail');
      const tracking = s10('TT', 10_000_000 + n);
      const packages = o.packages as { weightInGrams: number }[];
      const shipment: SimShipment = {
        carrier: 'royal-mail',
        id: String(1000 + n),
        reference: o.orderReference ?? `RM${1000 + n}`,
        trackingNumber: tracking,
        parcelNumbers: packages.map((_, i) => (i === 0 ? tracking : s10('TT', 20_000_000 + n * 10 + i))),
        serviceCode: o.postageDetails?.serviceCode ?? 'CRL48',
        weightGrams: packages.reduce((sum, p) => sum + p.weightInGrams, 0),
        createdAt: Date.now(),
        status: 'created',
        recipient: {
          name: o.recipient.address.fullName ?? '',
          postcode: o.recipient.address.postcode,
          countryCode: o.recipient.address.countryCode,
        },
      };
      shipment.labelPdf = await simulatorPdf('ROYAL MAIL', [tracking, shipment.serviceCode]);
      state.shipments.push(shipment);
      const wantsLabel = o.label?.includeLabelInResponse === true;
      const oba = state.switches.royalMailAccountType === 'OBA';
      createdOrders.push({
        orderIdentifier: Number(shipment.id),
        orderReference: shipment.reference,
        createdOn: new Date(shipment.createdAt).toISOString(),
        orderDate: o.orderDate,
        trackingNumber: tracking,
        packages: shipment.parcelNumbers.map((trackingNumber, i) => ({
          packageNumber: i + 1,
          trackingNumber,
        })),
        ...(wantsLabel && oba ? { label: shipment.labelPdf.toString('base64') } : {}),
        labelErrors:
          wantsLabel && !oba ? [{ message: 'Labels are only available to OBA accounts', code: 403 }] : [],
        generatedDocuments: wantsLabel && oba ? ['postageLabel'] : [],
      });
    }
    return json(200, {
      successCount: createdOrders.length,
      errorsCount: failedOrders.length,
      createdOrders,
      failedOrders,
    });
  }

  const label = /^GET \/orders\/([^/]+)\/label$/.exec(route);
  if (label) {
    if (state.switches.royalMailAccountType !== 'OBA')
      return json(403, { code: '403', message: 'Labels are only available to OBA accounts' });
    const documentType = req.query.get('documentType');
    if (!documentType || !['postageLabel', 'despatchNote', 'CN22', 'CN23'].includes(documentType))
      return json(400, { code: '400', message: 'documentType is required', details: 'documentType' });
    if (documentType === 'postageLabel' && !req.query.has('includeReturnsLabel'))
      return json(400, {
        code: '400',
        message: 'includeReturnsLabel is required with postageLabel',
        details: 'includeReturnsLabel',
      });
    const { found } = findOrders(state, label[1]!);
    if (!found[0]?.labelPdf)
      return json(404, { code: '404', message: 'No label found for the given orders' });
    return raw(200, found[0].labelPdf, 'application/pdf');
  }

  const orders = /^(GET|DELETE) \/orders\/([^/]+)$/.exec(route);
  if (orders) {
    const { found, missing } = findOrders(state, orders[2]!);
    if (orders[1] === 'GET') {
      if (!found.length)
        return json(
          404,
          missing.map((m) => ({
            orderIdentifier: Number(m) || 0,
            orderReference: m,
            code: 'NotFound',
            message: 'Order not found',
          })),
        );
      return json(200, found.map(orderInfo));
    }
    const deletedOrders = [];
    const errors = missing.map((m) => ({
      orderIdentifier: Number(m) || 0,
      orderReference: m,
      code: 'NotFound',
      message: 'Order not found',
    }));
    for (const s of found) {
      if (s.status === 'manifested') {
        errors.push({
          orderIdentifier: Number(s.id),
          orderReference: s.reference,
          code: 'Manifested',
          message: 'A manifested order cannot be deleted',
        });
        continue;
      }
      s.status = 'cancelled';
      deletedOrders.push({
        orderIdentifier: Number(s.id),
        orderReference: s.reference,
        orderInfo: 'Deleted',
      });
    }
    return json(200, { deletedOrders, errors });
  }

  if (route === 'POST /manifests') {
    const open = state.shipments.filter((s) => s.carrier === 'royal-mail' && s.status === 'created');
    if (!open.length)
      return json(400, { errors: [{ code: 'NoOrders', description: 'No orders eligible for manifesting' }] });
    for (const s of open) s.status = 'manifested';
    const manifestNumber = nextCounter(state, 'royal-mail');
    const pending = state.switches.royalMailManifestPending;
    state.rmManifests.set(manifestNumber, {
      readyAt: Date.now() + (pending ? 200 : 0),
      orderIds: open.map((s) => s.id),
    });
    if (pending) return json(202, { manifestNumber });
    const pdf = await simulatorPdf(
      'ROYAL MAIL MANIFEST',
      open.map((s) => s.trackingNumber),
    );
    return json(201, { manifestNumber, documentPdf: pdf.toString('base64') });
  }

  const manifest = /^GET \/manifests\/(\d+)$/.exec(route);
  if (manifest) {
    const m = state.rmManifests.get(Number(manifest[1]));
    if (!m) return json(404, { errors: [{ code: 'NotFound', description: 'Manifest not found' }] });
    if (Date.now() < m.readyAt)
      return json(200, { manifestNumber: Number(manifest[1]), status: 'In Progress' });
    const pdf = await simulatorPdf('ROYAL MAIL MANIFEST', m.orderIds);
    return json(200, {
      manifestNumber: Number(manifest[1]),
      status: 'Completed',
      documentPdf: pdf.toString('base64'),
    });
  }
  return json(404, { code: '404', message: `No route ${route}` });
}
