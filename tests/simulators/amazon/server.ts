// SP-API simulator: a protocol-faithful HTTPS stand-in for Amazon's Selling Partner API and
// Login with Amazon, for dev and tests (ARCHITECTURE.md §5–6, shared/reference/sp-api.md).
//
// One node:https server with a private dev CA (certs.ts) answers for every Amazon host; requests
// are routed by Host (and the TLS SNI must agree). The real `amazon-sp-api` client reaches it
// through its `https_proxy_agent` option with lib/channels/amazon/sp-api-transport.ts, which
// keeps the Amazon hostnames (Host, SNI, certificate check) and only changes where the TCP
// connection goes.
//
// Hosts:
//   api.amazon.com                       POST /auth/o2/token (LWA; JSON or form bodies)
//   sellercentral[...].amazon.*          GET /apps/authorize/consent, POST /apps/authorize/confirm
//   sellingpartnerapi-{na,eu,fe}.amazon.com
//     Orders v0: getOrders, getOrder, getOrderItems, getOrderAddress, getOrderBuyerInfo, confirmShipment
//     Tokens 2021-03-01: createRestrictedDataToken
//     Orders 2026-01-01: searchOrders, getOrder (includedData)
//     Listings Items 2021-08-01: patchListingsItem (fulfillment_availability kept per sku),
//                                  searchListingsItems (catalogue derived from the seeded orders)
//   sandbox.sellingpartnerapi-*          not modelled: 500 InternalFailure (what the sandbox returns
//                                        for unmatched parameters)
//
// Every SP-API request passes: route → token lookup → fault injection → auth (403 envelopes
// with Amazon's exact `details` strings) → token bucket per (app, selling partner, operation)
// → handler. Everything time-based runs on the simulator clock (clock.ts).
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { loadOrCreateSimulatorCertificates } from './certs.ts';
import { createSimClock, type SimClock } from './clock.ts';
import { MARKETPLACES, generateOrders, type GenerateOrdersOptions, type SimOrder } from './generator.ts';
import {
  addListingsFromOrder,
  listingKey,
  patchListingsItem,
  searchListingsItems,
  type SimListing,
  type SimListingQuantity,
} from './listings-items.ts';
import { consentConfirm, consentPage, issueRefreshToken, sellerCentralRegion, tokenEndpoint } from './lwa.ts';
import { orderChangeNotifications } from './notifications.ts';
import { getOrder2026, searchOrders } from './orders-2026.ts';
import {
  confirmShipment,
  getOrder,
  getOrderAddress,
  getOrderBuyerInfo,
  getOrderItems,
  getOrders,
  renderV0Order,
} from './orders-v0.ts';
import {
  DEFAULT_USAGE_PLANS,
  createRateLimiter,
  type SpApiOperation,
  type UsagePlan,
} from './rate-limits.ts';
import {
  NO_FAULTS,
  errors,
  planFor,
  type AmazonCall,
  type AmazonFaults,
  type AmazonSimApp,
  type AmazonSimSeller,
  type DataElement,
  type RequestContext,
  type SimResponse,
  type SimState,
} from './state.ts';
import { createRestrictedDataToken, rdtCoverage } from './tokens.ts';

export type { AmazonCall, AmazonFaults, AmazonSimApp, AmazonSimSeller, DataElement } from './state.ts';
export type { SpApiOperation, UsagePlan } from './rate-limits.ts';

/** The dev app (fixed, public credentials: dev only). */
export const DEV_APP: AmazonSimApp = {
  applicationId: 'amzn1.sellerapps.app.0b5e55ed-0000-4000-8000-00000000a001',
  clientId: 'amzn1.application-oa2-client.packlinedev0000000000000000001',
  clientSecret: 'amzn1.oa2-cs.v1.packline-dev-lwa-client-secret-not-a-real-secret',
  redirectUris: ['http://localhost:3000/api/integrations/amazon/callback'],
  restrictedRoles: ['buyerInfo', 'shippingAddress'],
};

