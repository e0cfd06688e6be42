// Bounded retries of carrier calls. Only RATE_LIMITED and CARRIER_DOWN are retried. A create that
// failed as CARRIER_DOWN may still have gone through (timeout, cut-off answer), and no carrier
// offers an idempotency key (couriers.md §5): before retrying it, look the shipment up by our
// reference and return it if it exists. A carrier without a lookup does not retry such a create —
// a duplicate label costs money; the error goes to staff instead. A 429 means "not processed", so
// it is retried without a lookup.
import { CarrierError } from './courier-adapter.ts';

export interface RetryPolicy {
  /** Total attempts, including the first. */
  attempts: number;
  /** First backoff; doubled each retry, with up to 50 % jitter. */
  baseDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 400 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function backoff(policy: RetryPolicy, attempt: number): number {
  const base = policy.baseDelayMs * 2 ** (attempt - 1);
  return base + Math.random() * base * 0.5;
}

function retryable(error: unknown): error is CarrierError {
  return error instanceof CarrierError && error.retryable;
}

export async function withRetries<T>(policy: RetryPolicy, call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!retryable(error) || attempt >= policy.attempts) throw error;
      await sleep(backoff(policy, attempt));
    }
  }
}

export async function createWithLookup<T>(
  policy: RetryPolicy,
  create: () => Promise<T>,
  lookup: (() => Promise<T | null>) | null,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await create();
    } catch (error) {
      if (!retryable(error) || attempt >= policy.attempts) throw error;
      if (error.kind === 'CARRIER_DOWN' && !lookup) throw error;
      await sleep(backoff(policy, attempt));
      if (error.kind === 'CARRIER_DOWN' && lookup) {
        const existing = await withRetries(policy, lookup);
        if (existing) return existing;
      }
    }
  }
}
