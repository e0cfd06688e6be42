import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DataKeyCache, type DataKeyCacheOptions, type DataKeyRef } from './data-key-cache.ts';

const refA: DataKeyRef = { organizationId: 'org_a', purpose: 'buyer-pii', version: 1 };
const refA2: DataKeyRef = { organizationId: 'org_a', purpose: 'credentials', version: 1 };
const refB: DataKeyRef = { organizationId: 'org_b', purpose: 'buyer-pii', version: 1 };

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A cache whose loader counts unwraps per ref and can be slowed down. */
function setup(options: Partial<DataKeyCacheOptions> = {}) {
  const loads: DataKeyRef[] = [];
  let clock = 1_000;
  let gate: Promise<void> | undefined;
  const cache = new DataKeyCache({
    ttlMs: 60_000,
    now: () => clock,
    load: async (ref) => {
      loads.push(ref);
      if (gate) await gate;
      return randomBytes(32);
    },
    ...options,
  });
  return {
    cache,
    loads,
    advance: (ms: number) => {
      clock += ms;
    },
    hold: () => {
      const d = deferred();
      gate = d.promise;
      return () => {
        gate = undefined;
        d.resolve();
      };
    },
  };
}

const copyKey = (key: Buffer) => Buffer.from(key);
const isZero = (key: Buffer) => key.every((b) => b === 0);

