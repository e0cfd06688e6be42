// DHL Express MyDHL API stand-in (couriers.md §3, §6): Basic auth (401 problem+json), POST
// /shipments with schema errors as 422 (`#/path: reason`, extraneous keys included) and business
// errors as 400 (`NNNN: text`: 998 date format/window, 7008 product not on the lane, 8003 unknown
// account, 420504 invalid postal code — the last is the simulator's own); no DELETE /shipments;
// tracking for the configured test waybills and the simulator's own shipments. Deterministic ids:
// 10-digit AWBs, `JD…` piece ids.
import { simulatorPdf, simulatorZpl } from './documents.ts';
import { basicAuth, INVALID_JSON, isObject, json, type SimReply, type SimRequest } from './http.ts';
import { DEV_COURIER_CREDENTIALS, isBadPostcode, nextCounter, type SimState } from './state.ts';

export const DHL_TEST_WAYBILLS = ['9356579890', '4818240420'];
const PROBLEM = 'application/problem+json';

const problem = (status: number, title: string, detail: string, additionalDetails?: string[]) =>
  json(
    status,
    {
      instance: '/mydhlapi/shipments',
      detail,
      title,
      message: detail,
      status: String(status),
      ...(additionalDetails ? { additionalDetails } : {}),
    },
    PROBLEM,
  );

// A compact schema of the parts of ShipmentRequest the adapter sends: type, required keys, limits.
type Rule =
  | { t: 'string'; min?: number; max?: number; len?: number; enum?: string[]; pattern?: RegExp }
  | { t: 'number'; min?: number }
  | { t: 'boolean' }
  | { t: 'object'; props: Record<string, Rule>; required: string[] }
  | { t: 'array'; items: Rule; min: number; max: number };

const address: Rule = {
  t: 'object',
  required: ['postalCode', 'cityName', 'countryCode', 'addressLine1'],
  props: {
    postalCode: { t: 'string', min: 0, max: 12 },
    cityName: { t: 'string', min: 1, max: 45 },
    countryCode: { t: 'string', len: 2 },
    provinceCode: { t: 'string', max: 35 },
    addressLine1: { t: 'string', min: 1, max: 45 },
    addressLine2: { t: 'string', max: 45 },
    addressLine3: { t: 'string', max: 45 },
    countyName: { t: 'string', max: 45 },
  },
};
const contact: Rule = {
  t: 'object',
  required: ['phone', 'companyName', 'fullName'],
  props: {
    phone: { t: 'string', min: 1, max: 70 },
    companyName: { t: 'string', min: 1, max: 100 },
    fullName: { t: 'string', min: 1, max: 255 },
    email: { t: 'string', max: 70 },
  },
};
const party: Rule = {
  t: 'object',
  required: ['postalAddress', 'contactInformation'],
  props: { postalAddress: address, contactInformation: contact },
};
const reference: Rule = {
  t: 'array',
  min: 1,
  max: 10,
  items: {
    t: 'object',
    required: ['value'],
    props: { value: { t: 'string', min: 1, max: 35 }, typeCode: { t: 'string', max: 3 } },
  },
};
const SHIPMENT: Rule = {
  t: 'object',
  required: ['plannedShippingDateAndTime', 'pickup', 'productCode', 'accounts', 'customerDetails', 'content'],
  props: {
    plannedShippingDateAndTime: { t: 'string', max: 29 },
    pickup: { t: 'object', required: ['isRequested'], props: { isRequested: { t: 'boolean' } } },
    productCode: { t: 'string', min: 1, max: 6 },
    accounts: {
      t: 'array',
      min: 1,
      max: 3,
      items: {
        t: 'object',
        required: ['typeCode', 'number'],
        props: {
          typeCode: { t: 'string', enum: ['shipper', 'payer', 'duties-taxes'] },
          number: { t: 'string', min: 1, max: 12 },
        },
      },
    },
    customerReferences: reference,
    customerDetails: {
      t: 'object',
      required: ['shipperDetails', 'receiverDetails'],
      props: { shipperDetails: party, receiverDetails: party },
    },
    content: {
      t: 'object',
      required: ['packages', 'isCustomsDeclarable', 'description', 'incoterm', 'unitOfMeasurement'],
      props: {
        packages: {
          t: 'array',
          min: 1,
          max: 999,
          items: {
            t: 'object',
            required: ['weight'],
            props: {
              weight: { t: 'number', min: 0.001 },
              dimensions: {
                t: 'object',
                required: ['length', 'width', 'height'],
                props: {
                  length: { t: 'number', min: 1 },
                  width: { t: 'number', min: 1 },
                  height: { t: 'number', min: 1 },
                },
              },
              customerReferences: reference,
            },
          },
        },
        isCustomsDeclarable: { t: 'boolean' },
        declaredValue: { t: 'number', min: 0 },
        declaredValueCurrency: { t: 'string', len: 3 },
        description: { t: 'string', min: 1, max: 70, pattern: /^\S/ },
        incoterm: {
          t: 'string',
          enum: ['EXW', 'FCA', 'CPT', 'CFR', 'CIP', 'CIF', 'DAT', 'DAP', 'DDP', 'FAS', 'DPU'],
        },
        unitOfMeasurement: { t: 'string', enum: ['metric', 'imperial'] },
      },
    },
    outputImageProperties: {
      t: 'object',
      required: [],
      props: {
        printerDPI: { t: 'number', min: 200 },
        encodingFormat: { t: 'string', enum: ['pdf', 'zpl', 'lp2', 'epl'] },
        imageOptions: {
          t: 'array',
          min: 1,
          max: 10,
          items: {
            t: 'object',
            required: ['typeCode'],
            props: {
              typeCode: { t: 'string', enum: ['label', 'waybillDoc', 'invoice', 'receipt'] },
              templateName: { t: 'string', max: 25 },
            },
          },
        },
      },
    },
  },
};