/** The dev seller: NA region, US + CA marketplaces. */
export const DEV_SELLER: AmazonSimSeller = {
  sellingPartnerId: 'A3PACKLINEDEVNA',
  region: 'na',
  marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'],
};

export const SP_API_MESSAGES = {
  denied: 'Access to requested resource is denied.',
  expired: 'The access token you provided has expired.',
  invalid: 'The access token you provided is revoked, malformed or invalid.',
  secretExpired: 'The LWA secret token you provided has expired.',
  quota: 'You exceeded your quota for the requested resource.',
  internal: 'We encountered an internal error. Please try again.',
} as const;

export interface SeedOrdersOptions extends Omit<
  GenerateOrdersOptions,
  'sellingPartnerId' | 'marketplaceIds' | 'from' | 'to'
> {
  sellingPartnerId?: string;
  marketplaceIds?: readonly string[];
  /** Default: clock start − 7 days. */
  from?: number;
  /** Default: clock start. */
  to?: number;
}

export interface StartAmazonSimulatorOptions {
  /** 0 (default) = a random free port. */
  port?: number;
  host?: string;
  clock?: { start?: number; speed?: number };
  /** Default: [DEV_APP]. */
  apps?: AmazonSimApp[];
  /** Default: [DEV_SELLER]. */
  sellers?: AmazonSimSeller[];
  /** Orders generated at start (per entry; default seller = the first). */
  orders?: SeedOrdersOptions[];
  /** Token buckets on (default true). */
  rateLimits?: boolean;
  /**
   * Send `x-amzn-RateLimit-Limit` on 429s too. Amazon documents the header for 20x/400/404 only
   * and "never … in the response to a throttled … request" (sp-api.md §4.1), so default false.
   */
  rateLimitHeaderOn429?: boolean;
  /**
   * PII for restricted v0 operations called with a plain LWA token: `redacted` (default: no
   * name/address lines/phone/email), `relay-email` (BuyerEmail only, as observed), `full` (Amazon's
   * 2023 "LWA tokens may retrieve PII" mode, still limited to the app's roles).
   */
  piiWithoutRdt?: 'redacted' | 'relay-email' | 'full';
  /** v0 NextToken lifetime (simulated ms). Default 24 h (undocumented for Orders v0). */
  nextTokenTtlMs?: number;
  /** 2026-01-01 paginationToken lifetime. Default 24 h (Orders migration guide). */
  paginationTokenTtlMs?: number;
  /** getOrderItems page size. Default 100. */
  orderItemsPageSize?: number;
  /** LWA access token and RDT lifetime. Default 3600. */
  accessTokenTtlSeconds?: number;
  /** Randomness for fault rates. Default Math.random. */
  random?: () => number;
  /** Where the dev CA is cached. Default `<repo>/.dev/amazon-sim-certs`. */
  certDir?: string;
  /** Request body limit (413 above). Default 1 MiB. */
  maxBodyBytes?: number;
}

