// Shared state and helpers of the SP-API simulator (registry, tokens, orders, responses).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SimClock } from './clock.ts';
import type { Region, SimOrder } from './generator.ts';
import type { SimListing, SimListingQuantity } from './listings-items.ts';
import type { SpApiOperation, UsagePlan } from './rate-limits.ts';

export type DataElement = 'buyerInfo' | 'shippingAddress' | 'buyerTaxInformation';
export const DATA_ELEMENTS: readonly DataElement[] = ['buyerInfo', 'shippingAddress', 'buyerTaxInformation'];

export interface AmazonSimApp {
  /** `amzn1.sellerapps.app.…` (the consent URL's application_id). */
  applicationId: string;
  /** LWA client id `amzn1.application-oa2-client.…`. */
  clientId: string;
  clientSecret: string;
  /** OAuth redirect URIs; the first is the default. */
  redirectUris: string[];
  /** Draft apps need `version=beta` on the consent URL (else MD1000). */
  draft?: boolean;
  /**
   * Restricted roles, as the data elements they unlock: `shippingAddress` (Direct-to-Consumer
   * Shipping), `buyerInfo` / `buyerTaxInformation` (Tax Invoicing/Remittance). Gates RDT
   * dataElements (v0) and BUYER/RECIPIENT PII (2026-01-01).
   */
  restrictedRoles: DataElement[];
}

export interface AmazonSimSeller {
  sellingPartnerId: string;
  region: Region;
  marketplaceIds: string[];
}

export type TokenKind = 'lwa' | 'rdt' | 'grantless';

export interface AccessTokenRecord {
  token: string;
  kind: TokenKind;
  clientId: string;
  /** Undefined for grantless tokens. */
  sellingPartnerId?: string;
  region?: Region;
  expiresAt: number;
  /** RDT only. */
  resources?: RdtResource[];
}

export interface RdtResource {
  method: string;
  path: string;
  pattern: RegExp;
  dataElements: DataElement[];
}

export interface RefreshTokenRecord {
  token: string;
  clientId: string;
  sellingPartnerId: string;
  region: Region;
  revoked: boolean;
}

export interface AuthCodeRecord {
  code: string;
  clientId: string;
  sellingPartnerId: string;
  region: Region;
  redirectUri: string;
  expiresAt: number;
  used: boolean;
}

export interface AmazonFaults {
  /** Probability (0–1) of an injected 429 QuotaExceeded. */
  rate429: number;
  /** Probability (0–1) of an injected 500 InternalFailure / 503 Unavailable (alternating at random). */
  rate5xx: number;
  /** Probability (0–1) that the request hangs: no response until `hangMs` passes (0 = until close). */
  hangRate: number;
  hangMs: number;
  /** Probability (0–1) that a 200 response body is truncated, invalid JSON. */
  malformedRate: number;
  /** Delay (real ms) before every response. */
  latencyMs: number;
  /** The next n matching requests fail with `failNextWith`. */
  failNext: number;
  failNextWith: 429 | 500 | 503 | 'hang' | 'malformed';
  /** Restrict faults to these operations (`lwa.token` included); undefined = every SP-API operation. */
  operations: readonly string[] | undefined;
}

export const NO_FAULTS: AmazonFaults = {
  rate429: 0,
  rate5xx: 0,
  hangRate: 0,
  hangMs: 0,
  malformedRate: 0,
  latencyMs: 0,
  failNext: 0,
  failNextWith: 500,
  operations: undefined,
};

export interface AmazonCall {
  /** `orders.getOrders`, `tokens.createRestrictedDataToken`, `lwa.token`, `consent.page`, … or `unknown`. */
  operation: string;
  method: string;
  host: string;
  /** TLS server name (SNI) the client sent. */
  sni?: string;
  /** Path without the query string. */
  path: string;
  query: string;
  sellingPartnerId?: string;
  clientId?: string;
  /** What the x-amz-access-token was; `none` for LWA/consent calls or when missing. */
  tokenKind: TokenKind | 'none' | 'invalid' | 'expired';
  status: number;
  /** LWA grant_type for `lwa.token` calls. */
  grantType?: string;
  fault?: '429' | '5xx' | 'hang' | 'malformed';
  /** Error code of the response, when any (`QuotaExceeded`, `invalid_grant`, …). */
  errorCode?: string;
  requestId: string;
  /** Simulated epoch ms. */
  at: number;
}