/** Everett-style messages as MyDHL returns them: `#/path: reason`. */
function check(rule: Rule, value: unknown, path: string, out: string[]): void {
  switch (rule.t) {
    case 'string':
      if (typeof value !== 'string')
        return void out.push(`${path}: expected type: String, found: ${typeof value}`);
      if (rule.len !== undefined && value.length !== rule.len)
        out.push(`${path}: expected minLength: ${rule.len}, actual: ${value.length}`);
      if (rule.min !== undefined && value.length < rule.min)
        out.push(`${path}: expected minLength: ${rule.min}, actual: ${value.length}`);
      if (rule.max !== undefined && value.length > rule.max)
        out.push(`${path}: expected maxLength: ${rule.max}, actual: ${value.length}`);
      if (rule.enum && !rule.enum.includes(value))
        out.push(`${path}: ${value.length > 20 ? 'value' : value} is not a valid enum value`);
      if (rule.pattern && !rule.pattern.test(value))
        out.push(`${path}: string does not match pattern ${rule.pattern.source}`);
      return;
    case 'number':
      if (typeof value !== 'number')
        return void out.push(`${path}: expected type: Number, found: ${typeof value}`);
      if (rule.min !== undefined && value < rule.min)
        out.push(`${path}: ${value} is not greater or equal to ${rule.min}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') out.push(`${path}: expected type: Boolean, found: ${typeof value}`);
      return;
    case 'array':
      if (!Array.isArray(value))
        return void out.push(`${path}: expected type: JSONArray, found: ${typeof value}`);
      if (value.length < rule.min)
        out.push(`${path}: expected minimum item count: ${rule.min}, found: ${value.length}`);
      if (value.length > rule.max)
        out.push(`${path}: expected maximum item count: ${rule.max}, found: ${value.length}`);
      value.forEach((v, i) => check(rule.items, v, `${path}/${i}`, out));
      return;
    case 'object':
      if (!isObject(value))
        return void out.push(`${path}: expected type: JSONObject, found: ${typeof value}`);
      for (const key of rule.required)
        if (!(key in value)) out.push(`${path}: required key [${key}] not found`);
      for (const [key, v] of Object.entries(value)) {
        const sub = rule.props[key];
        if (!sub) out.push(`${path}: extraneous key [${key}] is not permitted`);
        else check(sub, v, `${path}/${key}`, out);
      }
  }
}

/** `2026-06-14T15:00:00 GMT+01:00` → epoch ms, or null. */
function parsePlanned(value: string): number | null {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}) GMT([+-]\d{2}:\d{2})$/.exec(value);
  if (!m) return null;
  const t = Date.parse(`${m[1]}${m[2]}`);
  return Number.isNaN(t) ? null : t;
}

/** Products on the simulated lanes: domestic GB→GB, or international. */
function productsFor(from: string, to: string): string[] {
  return from === to ? ['N', 'I', '1'] : ['P', 'D', 'T', 'Y', 'K', 'W', 'H', 'U'];
}

export async function handleDhl(req: SimRequest, state: SimState): Promise<SimReply> {
  const creds = DEV_COURIER_CREDENTIALS.dhl;
  const auth = basicAuth(req.headers.authorization);
  if (!auth || auth[0] !== creds.apiKey || auth[1] !== creds.apiSecret)
    return problem(401, 'Unauthorized', 'Invalid credentials');
  const route = `${req.method} ${req.path}`;

  if (route === 'POST /shipments') {
    if (req.body === INVALID_JSON) return problem(400, 'Bad request', '400: Malformed JSON request');
    const issues: string[] = [];
    check(SHIPMENT, req.body, '#', issues);
    if (issues.length)
      return problem(422, 'Unprocessable Entity', 'Multiple problems found, see Additional Details', issues);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the schema check above validated it
    const b = req.body as Record<string, any>;
    const planned = parsePlanned(b.plannedShippingDateAndTime);
    const today = new Date(new Date().toISOString().slice(0, 10)).getTime();
    if (planned === null)
      return problem(400, 'Bad request', '998: ShipTimeStamp is not well formatted or is missing');
    if (planned < today || planned > today + 11 * 86_400_000)
      return problem(400, 'Bad request', '998: ShipTimeStamp is in the past or more than 10 days ahead');
    if (
      !b.accounts.some(
        (a: { typeCode: string; number: string }) =>
          a.typeCode === 'shipper' && a.number === creds.accountNumber,
      )
    )
      return problem(400, 'Bad request', '8003: Account not allowed for this service');
    const from = b.customerDetails.shipperDetails.postalAddress;
    const to = b.customerDetails.receiverDetails.postalAddress;
    if (!productsFor(from.countryCode, to.countryCode).includes(b.productCode))
      return problem(
        400,
        'Bad request',
        `7008: Product ${b.productCode} is not available between this origin and destination`,
      );
    if (isBadPostcode(to.postalCode) || isBadPostcode(from.postalCode))
      return problem(400, 'Bad request', '420504: The postal code of the receiver is invalid');
    const n = nextCounter(state, 'dhl');
    const awb = String(1_103_733_900 + n);
    const pieces = (b.content.packages as unknown[]).map(
      (_, i) => `JD01460000${String(n * 1000 + i).padStart(10, '0')}`,
    );
    const reference = b.customerReferences?.[0]?.value ?? '';
    state.shipments.push({
      carrier: 'dhl',
      id: awb,
      reference,
      trackingNumber: awb,
      parcelNumbers: pieces,
      serviceCode: b.productCode,
      weightGrams: Math.round(
        (b.content.packages as { weight: number }[]).reduce((s, p) => s + p.weight, 0) * 1000,
      ),
      createdAt: Date.now(),
      status: 'created',
      recipient: {
        name: b.customerDetails.receiverDetails.contactInformation.fullName,
        postcode: to.postalCode,
        countryCode: to.countryCode,
      },
    });
    const format = b.outputImageProperties?.encodingFormat ?? 'pdf';
    const content =
      format === 'zpl'
        ? Buffer.from(simulatorZpl('DHL EXPRESS', awb))
        : await simulatorPdf('DHL EXPRESS', [awb, b.productCode]);
    return json(201, {
      shipmentTrackingNumber: awb,
      trackingUrl: `https://express.api.dhl.com/mydhlapi/shipments/${awb}/tracking`,
      packages: pieces.map((trackingNumber, i) => ({
        referenceNumber: i + 1,
        trackingNumber,
        trackingUrl: '',
      })),
      documents: [
        { typeCode: 'label', imageFormat: format.toUpperCase(), content: content.toString('base64') },
      ],
    });
  }

  const track = /^GET \/shipments\/(\d{10})\/tracking$/.exec(route);
  if (track) {
    const awb = track[1]!;
    const own = state.shipments.find((s) => s.carrier === 'dhl' && s.id === awb);
    if (!own && !DHL_TEST_WAYBILLS.includes(awb))
      return problem(404, 'Not Found', '1001: The requested shipment could not be found');
    const at = own ? new Date(own.createdAt) : new Date('2026-01-05T10:00:00Z');
    return json(200, {
      shipments: [
        {
          shipmentTrackingNumber: awb,
          status: 'Success',
          events: [
            {
              date: at.toISOString().slice(0, 10),
              time: at.toISOString().slice(11, 19),
              GMTOffset: '+00:00',
              typeCode: 'PU',
              description: 'Shipment picked up',
            },
          ],
        },
      ],
    });
  }
  if (req.method === 'DELETE' && req.path.startsWith('/shipments'))
    return problem(405, 'Method Not Allowed', 'Shipments cannot be cancelled through this API');
  return problem(404, 'Not Found', `No route ${route}`);
}
