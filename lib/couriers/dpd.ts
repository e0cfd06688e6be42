// DPD UK adapter (couriers.md §2): login with Basic auth for a geoSession (cached 90 min per
// user, re-login once on a 401), then `GeoSession` + `GeoClient: account/<n>` on every call. One
// consignment per shipment; `totalWeight` in kg; the answer's `error` may come with HTTP 200, and
// with `data` it is only a warning. Labels are raw ZPL (Accept: text/vnd.zebra-zpl) — DPD has no
// PDF, so Packline renders the 4×6 PDF. Lookup by reference through searchCriterea (assumption,
// couriers.md §5); void and manifest may be missing on an account (404 → not supported / not
// required). Tracking is a separate XML service: track() says NOT_SUPPORTED.
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

const SESSION_TTL_MS = 90 * 60_000;
const sessions = new Map<string, { geoSession: string; expiresAt: number }>();

const ZDpdError = z.object({
  errorCode: z.union([z.string(), z.number()]).transform(String),
  errorType: z.string().nullish(),
  errorMessage: z.string(),
  obj: z.string().nullish(),
});
const ZEnvelope = <T extends z.ZodType>(data: T) =>
  z.object({ error: z.union([ZDpdError, z.array(ZDpdError)]).nullish(), data: data.nullish() });
const ZConsignments = z.array(
  z.object({ consignmentNumber: z.string().nullish(), parcelNumbers: z.array(z.string()) }),
);

function errorsOf(error: z.infer<typeof ZDpdError> | z.infer<typeof ZDpdError>[] | null | undefined) {
  return error ? (Array.isArray(error) ? error : [error]) : [];
}

function neutralField(obj: string): string {
  return obj
    .replace(/^consignment\[0\]\.deliveryDetails\.address\.(street)$/, 'shipTo.line1')
    .replace(/^consignment\[0\]\.deliveryDetails\.address\.(town)$/, 'shipTo.city')
    .replace(/^consignment\[0\]\.deliveryDetails\.address\./, 'shipTo.')
    .replace(/^consignment\[0\]\.deliveryDetails\.contactDetails\.contactName$/, 'shipTo.name')
    .replace(/^consignment\[0\]\.totalWeight$/, 'parcels.weightGrams')
    .replace(/^consignment\[0\]\.networkCode$/, 'serviceCode');
}

export interface DpdConfig extends Omit<CarrierHttp, 'carrier'> {
  username: string;
  password: string;
  accountNumber: string;
  retry?: RetryPolicy;
}