export interface SimState {
  clock: SimClock;
  apps: Map<string, AmazonSimApp>; // by clientId
  secretExpired: Set<string>; // clientIds
  sellers: Map<string, AmazonSimSeller>;
  accessTokens: Map<string, AccessTokenRecord>;
  refreshTokens: Map<string, RefreshTokenRecord>;
  authCodes: Map<string, AuthCodeRecord>;
  ordersBySeller: Map<string, SimOrder[]>;
  ordersById: Map<string, SimOrder>;
  piiWithoutRdt: 'redacted' | 'relay-email' | 'full';
  nextTokenTtlMs: number;
  paginationTokenTtlMs: number;
  orderItemsPageSize: number;
  accessTokenTtlSeconds: number;
  tokenSecret: Buffer;
  rateLimitsEnabled: boolean;
  rateLimitHeaderOn429: boolean;
  planOverrides: Map<string, UsagePlan>; // `${operation}` or `${sellerId}|${operation}`
  /** Listings Items: last fulfillment_availability per `${sellerId}|${marketplaceId}|${sku}`. */
  listingQuantities: Map<string, SimListingQuantity>;
  /** Listings Items: the sellers' catalogues by `${sellerId}|${marketplaceId}|${sku}` (searchListingsItems). */
  listings: Map<string, SimListing>;
}

export function planFor(
  state: SimState,
  defaults: Readonly<Record<SpApiOperation, UsagePlan>>,
  op: SpApiOperation,
  sellerId?: string,
): UsagePlan {
  return (
    (sellerId && state.planOverrides.get(`${sellerId}|${op}`)) || state.planOverrides.get(op) || defaults[op]
  );
}

export function newToken(prefix: string, bytes = 48): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

export const MINUTE = 60_000;
export const TWO_MINUTES = 2 * MINUTE;

/** A handler's answer. `body` undefined → no body (204). `raw` → sent as is. */
export interface SimResponse {
  status: number;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  errorCode?: string;
}

export interface SpError {
  code: string;
  message: string;
  details?: string;
}

export function errors(status: number, ...list: SpError[]): SimResponse {
  return { status, body: { errors: list }, errorCode: list[0]?.code };
}

export function invalidInput(message: string, details = ''): SimResponse {
  return errors(400, { code: 'InvalidInput', message, details });
}

/** Amazon's opaque 400 (e.g. the two-minute `*Before` rule). */
export const OPAQUE_INVALID_INPUT =
  'The input you have submitted is not valid. Please check your input and try again.';

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Parses an ISO 8601 date-time; undefined when it is not one. */
export function parseIso(value: string): number | undefined {
  if (!ISO_8601.test(value)) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Money `Amount` string from minor units. */
export function amount(minorUnits: number, minor: number): string {
  return minor === 1 ? String(minorUnits) : (minorUnits / minor).toFixed(2);
}

/**
 * Opaque pagination tokens: AES-256-GCM of the JSON state (so filters such as BuyerEmail never
 * show through), standard base64 with `+`, `/`, `=` — a token that is re-encoded, truncated or
 * tampered with fails to decode, as Amazon's do.
 */
export function encodeToken(state: SimState, payload: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', state.tokenSecret, iv);
  const ct = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, ct, cipher.getAuthTag()]).toString('base64');
}

export function decodeToken<T>(state: SimState, token: string): T | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(token)) return undefined;
  const raw = Buffer.from(token, 'base64');
  if (raw.length < 12 + 16 + 1 || raw.toString('base64') !== token) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', state.tokenSecret, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    const json = Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]);
    return JSON.parse(json.toString('utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Splits a Swagger-2 csv array query parameter (URLSearchParams already decoded `%2C`). */
export function csv(params: URLSearchParams, name: string): string[] | undefined {
  const all = params.getAll(name);
  if (all.length === 0) return undefined;
  return all
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

export const ORDER_ID_3_7_7 = /^\d{3}-\d{7}-\d{7}$/;

export interface RequestContext {
  method: string;
  path: string;
  params: URLSearchParams;
  pathParams: Record<string, string>;
  body: string;
  token?: AccessTokenRecord;
  /** RDT only: data elements of the RDT resources that cover this request's method + path. */
  rdtElements?: Set<DataElement>;
  seller?: AmazonSimSeller;
  app?: AmazonSimApp;
  now: number;
}
