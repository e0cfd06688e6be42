// In-process cache of unwrapped data keys (ARCHITECTURE.md §4), keyed by
// (organizationId, purpose, version). Never in Redis, never logged.
//
// - TTL (`ttlMs`, required, as the AWS Encryption SDK requires a max age) and a use limit
//   (`maxUses`): an entry past either is retired and the next use unwraps again. This bounds how
//   long and how often a plaintext key sits in memory between KMS checks (a disabled KMS key or
//   revoked grant takes effect within ttlMs). It is NOT the GCM invocation limit (2^32 random
//   IVs per key): re-unwrapping returns the same key, so that limit belongs to data-key
//   rotation (a new version), counted where encryptions happen.
// - Single-flight: concurrent misses for the same key share one unwrap.
// - Keys are lent, not handed out: `withKey(id, fn)` runs fn with the key and counts it as in use
//   until fn settles. A retired entry (TTL, max uses, eviction, LRU) is zeroised once no fn holds
//   it, so a caller mid-encryption never sees its key turn into zeros.
// - `evictOrganization` drops an organization's keys at once (disconnect, offboarding, key
//   compromise), including a load in flight (its result is used by its waiters, then zeroised).
import { inspect } from 'node:util';
import type { TDataKeyPurpose } from './key-provider.ts';

export interface DataKeyRef {
  organizationId: string;
  purpose: TDataKeyPurpose;
  version: number;
}

export interface DataKeyCacheOptions {
  /** Unwraps the key (reads the wrapped key, calls the KeyProvider). Called on a miss only. */
  load: (ref: DataKeyRef) => Promise<Buffer>;
  /** Max age of an unwrapped key in memory. Suggested 5–15 minutes. */
  ttlMs: number;
  /** Max `withKey` uses (summed `uses`) per unwrap. Default 1,000,000. */
  maxUses?: number;
  /** LRU bound on cached keys. Default 10,000. */
  maxEntries?: number;
  /** Expected key length; a loader returning anything else is an error. Default 32. */
  keyBytes?: number;
  /** Clock, for tests. */
  now?: () => number;
}

export interface DataKeyCacheStats {
  size: number;
  hits: number;
  misses: number;
  loads: number;
  loadFailures: number;
  evictions: number;
}

interface Entry {
  organizationId: string;
  key: Buffer;
  expiresAt: number;
  usesLeft: number;
  refs: number;
  retired: boolean;
}

interface Pending {
  organizationId: string;
  promise: Promise<Entry>;
  /** Waiters registered so far; the entry starts with this many refs. */
  waiters: number;
  uses: number;
  cancelled: boolean;
}

export class DataKeyCache {
  readonly #load: DataKeyCacheOptions['load'];
  readonly #ttlMs: number;
  readonly #maxUses: number;
  readonly #maxEntries: number;
  readonly #keyBytes: number;
  readonly #now: () => number;
  readonly #entries = new Map<string, Entry>();
  readonly #pending = new Map<string, Pending>();
  #hits = 0;
  #misses = 0;
  #loads = 0;
  #loadFailures = 0;
  #evictions = 0;

