// Builds the REAL `amazon-sp-api` client (never mocked, never forked) from a config object; the
// env wiring lives elsewhere (settings come from getEnv() in amazon-config.ts).
//
// Defaults chosen against the package's known retry problems (sp-api.md §7–8):
// - `retry_remote_timeout: false` — with the default, ETIMEDOUT/ECONNRESET/ENOTFOUND are retried
//   immediately and without limit when `debug_log` is off (its wait sits inside `if (debug_log)`).
// - `auto_request_throttled: false` by default — on 429 the package recurses with no maximum,
//   waiting `1/x-amzn-RateLimit-Limit` s or the operation's restore rate (60 s for getOrders).
//   Callers get the 429 (`e.code === 'QuotaExceeded'`) and back off with our own bounded retries.
// - `auto_request_tokens: true` — one LWA refresh when no token is held, and one refresh + retry
//   on 403 "The access token you provided has expired." Pass `accessToken` (cached outside the
//   instance, e.g. in Redis for ~55 min) to avoid one LWA call per new instance.
// - Timeouts on every call, so a hung connection surfaces as API_RESPONSE_TIMEOUT /
//   API_DEADLINE_TIMEOUT instead of waiting forever.
//
// In dev and tests `agent` is the simulator transport (sp-api-transport.ts); in production it is
// left undefined and Node's default agent talks to Amazon.
import type { Agent } from 'node:https';
import { SellingPartner } from 'amazon-sp-api';

export type SpApiRegion = 'na' | 'eu' | 'fe';

export interface SpClientConfig {
  region: SpApiRegion;
  /** The seller's LWA refresh token (`Atzr|…`) for this app and region. */
  refreshToken: string;
  /** The app's LWA credentials. */
  lwa: { clientId: string; clientSecret: string };
  /** A still-valid access token (`Atza|…`) cached outside the instance. */
  accessToken?: string;
  /** `https_proxy_agent`: the simulator transport in dev/tests; undefined in production. */
  agent?: Agent;
  /** Default true. */
  autoRequestTokens?: boolean;
  /** Let the package retry 429s itself (unbounded). Default false. */
  autoRetryThrottled?: boolean;
  /** Per-call timeouts in ms. Default { response: 30 000, deadline: 60 000 }. */
  timeouts?: { response?: number; idle?: number; deadline?: number };
  /** Orders API version for `orders.*` operations. Default v0 (until Amazon removes it, 2027-03-27). */
  ordersVersion?: 'v0' | '2026-01-01';
  /** `AppName/Version (Language=…; Platform=…)`, ≤ 500 characters. */
  userAgent?: string;
}

export const DEFAULT_SP_API_TIMEOUTS = { response: 30_000, deadline: 60_000 } as const;

export function createSpClient(config: SpClientConfig): SellingPartner {
  const userAgent =
    config.userAgent ?? `Packline/0.1 (Language=Node.js/${process.version}; Platform=${process.platform})`;
  if (userAgent.length > 500) throw new Error('SP-API user agent must be at most 500 characters');
  if (!config.refreshToken) throw new Error('SP-API client needs a refresh token');
  if (!config.lwa.clientId || !config.lwa.clientSecret)
    throw new Error('SP-API client needs LWA client credentials');
  return new SellingPartner({
    region: config.region,
    refresh_token: config.refreshToken,
    ...(config.accessToken ? { access_token: config.accessToken } : {}),
    credentials: {
      SELLING_PARTNER_APP_CLIENT_ID: config.lwa.clientId,
      SELLING_PARTNER_APP_CLIENT_SECRET: config.lwa.clientSecret,
    },
    endpoints_versions: { orders: config.ordersVersion ?? 'v0', listingsItems: '2021-08-01' },
    options: {
      https_proxy_agent: config.agent ?? false,
      retry_remote_timeout: false,
      auto_request_tokens: config.autoRequestTokens ?? true,
      auto_request_throttled: config.autoRetryThrottled ?? false,
      timeouts: { ...DEFAULT_SP_API_TIMEOUTS, ...config.timeouts },
      user_agent: userAgent,
      debug_log: false,
    },
  });
}

export interface SpLwaClientConfig {
  region: SpApiRegion;
  lwa: { clientId: string; clientSecret: string };
  agent?: Agent;
  timeouts?: { response?: number; idle?: number; deadline?: number };
  userAgent?: string;
}

/**
 * A client without a seller: for the website authorization workflow's code exchange
 * (`exchange(spapi_oauth_code)` → refresh token) and grantless operations.
 */
export function createSpLwaClient(config: SpLwaClientConfig): SellingPartner {
  if (!config.lwa.clientId || !config.lwa.clientSecret)
    throw new Error('SP-API client needs LWA client credentials');
  return new SellingPartner({
    region: config.region,
    credentials: {
      SELLING_PARTNER_APP_CLIENT_ID: config.lwa.clientId,
      SELLING_PARTNER_APP_CLIENT_SECRET: config.lwa.clientSecret,
    },
    options: {
      only_grantless_operations: true,
      https_proxy_agent: config.agent ?? false,
      retry_remote_timeout: false,
      auto_request_throttled: false,
      timeouts: { ...DEFAULT_SP_API_TIMEOUTS, ...config.timeouts },
      ...(config.userAgent ? { user_agent: config.userAgent } : {}),
      debug_log: false,
    },
  });
}
