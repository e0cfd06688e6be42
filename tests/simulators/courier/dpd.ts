// DPD UK GeoSession API stand-in (couriers.md §2, §6): POST /user/?action=login with Basic auth →
// `{data:{geoSession}}` (configurable TTL); every other call needs `GeoSession` and `GeoClient`
// (401 otherwise); /shipping/network/ offers only the codes for the postcode pair (`data: []` for a
// bad postcode); /shipping/shipment validates into `{error:[{errorCode,errorType,errorMessage,obj}],
// data:null}` and honours ?test=true; labels by Accept (html/clp/epl/zpl, raw body) with a JSON
// error for an unknown id; void and manifest, switchable to 404. Lookup by reference through
// GET /shipping/shipment/?searchCriterea= (an assumption, couriers.md §5).
import { randomBytes } from 'node:crypto';
import { simulatorZpl } from './documents.ts';
import { basicAuth, INVALID_JSON, isObject, json, raw, type SimReply, type SimRequest } from './http.ts';
import { DEV_COURIER_CREDENTIALS, isBadPostcode, nextCounter, type SimState } from './state.ts';

const DOMESTIC = ['1^11', '1^12', '1^13', '1^14', '1^16'];
const NETWORK_NAMES: Record<string, string> = {
  '1^11': 'PARCEL - TWO DAY',
  '1^12': 'PARCEL - NEXT DAY',
  '1^13': 'PARCEL - BY 12:00',
  '1^14': 'PARCEL - BY 10:30',
  '1^16': 'PARCEL - SATURDAY',
  '1^50': 'PARCEL - DPD CLASSIC',
};

type DpdError = {
  errorCode: string;
  errorType: string;
  errorMessage: string;
  obj: string;
  errorAction?: string;
};
const error = (status: number, errors: DpdError[]) => json(status, { error: errors, data: null });
const validation = (obj: string, errorMessage: string, errorCode = '1008'): DpdError => ({
  errorCode,
  errorType: 'Validation',
  errorMessage,
  obj,
});

/** The network codes DPD offers between two addresses (simulated: by destination country/postcode). */
export function networksFor(countryCode: string, postcode: string | undefined): string[] {
  if (isBadPostcode(postcode)) return [];
  if (countryCode !== 'GB') return ['1^50'];
  if (!postcode) return [];
  return /^BT/i.test(postcode) ? ['1^11', '1^12'] : DOMESTIC;
}

function sessionOk(req: SimRequest, state: SimState): boolean {
  const token = req.headers.geosession;
  const expires = typeof token === 'string' ? state.dpdSessions.get(token) : undefined;
  return expires !== undefined && expires > Date.now() && typeof req.headers.geoclient === 'string';
}

