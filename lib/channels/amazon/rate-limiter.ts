// Token buckets per (selling partner, operation) in Redis with Amazon's published rate and burst
// (sp-api.md §4.2; ARCHITECTURE.md §5). Every worker process shares them, so the fleet as a whole
// never sends more than the seller's usage plan allows. Time comes from Redis (TIME), not from
// the workers' clocks.
import { amazonKey, amazonScript } from './amazon-redis.ts';

export interface UsagePlan {
  /** Tokens per second. */
  rate: number;
  burst: number;
}

/** Amazon's default usage plans (the operations Packline calls). */
export const AMAZON_USAGE_PLANS = {
  'orders.getOrders': { rate: 0.0167, burst: 20 },
  'orders.getOrder': { rate: 0.5, burst: 30 },
  'orders.getOrderItems': { rate: 0.5, burst: 30 },
  'orders.confirmShipment': { rate: 2, burst: 10 },
  'tokens.createRestrictedDataToken': { rate: 1, burst: 10 },
  'orders.searchOrders': { rate: 0.0056, burst: 20 },
  'orders2026.getOrder': { rate: 0.5, burst: 30 },
  // Amazon's plan is 5/s, burst 5, counted when a request ARRIVES; ours is counted when it is
  // sent, and the first call of a session also waits for LWA. 4/4 leaves room for that jitter
  // so stock pushes never meet a 429 (stock-push.integration.test.ts).
  'listingsItems.patchListingsItem': { rate: 4, burst: 4 },
  // Amazon's searchListingsItems plan is also 5/s, burst 5: the same margin (import-listings.ts).
  'listingsItems.searchListingsItems': { rate: 4, burst: 4 },
} as const satisfies Record<string, UsagePlan>;

export type AmazonOperation = keyof typeof AMAZON_USAGE_PLANS;

/**
 * The token bucket in Lua, run by the call fence's admission script (call-fence.ts): KEYS[1] the
 * bucket, ARGV[1] rate per ms, ARGV[2] burst; `now` (ms, from Redis TIME) already set. Leaves
 * `wait` = 0 when a token was taken, else the ms until one is available (nothing taken).
 */
export const TAKE_TOKEN_LUA = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(b[1])
local ts = tonumber(b[2])
if tokens == nil then tokens = burst; ts = now end
tokens = math.min(burst, tokens + math.max(0, now - ts) * rate)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) / rate) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate) + 60000)
`;

/** Redis TIME as ms in `now`. */
export const NOW_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

// After a 429 Amazon's bucket is empty whatever ours says: empty ours too.
const DRAIN = amazonScript(
  `${NOW_LUA}
redis.call('HSET', KEYS[1], 'tokens', '0', 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], 3600000)
return 0
`,
  1,
);

/** One bucket's Redis key and plan: the arguments of TAKE_TOKEN_LUA. */
export interface Bucket {
  key: string;
  /** Tokens per ms. */
  ratePerMs: number;
  burst: number;
}

export interface RateLimiter {
  /** The bucket of (selling partner, operation); the call fence takes its tokens (call-fence.ts). */
  bucket(sellingPartnerId: string, operation: AmazonOperation): Bucket;
  drain(sellingPartnerId: string, operation: AmazonOperation): Promise<void>;
  plan(operation: AmazonOperation): UsagePlan;
}

export function createRateLimiter(overrides: Partial<Record<AmazonOperation, UsagePlan>> = {}): RateLimiter {
  const plan = (op: AmazonOperation): UsagePlan => overrides[op] ?? AMAZON_USAGE_PLANS[op];
  const key = (seller: string, op: AmazonOperation) => amazonKey('bucket', seller, op);
  const bucket = (seller: string, op: AmazonOperation): Bucket => {
    const p = plan(op);
    return { key: key(seller, op), ratePerMs: p.rate / 1000, burst: p.burst };
  };
  return {
    plan,
    bucket,
    async drain(seller, op) {
      await DRAIN(key(seller, op));
    },
  };
}
