// Royal Mail Click & Drop adapter (couriers.md §1): `Authorization: Bearer <key>`; one order per
// shipment (POST /orders with the label in the answer, OBA accounts), failures read from
// `failedOrders` inside HTTP 200; units g and mm; money in pounds with 2 decimals. Lookup by
// reference is GET /orders/"<ref>"; cancel is DELETE /orders/{id}; end of day is POST /manifests
// (201, or 202 then GET /manifests/{n}). Click & Drop has no tracking events (the separate
// Tracking API needs its own credentials): track() says NOT_SUPPORTED.
import { createHash } from 'node:crypto';
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

const EU_US = new Set(
  'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE US'.split(' '),
);

const ZCreateResponse = z.object({
  successCount: z.number(),
  errorsCount: z.number(),
  createdOrders: z.array(
    z.object({
      orderIdentifier: z.number().int(),
      orderReference: z.string().nullish(),
      trackingNumber: z.string().nullish(),
      packages: z
        .array(z.object({ packageNumber: z.number(), trackingNumber: z.string().nullish() }))
        .nullish(),
      label: z.base64().nullish(),
      labelErrors: z.array(z.object({ message: z.string(), code: z.unknown() })).nullish(),
    }),
  ),
  failedOrders: z.array(
    z.object({
      errors: z.array(
        z.object({
          errorCode: z.number(),
          errorMessage: z.string(),
          fields: z.array(z.object({ fieldName: z.string() })).nullish(),
        }),
      ),
    }),
  ),
});
const ZOrderInfo = z.array(
  z.object({
    orderIdentifier: z.number().int(),
    orderReference: z.string().nullish(),
    trackingNumber: z.string().nullish(),
  }),
);
const ZErrorResponse = z.object({ code: z.string().optional(), message: z.string() });

/** Click & Drop field paths → the neutral input's, so staff see which field to fix. */
function neutralField(fieldName: string): string {
  return fieldName
    .replace(/^recipient\.address\.(fullName)$/, 'shipTo.name')
    .replace(/^recipient\.address\.addressLine(\d)$/, 'shipTo.line$1')
    .replace(/^recipient\.address\./, 'shipTo.')
    .replace(/^recipient\.phoneNumber$/, 'shipTo.phone')
    .replace(/^recipient\.emailAddress$/, 'shipTo.email')
    .replace(/^packages\[(\d+)\]\.weightInGrams$/, 'parcels.$1.weightGrams')
    .replace(/^postageDetails\.serviceCode$/, 'serviceCode');
}

function packageFormat(weightGrams: number): string {
  if (weightGrams <= 2_000) return 'smallParcel';
  if (weightGrams <= 20_000) return 'mediumParcel';
  return 'largeParcel';
}

const pounds = (minor: number) => Math.round(minor) / 100;

// Click & Drop answers 429 above 5 calls/s per key: this process spaces its calls 220 ms apart per
// key (several processes can still exceed it together, hence the 429 retries too).
const MIN_INTERVAL_MS = 220;
const nextSlot = new Map<string, number>();
async function pace(key: string): Promise<void> {
  const now = Date.now();
  const slot = Math.max(now, nextSlot.get(key) ?? 0);
  nextSlot.set(key, slot + MIN_INTERVAL_MS);
  if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
}

export interface RoyalMailConfig extends Omit<CarrierHttp, 'carrier'> {
  apiKey: string;
  retry?: RetryPolicy;
}