export async function handleDpd(req: SimRequest, state: SimState): Promise<SimReply> {
  const route = `${req.method} ${req.path}`;
  const creds = DEV_COURIER_CREDENTIALS.dpd;
  if (route === 'POST /user/' && req.query.get('action') === 'login') {
    const auth = basicAuth(req.headers.authorization);
    if (!auth || auth[0] !== creds.username || auth[1] !== creds.password)
      return error(401, [
        {
          errorCode: '1002',
          errorType: 'Authentication',
          errorMessage: 'Authentication failed',
          obj: 'authorization',
        },
      ]);
    const geoSession = randomBytes(16).toString('hex');
    state.dpdSessions.set(geoSession, Date.now() + state.switches.dpdSessionTtlMs);
    return json(200, { error: null, data: { geoSession } });
  }
  if (!sessionOk(req, state))
    return error(401, [
      {
        errorCode: '1002',
        errorType: 'Authentication',
        errorMessage: 'Invalid or expired GeoSession',
        obj: 'GeoSession',
      },
    ]);

  if (route === 'GET /shipping/network/') {
    const q = req.query;
    const codes = networksFor(
      q.get('deliveryDetails.address.countryCode') ?? '',
      q.get('deliveryDetails.address.postcode') ?? undefined,
    );
    return json(200, {
      error: null,
      data: codes.map((networkCode) => ({
        network: { networkCode, networkDescription: NETWORK_NAMES[networkCode] },
        product: { productCode: '1', productDescription: 'Parcel' },
        service: { serviceCode: networkCode.split('^')[1], serviceDescription: NETWORK_NAMES[networkCode] },
        isLiabilityAllowed: true,
        invoiceRequired: networkCode === '1^50',
      })),
    });
  }

  if (route === 'POST /shipping/shipment') {
    const b = req.body;
    if (b === INVALID_JSON || !isObject(b) || !Array.isArray(b.consignment) || b.consignment.length !== 1)
      return error(400, [validation('consignment', 'exactly one consignment is required')]);
    const c = b.consignment[0];
    const errors: DpdError[] = [];
    if (!isObject(c)) return error(400, [validation('consignment[0]', 'consignment must be an object')]);
    const delivery = isObject(c.deliveryDetails) ? c.deliveryDetails : {};
    const address = isObject(delivery.address) ? delivery.address : {};
    const contact = isObject(delivery.contactDetails) ? delivery.contactDetails : {};
    for (const key of ['countryCode', 'street', 'town'] as const)
      if (typeof address[key] !== 'string' || !address[key])
        errors.push(validation(`consignment[0].deliveryDetails.address.${key}`, `${key} is mandatory`));
    if (address.countryCode === 'GB' && (typeof address.postcode !== 'string' || !address.postcode))
      errors.push(validation('consignment[0].deliveryDetails.address.postcode', 'postcode is mandatory'));
    if (typeof contact.contactName !== 'string' || !contact.contactName)
      errors.push(
        validation('consignment[0].deliveryDetails.contactDetails.contactName', 'contactName is mandatory'),
      );
    if (typeof c.totalWeight !== 'number' || c.totalWeight <= 0)
      errors.push(validation('consignment[0].totalWeight', 'totalWeight must be greater than 0'));
    if (
      typeof c.numberOfParcels !== 'number' ||
      !Number.isInteger(c.numberOfParcels) ||
      c.numberOfParcels < 1
    )
      errors.push(validation('consignment[0].numberOfParcels', 'numberOfParcels must be at least 1'));
    if (!errors.length) {
      const offered = networksFor(
        String(address.countryCode),
        typeof address.postcode === 'string' ? address.postcode : undefined,
      );
      if (isBadPostcode(address.postcode))
        errors.push(
          validation('consignment[0].deliveryDetails.address.postcode', 'Invalid postcode', '1009'),
        );
      else if (!offered.includes(String(c.networkCode)))
        errors.push(
          validation(
            'consignment[0].networkCode',
            'The service is not available for this collection and delivery',
            '1010',
          ),
        );
    }
    if (errors.length) return error(200, errors);
    const n = nextCounter(state, 'dpd');
    const parcels = Array.from(
      { length: c.numberOfParcels as number },
      (_, i) => `1550${String(n * 10 + i).padStart(10, '0')}`,
    );
    const consignmentNumber = String(6_000_000_000 + n);
    state.shipments.push({
      carrier: 'dpd',
      id: String(100_000_000 + n),
      reference: typeof c.shippingRef1 === 'string' ? c.shippingRef1 : '',
      trackingNumber: parcels[0]!,
      parcelNumbers: parcels,
      serviceCode: String(c.networkCode),
      weightGrams: Math.round((c.totalWeight as number) * 1000),
      createdAt: Date.now(),
      status: 'created',
      recipient: {
        name: String(contact.contactName),
        postcode: address.postcode as string,
        countryCode: String(address.countryCode),
      },
    });
    return json(200, {
      error: null,
      data: {
        shipmentId: 100_000_000 + n,
        consolidated: false,
        consignmentDetail: [{ consignmentNumber, parcelNumbers: parcels }],
        ...(req.query.get('test') === 'true' ? { test: true } : {}),
      },
    });
  }

  if (route === 'GET /shipping/shipment/') {
    const ref = req.query.get('searchCriterea');
    if (!ref) return error(400, [validation('searchCriterea', 'searchCriterea is required')]);
    const found = state.shipments.filter(
      (s) => s.carrier === 'dpd' && s.reference === ref && s.status !== 'cancelled',
    );
    return json(200, {
      error: null,
      data: {
        totalResults: found.length,
        results: found.map((s) => ({
          shipmentId: Number(s.id),
          shippingRef1: s.reference,
          consignmentDetail: [{ consignmentNumber: null, parcelNumbers: s.parcelNumbers }],
        })),
      },
    });
  }

  const label = /^GET \/shipping\/shipment\/(\d+)\/label\/$/.exec(route);
  if (label) {
    const s = state.shipments.find((x) => x.carrier === 'dpd' && x.id === label[1]);
    if (!s)
      return error(404, [
        { errorCode: '1004', errorType: 'NotFound', errorMessage: 'Shipment not found', obj: 'shipmentId' },
      ]);
    const accept = String(req.headers.accept ?? '');
    if (accept.includes('text/vnd.zebra-zpl'))
      return raw(200, simulatorZpl('DPD', s.trackingNumber), 'text/vnd.zebra-zpl');
    if (accept.includes('text/vnd.eltron-epl'))
      return raw(200, `N\nA50,50,0,4,1,1,N,"DPD ${s.trackingNumber}"\nP1\n`, 'text/vnd.eltron-epl');
    if (accept.includes('text/vnd.citizen-clp'))
      return raw(
        200,
        `{D0600,0900,0600|}{C|}{PV00;0050,0050,0040,0040,J,00,B=DPD ${s.trackingNumber}|}{XS;I,0001,0002C3000|}`,
        'text/vnd.citizen-clp',
      );
    if (accept.includes('text/html'))
      return raw(200, `<html><body><h1>DPD</h1><p>${s.trackingNumber}</p></body></html>`, 'text/html');
    return error(406, [
      { errorCode: '1005', errorType: 'Validation', errorMessage: 'Unsupported label format', obj: 'Accept' },
    ]);
  }

  const voidMatch = /^PUT \/shipping\/shipment\/(\d+)\/$/.exec(route);
  if (voidMatch && req.query.get('action') === 'Void') {
    if (state.switches.dpdVoidManifestUnavailable) return json(404, { error: null, data: null });
    const s = state.shipments.find((x) => x.carrier === 'dpd' && x.id === voidMatch[1]);
    if (!s)
      return error(404, [
        { errorCode: '1004', errorType: 'NotFound', errorMessage: 'Shipment not found', obj: 'shipmentId' },
      ]);
    if (!isObject(req.body) || req.body.isVoided !== true)
      return error(400, [validation('isVoided', 'isVoided must be true')]);
    if (s.status === 'manifested')
      return error(200, [
        {
          errorCode: '1011',
          errorType: 'Business',
          errorMessage: 'A manifested shipment cannot be voided',
          obj: 'shipmentId',
        },
      ]);
    s.status = 'cancelled';
    return json(200, { error: null, data: null });
  }

  if (route === 'POST /shipping/manifest/') {
    if (state.switches.dpdVoidManifestUnavailable) return json(404, { error: null, data: null });
    const date = isObject(req.body) ? req.body.collectionDate : undefined;
    if (typeof date !== 'string' || Number.isNaN(Date.parse(date)))
      return error(400, [validation('collectionDate', 'collectionDate is required')]);
    const open = state.shipments.filter((s) => s.carrier === 'dpd' && s.status === 'created');
    for (const s of open) s.status = 'manifested';
    return json(200, {
      error: null,
      data: { manifestId: nextCounter(state, 'dpd'), shipmentCount: open.length },
    });
  }
  return error(404, [
    { errorCode: '1004', errorType: 'NotFound', errorMessage: `No route ${route}`, obj: 'path' },
  ]);
}
