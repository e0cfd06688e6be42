// Bounded concurrency for per-order SP-API calls (getOrderItems in the sync, getOrder for
// recipients): each call still takes its token from the shared bucket, so under Amazon's limits
// this only overlaps round trips.

/**
 * Runs `fn` over `items`, `limit` at a time. On the first failure no new item starts; the ones in
 * flight finish, and the results so far come back with the error (the caller keeps them).
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<{ results: Map<T, R> } | { results: Map<T, R>; error: unknown }> {
  const results = new Map<T, R>();
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async () => {
    while (!failure && next < items.length) {
      const item = items[next++]!;
      try {
        results.set(item, await fn(item));
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return failure ? { results, error: failure.error } : { results };
}
