// Runs the real library in two module instances (as two route bundles would) and checks that a
// refusal from either is recognised, and that store errors are not.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { rateLimitRefusal } from './rate-limit-refusal.ts';

const refusalOf = async (limiter: { consume(key: string): Promise<unknown> }) => {
  await limiter.consume('k');
  return limiter.consume('k').then(
    () => null,
    (e: unknown) => e,
  );
};

describe('rateLimitRefusal', () => {
  it('recognises an over-the-limit rejection from any copy of the library', async () => {
    const own = await refusalOf(new RateLimiterMemory({ points: 1, duration: 60 }));
    // A second, separate instance of the package's module graph.
    const require = createRequire(import.meta.url);
    for (const loaded of Object.keys(require.cache)) {
      if (loaded.includes('/node_modules/rate-limiter-flexible/')) delete require.cache[loaded];
    }
    const copy = require('rate-limiter-flexible') as typeof import('rate-limiter-flexible');
    const foreign = await refusalOf(new copy.RateLimiterMemory({ points: 1, duration: 60 }));
    expect(foreign instanceof (await import('rate-limiter-flexible')).RateLimiterRes).toBe(false);
    expect(rateLimitRefusal(own)?.consumedPoints).toBe(2);
    expect(rateLimitRefusal(foreign)?.msBeforeNext).toBeGreaterThan(0);
  });

  it('is null for errors and other values', () => {
    expect(rateLimitRefusal(new Error('redis down'))).toBeNull();
    expect(rateLimitRefusal(null)).toBeNull();
    expect(rateLimitRefusal({ msBeforeNext: 'soon' })).toBeNull();
  });
});