export function royalMailAdapter(config: RoyalMailConfig): CourierAdapter {
  const http: CarrierHttp = { carrier: 'ROYAL_MAIL', baseUrl: config.baseUrl, timeoutMs: config.timeoutMs };
  const retry = config.retry ?? DEFAULT_RETRY;
  const paceKey = createHash('sha256').update(`${config.baseUrl}|${config.apiKey}`).digest('hex');
  const call = async (method: string, path: string, json?: unknown, accept?: string) => {
    await pace(paceKey);
    const res = await carrierFetch(http, {
      method,
      path,
      json,
      headers: { authorization: `Bearer ${config.apiKey}`, ...(accept ? { accept } : {}) },
    });
    throwOnTransportStatus(http, res);
    return res;
  };

  function fail(res: CarrierResponse): never {
    if (res.status === 401 || res.status === 403)
      throw new CarrierError({
        kind: 'AUTH',
        carrier: 'ROYAL_MAIL',
        message: `Click & Drop refused the API key (${res.status})`,
      });
    const body = ZErrorResponse.safeParse(safeJson(res.text()));
    throw new CarrierError({
      kind: res.status === 400 ? 'VALIDATION' : 'CARRIER_DOWN',
      carrier: 'ROYAL_MAIL',
      message: body.success ? body.data.message : `HTTP ${res.status}`,
      carrierCode: body.success ? body.data.code : String(res.status),
    });
  }

  const orderPath = (idOrRef: number | string) =>
    `/orders/${typeof idOrRef === 'number' ? idOrRef : encodeURIComponent(`"${idOrRef}"`)}`;

  /** The postage label (binary PDF), or null for accounts without labels (OLP: 403). */
  async function fetchLabel(orderIdentifier: number): Promise<Buffer | null> {
    const res = await call(
      'GET',
      `${orderPath(orderIdentifier)}/label?documentType=postageLabel&includeReturnsLabel=false`,
      undefined,
      'application/pdf',
    );
    if (res.status === 403) return null;
    if (res.status !== 200 || !res.contentType.includes('application/pdf')) fail(res);
    return res.bytes;
  }

  async function create(input: CreateShipmentInput): Promise<CreateShipmentResult> {
    const to = input.shipTo;
    const value = pounds(input.valueMinor ?? 0);
    const res = await call('POST', '/orders', {
      items: [
        {
          orderReference: input.reference,
          recipient: {
            address: {
              fullName: to.name,
              companyName: to.company,
              addressLine1: to.line1,
              addressLine2: to.line2,
              addressLine3: to.line3,
              city: to.city,
              county: to.county,
              postcode: to.postcode,
              countryCode: to.countryCode,
            },
            phoneNumber: to.phone,
            emailAddress: to.email,
          },
          sender: {
            tradingName: input.shipFrom.company ?? input.shipFrom.name,
            phoneNumber: input.shipFrom.phone,
          },
          packages: input.parcels.map((p) => ({
            weightInGrams: p.weightGrams,
            packageFormatIdentifier: packageFormat(p.weightGrams),
            ...(p.lengthMm && p.widthMm && p.heightMm
              ? { dimensions: { heightInMms: p.heightMm, widthInMms: p.widthMm, depthInMms: p.lengthMm } }
              : {}),
          })),
          orderDate: input.shipDate,
          subtotal: value,
          shippingCostCharged: 0,
          total: value,
          currencyCode: input.currency,
          ...(EU_US.has(to.countryCode)
            ? { deliveryTerm: input.incoterm === 'DDP' ? 'DDP' : 'DDU_DAP' }
            : {}),
          postageDetails: { serviceCode: input.serviceCode },
          label: { includeLabelInResponse: true, includeCN: false, includeReturnsLabel: false },
        },
      ],
    });
    if (res.status !== 200) fail(res);
    const body = parseCarrierJson(http, res, ZCreateResponse);
    const failed = body.failedOrders[0]?.errors[0];
    if (failed) {
      const fieldName = failed.fields?.[0]?.fieldName ?? '';
      const kind: CarrierErrorKind = /postcode/i.test(fieldName)
        ? 'ADDRESS'
        : /serviceCode/.test(fieldName)
          ? 'SERVICE_UNAVAILABLE'
          : 'VALIDATION';
      throw new CarrierError({
        kind,
        carrier: 'ROYAL_MAIL',
        message: failed.errorMessage,
        carrierCode: String(failed.errorCode),
        field: fieldName ? neutralField(fieldName) : undefined,
      });
    }
    const order = body.createdOrders[0];
    if (!order)
      throw new CarrierError({
        kind: 'CARRIER_DOWN',
        carrier: 'ROYAL_MAIL',
        message: 'no order in the answer',
      });
    return withLabel(
      order.orderIdentifier,
      order.trackingNumber ?? null,
      order.packages ?? [],
      order.label ?? null,
    );
  }

  async function withLabel(
    orderIdentifier: number,
    trackingNumber: string | null,
    packages: { trackingNumber?: string | null }[],
    inlineLabel: string | null,
  ): Promise<CreateShipmentResult> {
    const pdf = inlineLabel ? Buffer.from(inlineLabel, 'base64') : await fetchLabel(orderIdentifier);
    if (!pdf) {
      // An OLP account gets no labels through the API: undo the order rather than leave a shipment
      // nobody can print.
      await call('DELETE', orderPath(orderIdentifier));
      throw new CarrierError({
        kind: 'NOT_SUPPORTED',
        carrier: 'ROYAL_MAIL',
        message: 'Click & Drop returns labels only for OBA (business account) API keys',
      });
    }
    return {
      carrierShipmentId: String(orderIdentifier),
      trackingNumber,
      parcelTrackingNumbers: packages.map((p) => p.trackingNumber).filter((t): t is string => Boolean(t)),
      labels: [{ format: 'PDF', mediaType: 'application/pdf', data: pdf }],
      warnings: trackingNumber ? [] : ['Royal Mail has not assigned a tracking number yet'],
    };
  }

  async function lookup(reference: string): Promise<CreateShipmentResult | null> {
    const res = await call('GET', orderPath(reference));
    if (res.status === 404) return null;
    if (res.status !== 200) fail(res);
    const order = parseCarrierJson(http, res, ZOrderInfo)[0];
    return order ? withLabel(order.orderIdentifier, order.trackingNumber ?? null, [], null) : null;
  }

  return {
    carrier: 'ROYAL_MAIL',
    capabilities: { labelFormats: ['PDF'], cancel: true, manifest: true },
    createShipment: (input) =>
      createWithLookup(
        retry,
        () => create(input),
        () => lookup(input.reference),
      ),
    async cancel(id) {
      if (!/^\d+$/.test(id)) return 'rejected';
      const res = await withRetries(retry, () => call('DELETE', orderPath(Number(id))));
      if (res.status !== 200) fail(res);
      const body = parseCarrierJson(
        http,
        res,
        z.object({ deletedOrders: z.array(z.object({ orderIdentifier: z.number() })) }),
      );
      return body.deletedOrders.length ? 'cancelled' : 'rejected';
    },
    async closeDay() {
      const res = await withRetries(retry, () => call('POST', '/manifests', {}));
      if (res.status === 400) return { status: 'not_required' };
      if (res.status !== 201 && res.status !== 202) fail(res);
      const body = parseCarrierJson(
        http,
        res,
        z.object({
          manifestNumber: z.number(),
          documentPdf: z.base64().nullish(),
          status: z.string().nullish(),
        }),
      );
      if (body.documentPdf) return { status: 'done', document: Buffer.from(body.documentPdf, 'base64') };
      // 202: the PDF is being made; ask once more after a moment, else report it pending.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const again = await withRetries(retry, () => call('GET', `/manifests/${body.manifestNumber}`));
      if (again.status !== 200) fail(again);
      const state = parseCarrierJson(
        http,
        again,
        z.object({ status: z.string(), documentPdf: z.base64().nullish() }),
      );
      return state.status === 'Completed' && state.documentPdf
        ? { status: 'done', document: Buffer.from(state.documentPdf, 'base64') }
        : { status: 'pending' };
    },
    track() {
      return Promise.reject(
        new CarrierError({
          kind: 'NOT_SUPPORTED',
          carrier: 'ROYAL_MAIL',
          message: 'Click & Drop has no tracking events (Royal Mail Tracking API is separate)',
        }),
      );
    },
    async verifyCredentials() {
      // Any authenticated read proves the key; an unknown reference answers 404.
      const res = await withRetries(retry, () => call('GET', orderPath('packline-connection-check')));
      if (res.status !== 200 && res.status !== 404) fail(res);
    },
  };
}
