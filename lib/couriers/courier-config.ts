// Where each carrier's API is: the real URLs by default; outside production (or on a test stack
// that allows it) the courier simulator's stand-ins under COURIER_SIMULATOR_URL; a per-carrier
// override wins over both. The TEST carrier has no real endpoint: without the simulator it is
// unavailable.
import { getEnv, type TEnv } from '../env.ts';
import type { Carrier } from './courier-adapter.ts';

export const REAL_BASE_URLS: Record<Exclude<Carrier, 'TEST'>, string> = {
  ROYAL_MAIL: 'https://api.parcel.royalmail.com/api/v1',
  DPD: 'https://api.dpd.co.uk',
  DHL: 'https://express.api.dhl.com/mydhlapi',
};

/** The simulator's path prefix of each carrier (tests/simulators/courier/server.ts). */
const SIMULATOR_PREFIXES: Record<Carrier, string> = {
  TEST: '/test',
  ROYAL_MAIL: '/royal-mail/api/v1',
  DPD: '/dpd',
  DHL: '/dhl/mydhlapi',
};

export interface CourierEndpoint {
  baseUrl: string;
  timeoutMs: number;
}

/** Null when the carrier is not available in this environment (TEST without a simulator). */
export function courierEndpoint(carrier: Carrier, env: TEnv = getEnv()): CourierEndpoint | null {
  const simulator = env.COURIER_SIMULATOR_URL?.replace(/\/+$/, '');
  const override = {
    TEST: undefined,
    ROYAL_MAIL: env.ROYAL_MAIL_API_URL,
    DPD: env.DPD_API_URL,
    DHL: env.DHL_API_URL,
  }[carrier];
  const baseUrl =
    override ??
    (simulator
      ? `${simulator}${SIMULATOR_PREFIXES[carrier]}`
      : carrier === 'TEST'
        ? null
        : REAL_BASE_URLS[carrier]);
  return baseUrl ? { baseUrl: baseUrl.replace(/\/+$/, ''), timeoutMs: env.COURIER_TIMEOUT_MS } : null;
}
