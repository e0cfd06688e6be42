// DHL Express MyDHL API adapter (couriers.md §3): HTTP Basic (API key:secret) and `x-version` on
// every call; POST /shipments with weights in kg and dimensions in cm (`metric`); schema errors are
// 422 problem+json with `#/path: reason` details, business errors 400 with `NNNN: text`. The label
// comes back as a base64 PDF on the A6 template (≈ 4×6 in). MyDHL has no shipment cancel and no
// manifest call (the create transmits it), and no lookup by reference — so a create that may have
// gone through (timeout, 5xx) is never retried; only 429 is.
import { z } from 'zod';
import {
  CarrierError,
  type CarrierErrorKind,
  type CourierAdapter,
  type CreateShipmentInput,
  type CreateShipmentResult,
} from './courier-adapter.ts';
import {
  carrierFetch,
  parseCarrierJson,
  safeJson,
  throwOnTransportStatus,
  type CarrierHttp,
  type CarrierResponse,
} from './carrier-http.ts';
import { createWithLookup, DEFAULT_RETRY, withRetries, type RetryPolicy } from './retry.ts';

const API_VERSION = '3.1.0';
const LABEL_TEMPLATE = 'ECOM26_A6_002';

const ZProblem = z.object({
  detail: z.string().nullish(),
  title: z.string().nullish(),
  message: z.string().nullish(),
  additionalDetails: z.array(z.string()).nullish(),
});
const ZCreated = z.object({
  shipmentTrackingNumber: z.string().min(1),
  packages: z.array(z.object({ trackingNumber: z.string() })).nullish(),
  documents: z
    .array(z.object({ typeCode: z.string(), imageFormat: z.string(), content: z.base64() }))
    .nullish(),
  warnings: z.array(z.string()).nullish(),
});