export function dpdAdapter(config: DpdConfig): CourierAdapter {
  const http: CarrierHttp = { carrier: 'DPD', baseUrl: config.baseUrl, timeoutMs: config.timeoutMs };
  const retry = config.retry ?? DEFAULT_RETRY;
  const sessionKey = `${config.baseUrl}|${config.username}`;

  async function login(): Promise<string> {
    const res = await carrierFetch(http, {
      method: 'POST',
      path: '/user/?action=login',
      headers: {
        authorization: `Basic ${Buffer.from(`${config.username}:${config.password}`).toString('base64')}`,
      },
    });
    throwOnTransportStatus(http, res);
    if (res.status === 401 || res.status === 403)
      throw new CarrierError({
        kind: 'AUTH',
        carrier: 'DPD',
        message: 'DPD refused the username or password',
      });
    const body = parseCarrierJson(http, res, ZEnvelope(z.object({ geoSession: z.string().min(1) })));
    if (!body.data) fail(res, errorsOf(body.error));
    sessions.set(sessionKey, { geoSession: body.data.geoSession, expiresAt: Date.now() + SESSION_TTL_MS });
    return body.data.geoSession;
  }

  async function call(method: string, path: string, json?: unknown, accept = 'application/json') {
    for (let fresh = false; ; fresh = true) {
      const cached = sessions.get(sessionKey);
      const geoSession =
        !fresh && cached && cached.expiresAt > Date.now() ? cached.geoSession : await login();
      const res = await carrierFetch(http, {
        method,
        path,
        json,
        headers: { geosession: geoSession, geoclient: `account/${config.accountNumber}`, accept },
      });
      throwOnTransportStatus(http, res);
      if (res.status === 401 && !fresh) {
        sessions.delete(sessionKey);
        continue;
      }
      if (res.status === 401)
        throw new CarrierError({ kind: 'AUTH', carrier: 'DPD', message: 'DPD refused the session' });
      return res;
    }
  }

  function fail(res: CarrierResponse, errors: z.infer<typeof ZDpdError>[]): never {
    const first = errors[0];
    if (!first)
      throw new CarrierError({
        kind: 'CARRIER_DOWN',
        carrier: 'DPD',
        message: `HTTP ${res.status} without an error`,
      });
    const obj = first.obj ?? '';
    const kind: CarrierErrorKind = /postcode/i.test(obj)
      ? 'ADDRESS'
      : /networkCode/.test(obj)
        ? 'SERVICE_UNAVAILABLE'
        : first.errorType === 'Authentication'
          ? 'AUTH'
          : 'VALIDATION';
    throw new CarrierError({
      kind,
      carrier: 'DPD',
      message: first.errorMessage,
      carrierCode: first.errorCode,
      field: obj ? neutralField(obj) : undefined,
    });
  }

  async function zplLabel(shipmentId: string): Promise<Buffer> {
    const res = await call('GET', `/shipping/shipment/${shipmentId}/label/`, undefined, 'text/vnd.zebra-zpl');
    if (res.status !== 200 || res.contentType.includes('json')) {
      const body = ZEnvelope(z.unknown()).safeParse(safeJson(res.text()));
      fail(res, body.success ? errorsOf(body.data.error) : []);
    }
    return res.bytes;
  }

  async function result(
    shipmentId: string,
    consignments: z.infer<typeof ZConsignments>,
    warnings: string[],
  ): Promise<CreateShipmentResult> {
    const parcels = consignments.flatMap((c) => c.parcelNumbers);
    return {
      carrierShipmentId: shipmentId,
      trackingNumber: parcels[0] ?? null,
      parcelTrackingNumbers: parcels,
      labels: [{ format: 'ZPL', mediaType: 'text/vnd.zebra-zpl', data: await zplLabel(shipmentId) }],
      warnings,
    };
  }

  async function create(input: CreateShipmentInput): Promise<CreateShipmentResult> {
    const from = input.shipFrom;
    const to = input.shipTo;
    const grams = input.parcels.reduce((sum, p) => sum + p.weightGrams, 0);
    const res = await call('POST', '/shipping/shipment', {
      jobId: null,
      collectionOnDelivery: false,
      invoice: null,
      collectionDate: input.shipDate.slice(0, 19),
      consolidate: false,
      consignment: [
        {
          consignmentNumber: null,
          consignmentRef: null,
          parcel: [],
          collectionDetails: {
            contactDetails: { contactName: from.name, telephone: from.phone },
            address: {
              organisation: from.company,
              countryCode: from.countryCode,
              postcode: from.postcode,
              street: from.line1,
              locality: from.line2,
              town: from.city,
              county: from.county,
            },
          },
          deliveryDetails: {
            contactDetails: { contactName: to.name, telephone: to.phone },
            address: {
              organisation: to.company,
              countryCode: to.countryCode,
              postcode: to.postcode,
              street: to.line1,
              locality: to.line2,
              town: to.city,
              county: to.county,
            },
            notificationDetails: { email: to.email, mobile: to.phone },
          },
          networkCode: input.serviceCode,
          numberOfParcels: input.parcels.length,
          totalWeight: Math.max(0.01, Math.round(grams / 10) / 100),
          shippingRef1: input.reference,
          liability: false,
        },
      ],
    });
    if (res.status !== 200) {
      const body = ZEnvelope(z.unknown()).safeParse(safeJson(res.text()));
      fail(res, body.success ? errorsOf(body.data.error) : []);
    }
    const body = parseCarrierJson(
      http,
      res,
      ZEnvelope(
        z.object({
          shipmentId: z.union([z.number(), z.string()]).transform(String),
          consignmentDetail: ZConsignments,
        }),
      ),
    );
    const errors = errorsOf(body.error);
    if (!body.data) fail(res, errors);
    return result(
      body.data.shipmentId,
      body.data.consignmentDetail,
      errors.map((e) => e.errorMessage),
    );
  }

  async function lookup(reference: string): Promise<CreateShipmentResult | null> {
    const res = await call('GET', `/shipping/shipment/?searchCriterea=${encodeURIComponent(reference)}`);
    const body = parseCarrierJson(
      http,
      res,
      ZEnvelope(
        z.object({
          results: z.array(
            z.object({
              shipmentId: z.union([z.number(), z.string()]).transform(String),
              consignmentDetail: ZConsignments,
            }),
          ),
        }),
      ),
    );
    if (!body.data) fail(res, errorsOf(body.error));
    const found = body.data.results[0];
    return found ? result(found.shipmentId, found.consignmentDetail, []) : null;
  }

  return {
    carrier: 'DPD',
    capabilities: { labelFormats: ['ZPL', 'EPL', 'CLP', 'HTML'], cancel: true, manifest: true },
    createShipment: (input) =>
      createWithLookup(
        retry,
        () => create(input),
        () => lookup(input.reference),
      ),
    async cancel(id) {
      if (!/^\d+$/.test(id)) return 'rejected';
      const res = await withRetries(retry, () =>
        call('PUT', `/shipping/shipment/${id}/?action=Void`, { isVoided: true }),
      );
      const body = ZEnvelope(z.unknown()).safeParse(safeJson(res.text()));
      if (res.status === 404 && body.success && !errorsOf(body.data.error).length) return 'not_supported';
      if (!body.success) fail(res, []);
      return res.status === 200 && !errorsOf(body.data.error).length ? 'cancelled' : 'rejected';
    },
    async closeDay(date) {
      const res = await withRetries(retry, () =>
        call('POST', '/shipping/manifest/', { collectionDate: `${date}T00:00:00` }),
      );
      if (res.status === 404) return { status: 'not_required' };
      const body = parseCarrierJson(
        http,
        res,
        ZEnvelope(z.object({ manifestId: z.union([z.number(), z.string()]) })),
      );
      if (!body.data) fail(res, errorsOf(body.error));
      return { status: 'done' };
    },
    track() {
      return Promise.reject(
        new CarrierError({
          kind: 'NOT_SUPPORTED',
          carrier: 'DPD',
          message: 'DPD tracking is a separate service',
        }),
      );
    },
    async verifyCredentials() {
      sessions.delete(sessionKey);
      await withRetries(retry, login);
    },
  };
}