describe('DataKeyCache', () => {
  it('100 concurrent reads of a cold key cost exactly 1 unwrap (single-flight)', async () => {
    const { cache, loads, hold } = setup();
    const release = hold();
    const reads = Array.from({ length: 100 }, () => cache.withKey(refA, copyKey));
    release();
    const keys = await Promise.all(reads);
    expect(loads).toHaveLength(1);
    expect(new Set(keys.map((k) => k.toString('hex'))).size).toBe(1);
    expect(cache.stats()).toMatchObject({ loads: 1, misses: 100, hits: 0, size: 1 });
    // Warm now: no further unwrap.
    await cache.withKey(refA, copyKey);
    expect(loads).toHaveLength(1);
    expect(cache.stats().hits).toBe(1);
  });

  it('keys by (organizationId, purpose, version)', async () => {
    const { cache, loads } = setup();
    await Promise.all([refA, refA2, refB, { ...refA, version: 2 }].map((r) => cache.withKey(r, copyKey)));
    expect(loads).toHaveLength(4);
  });

  it('expires after ttlMs and zeroises the expired key', async () => {
    const { cache, loads, advance } = setup({ ttlMs: 1_000 });
    let first: Buffer | undefined;
    await cache.withKey(refA, (key) => {
      first = key;
    });
    advance(999);
    await cache.withKey(refA, copyKey);
    expect(loads).toHaveLength(1);
    advance(1);
    await cache.withKey(refA, copyKey);
    expect(loads).toHaveLength(2);
    expect(isZero(first!)).toBe(true);
  });

  it('retires a key after maxUses uses', async () => {
    const { cache, loads } = setup({ maxUses: 3 });
    for (let i = 0; i < 3; i++) await cache.withKey(refA, copyKey);
    expect(loads).toHaveLength(1);
    await cache.withKey(refA, copyKey);
    expect(loads).toHaveLength(2);
    // A batch declares how many uses it makes.
    await cache.withKey(refB, copyKey, 3);
    await cache.withKey(refB, copyKey);
    expect(loads.filter((r) => r.organizationId === 'org_b')).toHaveLength(2);
  });

  it('evictOrganization drops only that organization', async () => {
    const { cache, loads } = setup();
    await Promise.all([refA, refA2, refB].map((r) => cache.withKey(r, copyKey)));
    expect(cache.evictOrganization('org_a')).toBe(2);
    expect(cache.stats().size).toBe(1);
    await Promise.all([refA, refA2, refB].map((r) => cache.withKey(r, copyKey)));
    expect(loads).toHaveLength(5);
  });

  it('never zeroises a key while a caller is using it', async () => {
    const { cache } = setup();
    const inside = deferred();
    const finish = deferred();
    let seen: Buffer | undefined;
    const use = cache.withKey(refA, async (key) => {
      seen = key;
      inside.resolve();
      await finish.promise;
      return isZero(key);
    });
    await inside.promise;
    cache.evictOrganization('org_a');
    expect(isZero(seen!)).toBe(false);
    finish.resolve();
    expect(await use).toBe(false);
    expect(isZero(seen!)).toBe(true);
  });

  it('an eviction during an in-flight unwrap: waiters get the key, the cache does not keep it', async () => {
    const { cache, loads, hold } = setup();
    const release = hold();
    let seen: Buffer | undefined;
    const reads = Array.from({ length: 3 }, () =>
      cache.withKey(refA, (key) => {
        seen = key;
        return copyKey(key);
      }),
    );
    // Let the loader start before evicting.
    await Promise.resolve();
    expect(cache.evictOrganization('org_a')).toBe(1);
    release();
    const keys = await Promise.all(reads);
    expect(new Set(keys.map((k) => k.toString('hex'))).size).toBe(1);
    expect(isZero(keys[0]!)).toBe(false);
    expect(isZero(seen!)).toBe(true);
    expect(cache.stats().size).toBe(0);
    await cache.withKey(refA, copyKey);
    expect(loads).toHaveLength(2);
  });

  it('a failed unwrap rejects every waiter, caches nothing, and the next read retries', async () => {
    let calls = 0;
    const cache = new DataKeyCache({
      ttlMs: 60_000,
      load: async () => {
        calls += 1;
        if (calls === 1) throw new Error('KMS down');
        return randomBytes(32);
      },
    });
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => cache.withKey(refA, copyKey)));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(calls).toBe(1);
    await expect(cache.withKey(refA, copyKey)).resolves.toHaveLength(32);
    expect(calls).toBe(2);
    expect(cache.stats().loadFailures).toBe(1);
  });

  it('refuses a loader result that is not a 32-byte key', async () => {
    const cache = new DataKeyCache({ ttlMs: 1_000, load: async () => Buffer.alloc(16, 1) });
    await expect(cache.withKey(refA, copyKey)).rejects.toThrow(TypeError);
  });

  it('releases the key when fn throws', async () => {
    const { cache } = setup();
    let seen: Buffer | undefined;
    await expect(
      cache.withKey(refA, (key) => {
        seen = key;
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    cache.evict(refA);
    expect(isZero(seen!)).toBe(true);
  });

  it('bounds the number of entries (LRU)', async () => {
    const { cache, loads } = setup({ maxEntries: 2 });
    await cache.withKey(refA, copyKey);
    await cache.withKey(refB, copyKey);
    await cache.withKey(refA, copyKey); // refA is now the most recently used
    await cache.withKey(refA2, copyKey); // evicts refB
    expect(cache.stats().size).toBe(2);
    await cache.withKey(refA, copyKey);
    expect(loads).toHaveLength(3);
    await cache.withKey(refB, copyKey);
    expect(loads).toHaveLength(4);
  });

  it('sweep retires expired keys without a read', async () => {
    const { cache, advance } = setup({ ttlMs: 100 });
    let seen: Buffer | undefined;
    await cache.withKey(refA, (key) => {
      seen = key;
    });
    advance(100);
    expect(cache.sweep()).toBe(1);
    expect(isZero(seen!)).toBe(true);
  });

  it('never shows key material when logged or inspected', async () => {
    const { cache } = setup();
    const hex = await cache.withKey(refA, (key) => key.toString('hex'));
    const text = `${inspect(cache, { depth: 10, showHidden: true })} ${JSON.stringify(cache)} ${String(cache)}`;
    expect(text).not.toContain(hex);
    expect(text).not.toContain(hex.slice(0, 16));
    expect(JSON.parse(JSON.stringify(cache))).toMatchObject({ size: 1, loads: 1 });
  });
});