/** `#/customerDetails/receiverDetails/postalAddress/postalCode` → `shipTo.postcode`. */
function neutralField(pointer: string): string {
  const path = pointer.replace(/^#\/?/, '');
  const map: [RegExp, string][] = [
    [/^customerDetails\/receiverDetails\/postalAddress\/postalCode/, 'shipTo.postcode'],
    [/^customerDetails\/receiverDetails\/postalAddress\/cityName/, 'shipTo.city'],
    [/^customerDetails\/receiverDetails\/postalAddress\/countryCode/, 'shipTo.countryCode'],
    [/^customerDetails\/receiverDetails\/postalAddress\/addressLine(\d)/, 'shipTo.line$1'],
    [/^customerDetails\/receiverDetails\/contactInformation\/phone/, 'shipTo.phone'],
    [/^customerDetails\/receiverDetails\/contactInformation\/(fullName|companyName)/, 'shipTo.name'],
    [/^customerDetails\/shipperDetails\/(postalAddress|contactInformation)\/(\w+)/, 'shipFrom.$2'],
    [/^productCode/, 'serviceCode'],
    [/^content\/packages\/(\d+)\/weight/, 'parcels.$1.weightGrams'],
  ];
  for (const [re, to] of map) if (re.test(path)) return path.replace(re, to);
  return path.replaceAll('/', '.');
}

/** MyDHL's `2026-06-14T15:00:00 GMT+00:00` from an ISO date-time (UTC). */
export function dhlShipTime(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 19)} GMT+00:00`;
}

export interface DhlConfig extends Omit<CarrierHttp, 'carrier'> {
  apiKey: string;
  apiSecret: string;
  accountNumber: string;
  retry?: RetryPolicy;
}

export function dhlAdapter(config: DhlConfig): CourierAdapter {
  const http: CarrierHttp = { carrier: 'DHL', baseUrl: config.baseUrl, timeoutMs: config.timeoutMs };
  const retry = config.retry ?? DEFAULT_RETRY;
  const auth = `Basic ${Buffer.from(`${config.apiKey}:${config.apiSecret}`).toString('base64')}`;
  const call = async (method: string, path: string, json?: unknown) => {
    const res = await carrierFetch(http, {
      method,
      path,
      json,
      headers: { authorization: auth, 'x-version': API_VERSION },
    });
    throwOnTransportStatus(http, res);
    return res;
  };

  function fail(res: CarrierResponse): never {
    if (res.status === 401 || res.status === 403)
      throw new CarrierError({ kind: 'AUTH', carrier: 'DHL', message: 'DHL refused the API key or secret' });
    const problem = ZProblem.safeParse(safeJson(res.text()));
    const p = problem.success ? problem.data : {};
    if (res.status === 422) {
      const first = p.additionalDetails?.[0] ?? p.detail ?? 'schema error';
      const [, at, missingKey] = /^(#[^:]*):(?:.*required key \[(\w+)\])?/.exec(first) ?? [];
      const pointer = at && missingKey ? `${at}/${missingKey}` : at;
      throw new CarrierError({
        kind: 'VALIDATION',
        carrier: 'DHL',
        message: first,
        field: pointer ? neutralField(pointer) : undefined,
      });
    }
    const detail = p.detail ?? p.message ?? `HTTP ${res.status}`;
    const code = /^(\d+):/.exec(detail)?.[1];
    const kinds: Record<string, [CarrierErrorKind, string | undefined]> = {
      '998': ['VALIDATION', 'shipDate'],
      '7008': ['SERVICE_UNAVAILABLE', 'serviceCode'],
      '8003': ['SERVICE_UNAVAILABLE', 'serviceCode'],
      '420504': ['ADDRESS', 'shipTo.postcode'],
    };
    const [kind, field] = (code && kinds[code]) || [
      res.status === 400 ? 'VALIDATION' : 'CARRIER_DOWN',
      undefined,
    ];
    throw new CarrierError({ kind, carrier: 'DHL', message: detail, carrierCode: code, field });
  }

  async function create(input: CreateShipmentInput): Promise<CreateShipmentResult> {
    const party = (a: CreateShipmentInput['shipTo']) => ({
      postalAddress: {
        postalCode: a.postcode ?? '',
        cityName: a.city,
        countryCode: a.countryCode,
        addressLine1: a.line1,
        ...(a.line2 ? { addressLine2: a.line2 } : {}),
        ...(a.line3 ? { addressLine3: a.line3 } : {}),
      },
      contactInformation: {
        ...(a.phone ? { phone: a.phone } : {}),
        companyName: a.company ?? a.name,
        fullName: a.name,
        ...(a.email ? { email: a.email } : {}),
      },
    });
    const international = input.shipFrom.countryCode !== input.shipTo.countryCode;
    const res = await call('POST', '/shipments', {
      plannedShippingDateAndTime: dhlShipTime(input.shipDate),
      pickup: { isRequested: false },
      productCode: input.serviceCode,
      accounts: [{ typeCode: 'shipper', number: config.accountNumber }],
      customerReferences: [{ value: input.reference.slice(0, 35), typeCode: 'CU' }],
      customerDetails: { shipperDetails: party(input.shipFrom), receiverDetails: party(input.shipTo) },
      content: {
        packages: input.parcels.map((p) => ({
          weight: Math.max(0.001, Math.round(p.weightGrams) / 1000),
          ...(p.lengthMm && p.widthMm && p.heightMm
            ? {
                dimensions: {
                  length: Math.ceil(p.lengthMm / 10),
                  width: Math.ceil(p.widthMm / 10),
                  height: Math.ceil(p.heightMm / 10),
                },
              }
            : {}),
        })),
        isCustomsDeclarable: international,
        ...(international && input.valueMinor !== undefined && input.currency
          ? { declaredValue: input.valueMinor / 100, declaredValueCurrency: input.currency }
          : {}),
        description: (input.parcels[0]?.contents?.[0]?.description ?? 'Goods').trim().slice(0, 70) || 'Goods',
        incoterm: input.incoterm ?? 'DAP',
        unitOfMeasurement: 'metric',
      },
      outputImageProperties: {
        encodingFormat: 'pdf',
        imageOptions: [{ typeCode: 'label', templateName: LABEL_TEMPLATE }],
      },
    });
    if (res.status !== 201) fail(res);
    const body = parseCarrierJson(http, res, ZCreated);
    const label = body.documents?.find((d) => d.typeCode === 'label');
    return {
      carrierShipmentId: body.shipmentTrackingNumber,
      trackingNumber: body.shipmentTrackingNumber,
      parcelTrackingNumbers: (body.packages ?? []).map((p) => p.trackingNumber),
      labels: label
        ? [
            {
              format: label.imageFormat.toUpperCase() === 'ZPL' ? 'ZPL' : 'PDF',
              mediaType: label.imageFormat.toUpperCase() === 'ZPL' ? 'application/zpl' : 'application/pdf',
              data: Buffer.from(label.content, 'base64'),
            },
          ]
        : [],
      warnings: body.warnings ?? [],
    };
  }

  return {
    carrier: 'DHL',
    capabilities: { labelFormats: ['PDF', 'ZPL', 'EPL'], cancel: false, manifest: false },
    createShipment: (input) => createWithLookup(retry, () => create(input), null),
    cancel: () => Promise.resolve('not_supported'),
    closeDay: () => Promise.resolve({ status: 'not_required' }),
    async track(trackingNumber) {
      if (!/^\d{10}$/.test(trackingNumber)) return [];
      const res = await withRetries(retry, () =>
        call(
          'GET',
          `/shipments/${trackingNumber}/tracking?trackingView=all-checkpoints&levelOfDetail=shipment`,
        ),
      );
      if (res.status === 404) return [];
      if (res.status !== 200) fail(res);
      const body = parseCarrierJson(
        http,
        res,
        z.object({
          shipments: z.array(
            z.object({
              events: z.array(
                z.object({
                  date: z.string(),
                  time: z.string(),
                  GMTOffset: z.string().nullish(),
                  typeCode: z.string(),
                  description: z.string(),
                }),
              ),
            }),
          ),
        }),
      );
      return (body.shipments[0]?.events ?? []).map((e) => ({
        at: `${e.date}T${e.time}${e.GMTOffset ?? '+00:00'}`,
        code: e.typeCode,
        description: e.description,
      }));
    },
    async verifyCredentials() {
      // An authenticated read: an unknown waybill answers 404 when the key works.
      const res = await withRetries(retry, () => call('GET', '/shipments/0000000000/tracking'));
      if (res.status !== 200 && res.status !== 404) fail(res);
    },
  };
}
