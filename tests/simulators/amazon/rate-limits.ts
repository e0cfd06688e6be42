// Amazon's default usage plans (rate = tokens per second, burst = bucket size) per operation,
// from the "Usage Plan" tables in the official models (sp-api.md §4.2), and the token buckets.
// Buckets are per (application client id, selling partner, operation), as Amazon's usage plans
// are "specific to application-Selling Partner pairs". Refill runs on the simulator clock.
export type SpApiOperation =
  | 'orders.getOrders'
  | 'orders.getOrder'
  | 'orders.getOrderItems'
  | 'orders.getOrderAddress'
  | 'orders.getOrderBuyerInfo'
  | 'orders.confirmShipment'
  | 'tokens.createRestrictedDataToken'
  | 'orders2026.searchOrders'
  | 'orders2026.getOrder'
  | 'listings.patchListingsItem'
  | 'listings.searchListingsItems';

export interface UsagePlan {
  rate: number;
  burst: number;
}

export const DEFAULT_USAGE_PLANS: Readonly<Record<SpApiOperation, UsagePlan>> = {
  'orders.getOrders': { rate: 0.0167, burst: 20 },
  'orders.getOrder': { rate: 0.5, burst: 30 },
  'orders.getOrderItems': { rate: 0.5, burst: 30 },
  'orders.getOrderAddress': { rate: 0.5, burst: 30 },
  'orders.getOrderBuyerInfo': { rate: 0.5, burst: 30 },
  'orders.confirmShipment': { rate: 2, burst: 10 },
  'tokens.createRestrictedDataToken': { rate: 1, burst: 10 },
  'orders2026.searchOrders': { rate: 0.0056, burst: 20 },
  'orders2026.getOrder': { rate: 0.5, burst: 30 },
  'listings.patchListingsItem': { rate: 5, burst: 5 },
  'listings.searchListingsItems': { rate: 5, burst: 5 },
};

export interface RateLimiter {
  /** Takes one token; returns false when the bucket is empty (→ 429). */
  take(key: string, operation: SpApiOperation, plan: UsagePlan, now: number): boolean;
  /** Tokens left (fractional) without taking one. */
  peek(key: string, operation: SpApiOperation, plan: UsagePlan, now: number): number;
  reset(): void;
}

export function createRateLimiter(): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  function refill(id: string, plan: UsagePlan, now: number) {
    let b = buckets.get(id);
    if (!b) {
      b = { tokens: plan.burst, at: now };
      buckets.set(id, b);
    }
    const elapsed = Math.max(0, now - b.at) / 1000;
    b.tokens = Math.min(plan.burst, b.tokens + elapsed * plan.rate);
    b.at = now;
    return b;
  }
  return {
    take(key, operation, plan, now) {
      const b = refill(`${key}|${operation}`, plan, now);
      if (b.tokens < 1) return false;
      b.tokens -= 1;
      return true;
    },
    peek(key, operation, plan, now) {
      return refill(`${key}|${operation}`, plan, now).tokens;
    },
    reset() {
      buckets.clear();
    },
  };
}
