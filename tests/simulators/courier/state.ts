// Courier simulator state shared by the four carrier stand-ins: accounts (fixed, public dev
// credentials), shipments, the call log and fault injection.
export type SimCarrier = 'test' | 'royal-mail' | 'dpd' | 'dhl';

/** Fixed, public development credentials (dev and tests only; never real). */
export const DEV_COURIER_CREDENTIALS = {
  test: { apiKey: 'test-carrier-dev-key-0000000000000001' },
  'royal-mail': { apiKey: '0b5e55ed-0000-4000-8000-00000000c0de' },
  dpd: { username: 'packline-dev', password: 'dpd-dev-password', accountNumber: '1234567' },
  dhl: { apiKey: 'packlinedevkey', apiSecret: 'packline-dev-secret', accountNumber: '123456789' },
} as const;

/** Postcodes every stand-in rejects as undeliverable (drives the address-failure paths). */
export const BAD_POSTCODES: ReadonlySet<string> = new Set(['ZZ999ZZ', 'ZZ11ZZ']);

export function isBadPostcode(postcode: unknown): boolean {
  return typeof postcode === 'string' && BAD_POSTCODES.has(postcode.replace(/\s+/g, '').toUpperCase());
}

export interface CourierCall {
  carrier: SimCarrier | 'unknown';
  method: string;
  /** Path without the query string, relative to the carrier's prefix. */
  path: string;
  query: string;
  status: number;
  /** Parsed JSON request body (undefined for no/invalid body): tests assert who received what. */
  body: unknown;
  fault?: '429' | '5xx' | 'hang' | 'malformed' | 'lost-response';
  at: number;
}

export interface CourierFaults {
  /** The next n requests to `carriers` (all when undefined) fail with `failWith`. */
  failNext: number;
  failWith: 429 | 500 | 503 | 'hang' | 'malformed' | 'lost-response';
  /** Restrict to these carriers. */
  carriers: readonly SimCarrier[] | undefined;
  /** Only requests whose method+path matches, e.g. /^POST \/shipments$/. */
  match: RegExp | undefined;
  /** How long a 'hang' keeps the socket open before destroying it. */
  hangMs: number;
}

export const NO_FAULTS: CourierFaults = {
  failNext: 0,
  failWith: 500,
  carriers: undefined,
  match: undefined,
  hangMs: 30_000,
};

export interface SimShipment {
  carrier: SimCarrier;
  id: string;
  reference: string;
  trackingNumber: string;
  parcelNumbers: string[];
  serviceCode: string;
  weightGrams: number;
  createdAt: number;
  status: 'created' | 'cancelled' | 'manifested';
  /** Recipient as received (simulator memory only; dev/test data). */
  recipient: { name: string; postcode?: string; countryCode: string };
  labelPdf?: Buffer;
}

export interface SimSwitches {
  /** Royal Mail: account type; OLP accounts get no labels (403). */
  royalMailAccountType: 'OBA' | 'OLP';
  /** Royal Mail: POST /manifests answers 202 (PDF not ready) instead of 201. */
  royalMailManifestPending: boolean;
  /** Royal Mail: requests per second per key before 429. */
  royalMailRatePerSecond: number;
  /** DPD: geoSession lifetime. */
  dpdSessionTtlMs: number;
  /** DPD: void and manifest answer 404 (an account without them). */
  dpdVoidManifestUnavailable: boolean;
}

export const DEFAULT_SWITCHES: SimSwitches = {
  royalMailAccountType: 'OBA',
  royalMailManifestPending: false,
  royalMailRatePerSecond: 5,
  dpdSessionTtlMs: 90 * 60_000,
  dpdVoidManifestUnavailable: false,
};

export interface SimState {
  shipments: SimShipment[];
  switches: SimSwitches;
  /** Per-carrier counters for deterministic ids. */
  counters: Record<SimCarrier, number>;
  dpdSessions: Map<string, number>; // geoSession → expires at
  rmWindow: Map<string, number[]>; // api key → request times (last second)
  rmManifests: Map<number, { readyAt: number; orderIds: string[] }>;
}

export function nextCounter(state: SimState, carrier: SimCarrier): number {
  state.counters[carrier] += 1;
  return state.counters[carrier];
}