export interface AmazonSimulator {
  /** `https://127.0.0.1:<port>`; use the transport agent and Amazon hostnames, not this URL. */
  url: string;
  port: number;
  host: string;
  /** PEM of the dev CA to trust. */
  ca: string;
  caPath: string;
  clock: SimClock;
  close(): Promise<void>;
  registry: {
    addApp(app: AmazonSimApp): void;
    addSeller(seller: AmazonSimSeller): void;
    app(clientId: string): AmazonSimApp | undefined;
    seller(sellingPartnerId: string): AmazonSimSeller | undefined;
    /** Self-authorization: a new refresh token for (app, seller); earlier ones stay valid. */
    authorize(clientId: string, sellingPartnerId: string): string;
    /** The seller revokes the app: refresh tokens → invalid_grant, access tokens/RDTs → 403. */
    revokeAuthorization(clientId: string, sellingPartnerId: string): void;
    /** The 180-day secret deadline passed: LWA → invalid_client, SP-API → 403 "LWA secret … expired". */
    expireClientSecret(clientId: string): void;
    /** Replaces the secret (refresh tokens survive rotation). */
    rotateClientSecret(clientId: string, newSecret: string): void;
    setRestrictedRoles(clientId: string, roles: DataElement[]): void;
  };
  orders: {
    /** Generates and adds orders (deterministic per seed). */
    generate(options: SeedOrdersOptions): SimOrder[];
    add(orders: readonly SimOrder[]): void;
    list(sellingPartnerId?: string): readonly SimOrder[];
    get(amazonOrderId: string): SimOrder | undefined;
    /** The v0 Order at the current simulated time, with full PII (for assertions). */
    view(amazonOrderId: string): Record<string, unknown> | undefined;
    clear(): void;
  };
  tokens: {
    /** Expires every access token and RDT now (refresh tokens stay valid). */
    expireAll(): void;
  };
  notifications: {
    /**
     * ORDER_CHANGE (OrderStatusChange) notifications for status changes in (since, until]
     * (default until = now), oldest first. No PII, as Amazon's.
     */
    orderChanges(options: {
      since: number;
      until?: number;
      sellingPartnerId?: string;
      clientId?: string;
    }): Record<string, unknown>[];
  };
  rateLimits: {
    setEnabled(enabled: boolean): void;
    readonly enabled: boolean;
    /** Overrides an operation's plan, for every seller or for one (dynamic usage plans). */
    setPlan(operation: SpApiOperation, plan: UsagePlan, sellingPartnerId?: string): void;
    plan(operation: SpApiOperation, sellingPartnerId?: string): UsagePlan;
    /** Refills every bucket. */
    resetBuckets(): void;
  };
  faults: {
    set(faults: Partial<AmazonFaults>): void;
    get(): AmazonFaults;
    reset(): void;
  };
  listings: {
    /** The last fulfillment_availability pushed for (seller, sku, marketplace). */
    quantity(sellingPartnerId: string, sku: string, marketplaceId: string): SimListingQuantity | undefined;
    all(): readonly SimListingQuantity[];
    /** Adds (or replaces) catalogue listings; seeded orders add theirs automatically. */
    add(listings: readonly SimListing[]): void;
    /** The catalogue searchListingsItems serves, optionally for one seller. */
    catalogue(sellingPartnerId?: string): readonly SimListing[];
    /** Clears the pushed quantities and the catalogue. */
    clear(): void;
  };
  calls: {
    readonly log: readonly AmazonCall[];
    count(operation?: string): number;
    countsByOperation(): Record<string, number>;
    clear(): void;
  };
  /** Clears the call log, faults, plan overrides and buckets; re-enables limits. Data is kept. */
  reset(): void;
}

interface Route {
  method: string;
  pattern: RegExp;
  operation: SpApiOperation;
  keys: string[];
  handler: (state: SimState, ctx: RequestContext) => SimResponse;
}

const ROUTES: readonly Route[] = [
  {
    method: 'GET',
    pattern: /^\/orders\/v0\/orders$/,
    operation: 'orders.getOrders',
    keys: [],
    handler: getOrders,
  },
  {
    method: 'GET',
    pattern: /^\/orders\/v0\/orders\/([^/]+)$/,
    operation: 'orders.getOrder',
    keys: ['orderId'],
    handler: getOrder,
  },
  {
    method: 'GET',
    pattern: /^\/orders\/v0\/orders\/([^/]+)\/orderItems$/,
    operation: 'orders.getOrderItems',
    keys: ['orderId'],
    handler: getOrderItems,
  },
  {
    method: 'GET',
    pattern: /^\/orders\/v0\/orders\/([^/]+)\/address$/,
    operation: 'orders.getOrderAddress',
    keys: ['orderId'],
    handler: getOrderAddress,
  },
  {
    method: 'GET',
    pattern: /^\/orders\/v0\/orders\/([^/]+)\/buyerInfo$/,
    operation: 'orders.getOrderBuyerInfo',
    keys: ['orderId'],
    handler: getOrderBuyerInfo,
  },
  {
    method: 'POST',
    pattern: /^\/orders\/v0\/orders\/([^/]+)\/shipmentConfirmation$/,
    operation: 'orders.confirmShipment',
    keys: ['orderId'],
    handler: confirmShipment,
  },
  {
    method: 'POST',
    pattern: /^\/tokens\/2021-03-01\/restrictedDataToken$/,
    operation: 'tokens.createRestrictedDataToken',
    keys: [],
    handler: createRestrictedDataToken,
  },
  {
    method: 'GET',
    pattern: /^\/orders\/2026-01-01\/orders$/,
    operation: 'orders2026.searchOrders',
    keys: [],
    handler: searchOrders,
  },
  {
    method: 'GET',
    pattern: /^\/orders\/2026-01-01\/orders\/([^/]+)$/,
    operation: 'orders2026.getOrder',
    keys: ['orderId'],
    handler: getOrder2026,
  },
  {
    method: 'PATCH',
    pattern: /^\/listings\/2021-08-01\/items\/([^/]+)\/([^/]+)$/,
    operation: 'listings.patchListingsItem',
    keys: ['sellerId', 'sku'],
    handler: patchListingsItem,
  },
  {
    method: 'GET',
    pattern: /^\/listings\/2021-08-01\/items\/([^/]+)$/,
    operation: 'listings.searchListingsItems',
    keys: ['sellerId'],
    handler: searchListingsItems,
  },
];

