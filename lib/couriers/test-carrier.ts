// Adapter for Packline's built-in TEST carrier (the courier simulator's /test API): API key in
// X-Api-Key, JSON errors `{error:{code,message,field?}}`, PDF and ZPL labels in one answer,
// lookup by reference, cancel, manifest, tracking.
import { z } from 'zod';
import {
  CarrierError,
  type CarrierLabel,
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

const ZError = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});
const ZShipment = z.object({
  id: z.string().min(1),
  reference: z.string(),
  trackingNumber: z.string().min(1),
  parcels: z.array(z.object({ trackingNumber: z.string() })),
  status: z.enum(['created', 'cancelled', 'manifested']),
});
const ZCreated = ZShipment.extend({
  labels: z.array(z.object({ format: z.enum(['PDF', 'ZPL']), content: z.base64() })),
});

export interface TestCarrierConfig extends Omit<CarrierHttp, 'carrier'> {
  apiKey: string;
  retry?: RetryPolicy;
}

export function testCarrierAdapter(config: TestCarrierConfig): CourierAdapter {
  const http: CarrierHttp = { carrier: 'TEST', baseUrl: config.baseUrl, timeoutMs: config.timeoutMs };
  const retry = config.retry ?? DEFAULT_RETRY;
  const call = async (method: string, path: string, json?: unknown) => {
    const res = await carrierFetch(http, { method, path, json, headers: { 'x-api-key': config.apiKey } });
    throwOnTransportStatus(http, res);
    return res;
  };

  function fail(res: CarrierResponse): never {
    const body = ZError.safeParse(safeJson(res.text()));
    const e = body.success ? body.data.error : { code: String(res.status), message: `HTTP ${res.status}` };
    const kind =
      res.status === 401 || res.status === 403
        ? 'AUTH'
        : e.code === 'invalid_address'
          ? 'ADDRESS'
          : res.status === 422 || res.status === 400
            ? 'VALIDATION'
            : 'CARRIER_DOWN';
    throw new CarrierError({
      kind,
      carrier: 'TEST',
      message: e.message,
      carrierCode: e.code,
      field: 'field' in e ? e.field : undefined,
    });
  }

  const toResult = (s: z.infer<typeof ZShipment>, labels: CarrierLabel[]): CreateShipmentResult => ({
    carrierShipmentId: s.id,
    trackingNumber: s.trackingNumber,
    parcelTrackingNumbers: s.parcels.map((p) => p.trackingNumber),
    labels,
    warnings: [],
  });

  async function create(input: CreateShipmentInput): Promise<CreateShipmentResult> {
    const res = await call('POST', '/v1/shipments', {
      reference: input.reference,
      service: input.serviceCode,
      shipFrom: input.shipFrom,
      shipTo: input.shipTo,
      parcels: input.parcels.map((p) => ({
        weightGrams: p.weightGrams,
        lengthMm: p.lengthMm,
        widthMm: p.widthMm,
        heightMm: p.heightMm,
      })),
      labelFormats: ['PDF', 'ZPL'],
    });
    if (res.status !== 201) fail(res);
    const body = parseCarrierJson(http, res, ZCreated);
    return toResult(
      body,
      body.labels.map((l) => ({
        format: l.format,
        mediaType: l.format === 'PDF' ? 'application/pdf' : 'application/zpl',
        data: Buffer.from(l.content, 'base64'),
      })),
    );
  }

  /** A shipment a lost answer already created; its labels are fetched by rendering (none stored here). */
  async function lookup(reference: string): Promise<CreateShipmentResult | null> {
    const res = await call('GET', `/v1/shipments?reference=${encodeURIComponent(reference)}`);
    if (res.status !== 200) fail(res);
    const found = parseCarrierJson(http, res, z.object({ shipments: z.array(ZShipment) })).shipments.find(
      (s) => s.status === 'created',
    );
    return found ? toResult(found, []) : null;
  }

  return {
    carrier: 'TEST',
    capabilities: { labelFormats: ['PDF', 'ZPL'], cancel: true, manifest: true },
    createShipment: (input) =>
      createWithLookup(
        retry,
        () => create(input),
        () => lookup(input.reference),
      ),
    async cancel(id) {
      const res = await withRetries(retry, () => call('DELETE', `/v1/shipments/${encodeURIComponent(id)}`));
      if (res.status === 200) return 'cancelled';
      if (res.status === 409 || res.status === 404) return 'rejected';
      fail(res);
    },
    async closeDay(date) {
      const res = await withRetries(retry, () => call('POST', '/v1/manifests', { date }));
      if (res.status !== 201) fail(res);
      const body = parseCarrierJson(http, res, z.object({ manifestId: z.string(), document: z.base64() }));
      return { status: 'done', document: Buffer.from(body.document, 'base64') };
    },
    async track(trackingNumber) {
      const res = await withRetries(retry, () =>
        call('GET', `/v1/tracking/${encodeURIComponent(trackingNumber)}`),
      );
      if (res.status !== 200) fail(res);
      return parseCarrierJson(
        http,
        res,
        z.object({
          events: z.array(z.object({ at: z.string(), code: z.string(), description: z.string() })),
        }),
      ).events;
    },
    async verifyCredentials() {
      const res = await withRetries(retry, () => call('GET', '/v1/account'));
      if (res.status !== 200) fail(res);
    },
  };
}