  constructor(options: DataKeyCacheOptions) {
    if (!(options.ttlMs > 0)) throw new RangeError('ttlMs must be > 0');
    this.#load = options.load;
    this.#ttlMs = options.ttlMs;
    this.#maxUses = options.maxUses ?? 1_000_000;
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#keyBytes = options.keyBytes ?? 32;
    this.#now = options.now ?? Date.now;
    if (!(this.#maxUses >= 1) || !(this.#maxEntries >= 1))
      throw new RangeError('maxUses and maxEntries must be >= 1');
  }

  /**
   * Runs `fn` with the unwrapped key for `ref`. Do not keep the key beyond fn: it may be zeroised
   * once fn has settled. `uses` lets a batch count as several uses (e.g. rows encrypted).
   */
  async withKey<T>(ref: DataKeyRef, fn: (key: Buffer) => T | Promise<T>, uses = 1): Promise<T> {
    const id = cacheKey(ref);
    let entry = this.#entries.get(id);
    if (entry && (entry.expiresAt <= this.#now() || entry.usesLeft <= 0)) {
      this.#retire(id, entry);
      entry = undefined;
    }
    if (entry) {
      this.#hits += 1;
      entry.refs += 1;
      entry.usesLeft -= uses;
      // LRU: move to the end of the insertion order.
      this.#entries.delete(id);
      this.#entries.set(id, entry);
    } else {
      this.#misses += 1;
      entry = await this.#join(id, ref, uses);
    }
    try {
      return await fn(entry.key);
    } finally {
      entry.refs -= 1;
      if (entry.usesLeft <= 0) this.#retire(id, entry);
      else if (entry.retired && entry.refs === 0) entry.key.fill(0);
    }
  }

  /** Drops every cached key of an organization (and any load in flight). Returns how many. */
  evictOrganization(organizationId: string): number {
    let count = 0;
    for (const [id, entry] of this.#entries) {
      if (entry.organizationId === organizationId) {
        this.#retire(id, entry);
        count += 1;
      }
    }
    for (const [id, pending] of this.#pending) {
      if (pending.organizationId === organizationId) {
        pending.cancelled = true;
        this.#pending.delete(id);
        count += 1;
      }
    }
    return count;
  }

  /** Drops one key. */
  evict(ref: DataKeyRef): boolean {
    const id = cacheKey(ref);
    const entry = this.#entries.get(id);
    const pending = this.#pending.get(id);
    if (pending) {
      pending.cancelled = true;
      this.#pending.delete(id);
    }
    if (entry) this.#retire(id, entry);
    return Boolean(entry || pending);
  }

  /** Retires expired entries; call it from a timer if keys should not outlive ttlMs unused. */
  sweep(): number {
    const now = this.#now();
    let count = 0;
    for (const [id, entry] of this.#entries) {
      if (entry.expiresAt <= now || entry.usesLeft <= 0) {
        this.#retire(id, entry);
        count += 1;
      }
    }
    return count;
  }

  /** Drops everything (shutdown, tests). */
  clear(): void {
    for (const [id, entry] of this.#entries) this.#retire(id, entry);
    for (const pending of this.#pending.values()) pending.cancelled = true;
    this.#pending.clear();
  }

  stats(): DataKeyCacheStats {
    return {
      size: this.#entries.size,
      hits: this.#hits,
      misses: this.#misses,
      loads: this.#loads,
      loadFailures: this.#loadFailures,
      evictions: this.#evictions,
    };
  }

  /** Logging the cache shows counters only, never key bytes. */
  toJSON(): DataKeyCacheStats {
    return this.stats();
  }

  [inspect.custom](): string {
    return `DataKeyCache ${JSON.stringify(this.stats())}`;
  }

  /** Joins (or starts) the single load for `id`; resolves with one ref already held. */
  #join(id: string, ref: DataKeyRef, uses: number): Promise<Entry> {
    let pending = this.#pending.get(id);
    if (!pending) {
      const created: Pending = {
        organizationId: ref.organizationId,
        waiters: 0,
        uses: 0,
        cancelled: false,
        promise: undefined as unknown as Promise<Entry>,
      };
      created.promise = this.#loadEntry(id, ref, created);
      this.#pending.set(id, created);
      pending = created;
    }
    pending.waiters += 1;
    pending.uses += uses;
    return pending.promise;
  }

  async #loadEntry(id: string, ref: DataKeyRef, pending: Pending): Promise<Entry> {
    this.#loads += 1;
    let key: Buffer;
    try {
      // A microtask first, so #join registers the pending load before the loader can settle.
      await Promise.resolve();
      key = await this.#load({
        organizationId: ref.organizationId,
        purpose: ref.purpose,
        version: ref.version,
      });
    } catch (error) {
      this.#loadFailures += 1;
      if (this.#pending.get(id) === pending) this.#pending.delete(id);
      throw error;
    }
    if (!Buffer.isBuffer(key) || key.length !== this.#keyBytes) {
      this.#loadFailures += 1;
      if (this.#pending.get(id) === pending) this.#pending.delete(id);
      if (Buffer.isBuffer(key)) key.fill(0);
      throw new TypeError(`data key loader must return a ${this.#keyBytes}-byte Buffer`);
    }
    // Runs synchronously from here on: the waiter count is final.
    if (this.#pending.get(id) === pending) this.#pending.delete(id);
    const entry: Entry = {
      organizationId: ref.organizationId,
      key,
      expiresAt: this.#now() + this.#ttlMs,
      usesLeft: this.#maxUses - pending.uses,
      refs: pending.waiters,
      retired: pending.cancelled,
    };
    if (!entry.retired) {
      const previous = this.#entries.get(id);
      if (previous) this.#retire(id, previous);
      this.#entries.set(id, entry);
      this.#enforceMaxEntries();
    }
    return entry;
  }

  #enforceMaxEntries(): void {
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.entries().next().value;
      if (!oldest) return;
      this.#retire(oldest[0], oldest[1]);
    }
  }

  #retire(id: string, entry: Entry): void {
    if (this.#entries.get(id) === entry) {
      this.#entries.delete(id);
      this.#evictions += 1;
    }
    entry.retired = true;
    if (entry.refs === 0) entry.key.fill(0);
  }
}

function cacheKey(ref: DataKeyRef): string {
  const { organizationId, purpose, version } = ref;
  if (typeof organizationId !== 'string' || organizationId.length === 0) {
    throw new TypeError('organizationId must be a non-empty string');
  }
  if (!Number.isInteger(version) || version < 0)
    throw new TypeError('version must be a non-negative integer');
  // NUL cannot appear in a Postgres text id, so the joined key is unambiguous.
  return `${organizationId}\u0000${purpose}\u0000${version}`;
}