/** Operations an RDT may be used for (restricted operations); others need the LWA token. */
const RDT_OPERATIONS: ReadonlySet<SpApiOperation> = new Set([
  'orders.getOrders',
  'orders.getOrder',
  'orders.getOrderItems',
  'orders.getOrderAddress',
  'orders.getOrderBuyerInfo',
]);

const ERROR_TYPES: Record<string, string> = {
  InvalidInput: 'ValidationException',
  InvalidRequest: 'ValidationException',
  Unauthorized: 'AccessDeniedException',
  MissingAuthenticationToken: 'MissingAuthenticationTokenException',
  QuotaExceeded: 'ThrottlingException',
  NotFound: 'ResourceNotFoundException',
  InternalFailure: 'InternalFailure',
  Unavailable: 'ServiceUnavailableException',
};

const SP_API_HOST = /^(sandbox\.)?sellingpartnerapi-(na|eu|fe)\.amazon\.com$/;

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function startAmazonSimulator(
  options: StartAmazonSimulatorOptions = {},
): Promise<AmazonSimulator> {
  const certs = loadOrCreateSimulatorCertificates(options.certDir);
  const clock = createSimClock(options.clock ?? {});
  const clockStart = clock.now();
  const random = options.random ?? Math.random;
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const state: SimState = {
    clock,
    apps: new Map(),
    secretExpired: new Set(),
    sellers: new Map(),
    accessTokens: new Map(),
    refreshTokens: new Map(),
    authCodes: new Map(),
    ordersBySeller: new Map(),
    ordersById: new Map(),
    piiWithoutRdt: options.piiWithoutRdt ?? 'redacted',
    nextTokenTtlMs: options.nextTokenTtlMs ?? 24 * 3600_000,
    paginationTokenTtlMs: options.paginationTokenTtlMs ?? 24 * 3600_000,
    orderItemsPageSize: options.orderItemsPageSize ?? 100,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
    tokenSecret: randomBytes(32),
    rateLimitsEnabled: options.rateLimits ?? true,
    rateLimitHeaderOn429: options.rateLimitHeaderOn429 ?? false,
    planOverrides: new Map(),
    listingQuantities: new Map(),
    listings: new Map(),
  };
  const limiter = createRateLimiter();
  let faults: AmazonFaults = { ...NO_FAULTS };
  const log: AmazonCall[] = [];

  for (const app of options.apps ?? [DEV_APP])
    state.apps.set(app.clientId, { ...app, restrictedRoles: [...app.restrictedRoles] });
  for (const s of options.sellers ?? [DEV_SELLER])
    state.sellers.set(s.sellingPartnerId, { ...s, marketplaceIds: [...s.marketplaceIds] });

  function addOrders(list: readonly SimOrder[]) {
    for (const o of list) {
      if (state.ordersById.has(o.amazonOrderId)) throw new Error(`duplicate order id ${o.amazonOrderId}`);
      state.ordersById.set(o.amazonOrderId, o);
      const bucket = state.ordersBySeller.get(o.sellingPartnerId) ?? [];
      bucket.push(o);
      state.ordersBySeller.set(o.sellingPartnerId, bucket);
      addListingsFromOrder(state, o);
    }
  }

  function generate(o: SeedOrdersOptions): SimOrder[] {
    const sellerId = o.sellingPartnerId ?? [...state.sellers.keys()][0];
    const seller = sellerId ? state.sellers.get(sellerId) : undefined;
    if (!seller) throw new Error(`unknown selling partner ${String(sellerId)}`);
    const existing = state.ordersBySeller.get(seller.sellingPartnerId)?.length ?? 0;
    const list = generateOrders({
      ...o,
      sellingPartnerId: seller.sellingPartnerId,
      marketplaceIds: o.marketplaceIds ?? seller.marketplaceIds,
      from: o.from ?? clockStart - 7 * 24 * 3600_000,
      to: o.to ?? clockStart,
      startIndex: o.startIndex ?? existing,
    });
    addOrders(list);
    return list;
  }
  for (const o of options.orders ?? []) generate(o);

  function pickFault(operation: string): AmazonCall['fault'] | undefined {
    const applies = faults.operations ? faults.operations.includes(operation) : operation !== 'lwa.token';
    if (!applies) return undefined;
    if (faults.failNext > 0) {
      faults.failNext -= 1;
      const w = faults.failNextWith;
      return w === 429 ? '429' : w === 'hang' ? 'hang' : w === 'malformed' ? 'malformed' : '5xx';
    }
    if (faults.hangRate > 0 && random() < faults.hangRate) return 'hang';
    if (faults.rate429 > 0 && random() < faults.rate429) return '429';
    if (faults.rate5xx > 0 && random() < faults.rate5xx) return '5xx';
    if (faults.malformedRate > 0 && random() < faults.malformedRate) return 'malformed';
    return undefined;
  }

  function send(
    res: ServerResponse,
    call: AmazonCall,
    r: SimResponse,
    extra: Record<string, string> = {},
    malformed = false,
  ) {
    call.status = r.status;
    if (r.errorCode) call.errorCode = r.errorCode;
    const headers: Record<string, string> = {
      'x-amzn-RequestId': call.requestId,
      ...extra,
      ...(r.headers ?? {}),
    };
    let payload: string | undefined;
    if (r.raw !== undefined) payload = r.raw;
    else if (r.body !== undefined) {
      payload = JSON.stringify(r.body);
      headers['content-type'] ??= 'application/json';
      if (malformed) payload = payload.slice(0, Math.max(1, Math.floor(payload.length / 2)));
    }
    if (r.status >= 400 && r.errorCode && ERROR_TYPES[r.errorCode])
      headers['x-amzn-ErrorType'] = ERROR_TYPES[r.errorCode]!;
    if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
    res.writeHead(r.status, headers);
    res.end(payload);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'https://simulator.invalid');
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const sni = (req.socket as TLSSocket).servername || undefined;
    const method = req.method ?? 'GET';
    const call: AmazonCall = {
      operation: 'unknown',
      method,
      host,
      path: url.pathname,
      query: url.search.slice(1),
      tokenKind: 'none',
      status: 0,
      requestId: randomUUID(),
      at: clock.now(),
      ...(sni ? { sni } : {}),
    };
    log.push(call);
    let body: string;
    try {
      body = await readBody(req, maxBody);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        send(
          res,
          call,
          errors(413, {
            code: 'RequestEntityTooLarge',
            message: 'The request size exceeded the maximum accepted size.',
            details: '',
          }),
        );
      } else res.destroy();
      return;
    }
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    if (sni && sni.toLowerCase() !== host) {
      send(
        res,
        call,
        errors(421, {
          code: 'MisdirectedRequest',
          message: `TLS server name ${sni} does not match Host ${host}.`,
          details: '',
        }),
      );
      return;
    }
    const now = clock.now();

    if (host === 'api.amazon.com') {
      if (method !== 'POST' || url.pathname !== '/auth/o2/token') {
        send(res, call, { status: 404, body: { error: 'not_found', error_description: 'Not Found' } });
        return;
      }
      call.operation = 'lwa.token';
      const fault = pickFault(call.operation);
      if (fault)
        return injectFault(res, call, fault, () =>
          tokenEndpoint(state, req.headers['content-type'] ?? '', body),
        );
      const r = tokenEndpoint(state, req.headers['content-type'] ?? '', body);
      if (r.grantType) call.grantType = r.grantType;
      send(res, call, r);
      return;
    }

    if (sellerCentralRegion(host)) {
      if (method === 'GET' && url.pathname === '/apps/authorize/consent') {
        call.operation = 'consent.page';
        send(res, call, consentPage(state, host, url.searchParams));
      } else if (method === 'POST' && url.pathname === '/apps/authorize/confirm') {
        call.operation = 'consent.authorize';
        send(res, call, consentConfirm(state, host, body));
      } else send(res, call, { status: 404, raw: 'Not Found', headers: { 'content-type': 'text/plain' } });
      return;
    }

    const hostMatch = SP_API_HOST.exec(host);
    if (!hostMatch) {
      send(
        res,
        call,
        errors(421, {
          code: 'MisdirectedRequest',
          message: `The simulator does not serve ${host}.`,
          details: '',
        }),
      );
      return;
    }
    if (hostMatch[1]) {
      send(
        res,
        call,
        errors(500, {
          code: 'InternalFailure',
          message: SP_API_MESSAGES.internal,
          details: 'The simulator does not model the sandbox.',
        }),
      );
      return;
    }
    const region = hostMatch[2] as AmazonSimSeller['region'];
    let route: Route | undefined;
    let m: RegExpExecArray | null = null;
    for (const r of ROUTES) {
      if (r.method !== method) continue;
      m = r.pattern.exec(url.pathname);
      if (m) {
        route = r;
        break;
      }
    }
    if (!route || !m) {
      send(res, call, errors(404, { code: 'NotFound', message: 'Resource not found.', details: '' }));
      return;
    }
    call.operation = route.operation;
    const pathParams: Record<string, string> = {};
    route.keys.forEach((k, i) => {
      try {
        pathParams[k] = decodeURIComponent(m[i + 1] ?? '');
      } catch {
        pathParams[k] = m[i + 1] ?? '';
      }
    });

    const header = req.headers['x-amz-access-token'];
    const tokenValue = Array.isArray(header) ? header[0] : header;
    const token = tokenValue ? state.accessTokens.get(tokenValue) : undefined;
    if (token) {
      call.tokenKind = token.expiresAt <= now ? 'expired' : token.kind;
      call.clientId = token.clientId;
      if (token.sellingPartnerId) call.sellingPartnerId = token.sellingPartnerId;
    } else if (tokenValue) call.tokenKind = 'invalid';

    const fault = pickFault(route.operation);
    const denied = (details: string) =>
      errors(403, { code: 'Unauthorized', message: SP_API_MESSAGES.denied, details });
    const authorize = (): SimResponse | RequestContext => {
      if ((req.headers['user-agent'] ?? '').length > 500) {
        return errors(400, {
          code: 'InvalidInput',
          message: 'The User-Agent header exceeds 500 characters.',
          details: '',
        });
      }
      if (!tokenValue)
        return errors(403, { code: 'MissingAuthenticationToken', message: SP_API_MESSAGES.denied });
      if (!token) return denied(SP_API_MESSAGES.invalid);
      if (token.expiresAt <= now) return denied(SP_API_MESSAGES.expired);
      if (state.secretExpired.has(token.clientId)) return denied(SP_API_MESSAGES.secretExpired);
      const app = state.apps.get(token.clientId);
      const seller = token.sellingPartnerId ? state.sellers.get(token.sellingPartnerId) : undefined;
      if (!app || !seller || token.kind === 'grantless') return denied('');
      if (token.region !== region || seller.region !== region) return denied('');
      let rdtElements: Set<DataElement> | undefined;
      if (token.kind === 'rdt') {
        if (!RDT_OPERATIONS.has(route.operation)) return denied('');
        rdtElements = rdtCoverage(token.resources ?? [], method, url.pathname);
        if (!rdtElements) return denied('');
      }
      return {
        method,
        path: url.pathname,
        params: url.searchParams,
        pathParams,
        body,
        token,
        ...(rdtElements ? { rdtElements } : {}),
        seller,
        app,
        now,
      };
    };

    if (fault === '429' || fault === '5xx' || fault === 'hang')
      return injectFault(res, call, fault, () => ({ status: 500 }));
    const ctx = authorize();
    if ('status' in ctx) {
      send(res, call, ctx);
      return;
    }
    const plan = planFor(state, DEFAULT_USAGE_PLANS, route.operation, ctx.seller!.sellingPartnerId);
    const rateHeader = { 'x-amzn-RateLimit-Limit': String(plan.rate) };
    if (state.rateLimitsEnabled) {
      const key = `${ctx.token!.clientId}|${ctx.seller!.sellingPartnerId}`;
      if (!limiter.take(key, route.operation, plan, now)) {
        send(
          res,
          call,
          errors(429, { code: 'QuotaExceeded', message: SP_API_MESSAGES.quota, details: '' }),
          state.rateLimitHeaderOn429 ? rateHeader : {},
        );
        return;
      }
    }
    let r: SimResponse;
    try {
      r = route.handler(state, ctx);
    } catch {
      r = errors(500, { code: 'InternalFailure', message: SP_API_MESSAGES.internal, details: '' });
    }
    const withRate = r.status < 300 || r.status === 400 || r.status === 404;
    send(res, call, r, withRate ? rateHeader : {}, fault === 'malformed' && r.status === 200);
    if (fault === 'malformed' && r.status === 200) call.fault = 'malformed';
  }

  function injectFault(
    res: ServerResponse,
    call: AmazonCall,
    fault: NonNullable<AmazonCall['fault']>,
    run: () => SimResponse,
  ) {
    call.fault = fault;
    if (fault === 'hang') {
      call.status = 0;
      if (faults.hangMs > 0) setTimeout(() => res.destroy(), faults.hangMs).unref();
      return;
    }
    if (fault === '429') {
      send(res, call, errors(429, { code: 'QuotaExceeded', message: SP_API_MESSAGES.quota, details: '' }));
      return;
    }
    if (fault === '5xx') {
      const unavailable = random() < 0.5;
      send(
        res,
        call,
        unavailable
          ? errors(503, {
              code: 'Unavailable',
              message: 'Service temporarily unavailable. Please try again.',
              details: '',
            })
          : errors(500, { code: 'InternalFailure', message: SP_API_MESSAGES.internal, details: '' }),
      );
      return;
    }
    send(res, call, run(), {}, true);
  }

  const server: Server = createServer({ key: certs.key, cert: certs.cert }, (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  const listenHost = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, listenHost, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  const sim: AmazonSimulator = {
    url: `https://${listenHost}:${port}`,
    port,
    host: listenHost,
    ca: certs.ca,
    caPath: certs.caPath,
    clock,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
    registry: {
      addApp(app) {
        state.apps.set(app.clientId, { ...app, restrictedRoles: [...app.restrictedRoles] });
      },
      addSeller(seller) {
        state.sellers.set(seller.sellingPartnerId, { ...seller, marketplaceIds: [...seller.marketplaceIds] });
      },
      app: (id) => state.apps.get(id),
      seller: (id) => state.sellers.get(id),
      authorize(clientId, sellingPartnerId) {
        const seller = state.sellers.get(sellingPartnerId);
        if (!state.apps.has(clientId) || !seller) throw new Error('unknown app or selling partner');
        return issueRefreshToken(state, clientId, sellingPartnerId, seller.region);
      },
      revokeAuthorization(clientId, sellingPartnerId) {
        for (const r of state.refreshTokens.values()) {
          if (r.clientId === clientId && r.sellingPartnerId === sellingPartnerId) r.revoked = true;
        }
        for (const [k, t] of state.accessTokens) {
          if (t.clientId === clientId && t.sellingPartnerId === sellingPartnerId)
            state.accessTokens.delete(k);
        }
      },
      expireClientSecret(clientId) {
        state.secretExpired.add(clientId);
      },
      rotateClientSecret(clientId, newSecret) {
        const app = state.apps.get(clientId);
        if (!app) throw new Error(`unknown app ${clientId}`);
        app.clientSecret = newSecret;
        state.secretExpired.delete(clientId);
      },
      setRestrictedRoles(clientId, roles) {
        const app = state.apps.get(clientId);
        if (!app) throw new Error(`unknown app ${clientId}`);
        app.restrictedRoles = [...roles];
      },
    },
    orders: {
      generate,
      add: addOrders,
      list: (sellerId) =>
        sellerId ? (state.ordersBySeller.get(sellerId) ?? []) : [...state.ordersById.values()],
      get: (id) => state.ordersById.get(id),
      view(id) {
        const o = state.ordersById.get(id);
        if (!o || o.purchaseDate > clock.now()) return undefined;
        return renderV0Order(o, clock.now(), { address: true, buyer: true, relayEmail: false });
      },
      clear() {
        state.ordersById.clear();
        state.ordersBySeller.clear();
      },
    },
    tokens: {
      expireAll() {
        const now = clock.now();
        for (const t of state.accessTokens.values()) t.expiresAt = Math.min(t.expiresAt, now);
      },
    },
    notifications: {
      orderChanges({ since, until, sellingPartnerId, clientId }) {
        const orders = sellingPartnerId
          ? (state.ordersBySeller.get(sellingPartnerId) ?? [])
          : [...state.ordersById.values()];
        const app = clientId ? state.apps.get(clientId) : [...state.apps.values()][0];
        return orderChangeNotifications(orders, {
          since,
          until: until ?? clock.now(),
          applicationId: app?.applicationId ?? '',
        });
      },
    },
    rateLimits: {
      setEnabled(enabled) {
        state.rateLimitsEnabled = enabled;
      },
      get enabled() {
        return state.rateLimitsEnabled;
      },
      setPlan(operation, plan, sellerId) {
        state.planOverrides.set(sellerId ? `${sellerId}|${operation}` : operation, { ...plan });
      },
      plan: (operation, sellerId) => planFor(state, DEFAULT_USAGE_PLANS, operation, sellerId),
      resetBuckets: () => limiter.reset(),
    },
    faults: {
      set(f) {
        faults = { ...faults, ...f };
      },
      get: () => ({ ...faults }),
      reset() {
        faults = { ...NO_FAULTS };
      },
    },
    listings: {
      quantity: (seller, sku, marketplaceId) =>
        state.listingQuantities.get(listingKey(seller, sku, marketplaceId)),
      all: () => [...state.listingQuantities.values()],
      add(listings) {
        for (const l of listings)
          state.listings.set(listingKey(l.sellingPartnerId, l.sku, l.marketplaceId), { ...l });
      },
      catalogue: (sellerId) =>
        [...state.listings.values()].filter((l) => !sellerId || l.sellingPartnerId === sellerId),
      clear() {
        state.listingQuantities.clear();
        state.listings.clear();
      },
    },
    calls: {
      log,
      count: (op) => (op ? log.filter((c) => c.operation === op).length : log.length),
      countsByOperation() {
        const out: Record<string, number> = {};
        for (const c of log) out[c.operation] = (out[c.operation] ?? 0) + 1;
        return out;
      },
      clear() {
        log.length = 0;
      },
    },
    reset() {
      log.length = 0;
      faults = { ...NO_FAULTS };
      state.planOverrides.clear();
      state.rateLimitsEnabled = options.rateLimits ?? true;
      limiter.reset();
    },
  };
  return sim;
}

/** Marketplaces the simulator knows, by id. */
export { MARKETPLACES };
