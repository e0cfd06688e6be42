// rate-limiter-flexible rejects an over-the-limit `consume` with a RateLimiterRes (not an Error)
// and a store failure with an Error. Told apart by shape, not `instanceof`: the limiters are kept
// on globalThis and shared by every route bundle of the production build, each of which may carry
// its own copy of the library's classes — an `instanceof` against another copy's class is false,
// and a refusal would then surface as an unexpected error.
import type { RateLimiterRes } from 'rate-limiter-flexible';

/** The refusal when `error` is a limiter's "over the limit" rejection; null for anything else. */
export function rateLimitRefusal(error: unknown): RateLimiterRes | null {
  if (error === null || typeof error !== 'object' || error instanceof Error) return null;
  const candidate = error as Partial<RateLimiterRes>;
  return typeof candidate.msBeforeNext === 'number' && typeof candidate.consumedPoints === 'number'
    ? (error as RateLimiterRes)
    : null;
}
