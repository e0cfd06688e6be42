// Tenant data keys (ARCHITECTURE.md §4): the versioned, KMS-wrapped AES-256 keys of each
// organization and purpose in `data_keys`, and the ONE process-wide cache of their unwrapped form.
//
// - The database is the source of truth for which key exists and which version is ACTIVE; the
//   cache only saves KMS calls. Every use of a cached key starts from its row, read in the
//   caller's tenant transaction: a key retired or destroyed (crypto-shredding) in another process
//   is refused at once, even while this process still holds its plaintext (until the TTL).
// - `ensureActiveKey` gets or creates the ACTIVE key. Creation is serialised per organization and
//   purpose by a transaction-scoped advisory lock, so two processes creating the first key end
//   with one key and one GenerateDataKey; the partial unique index `data_keys_one_active_per_purpose`
//   is the backstop. The plaintext GenerateDataKey returns is put straight into the cache, so a
//   fresh key costs no Decrypt in the process that made it.
// - Writers lock the ACTIVE row `FOR SHARE` inside their transaction (`lockActiveKey`). A rotation
//   updates that row, so it waits until every in-flight writer using the old version has
//   committed: no row can be written under a version after the re-encryption job has looked.
// - Cached entries are keyed (organization, purpose, version); the cache's loader unwraps the
//   wrapped key of the row the caller just read (KMS Decrypt with the stored key id and an
//   EncryptionContext of { organizationId, purpose }).
import { newId as newKeyId } from '../db/ids.ts';
import type { TenantTx } from '../db/tenant.ts';
import { withTenant } from '../db/tenant.ts';
import { getEnv } from '../env.ts';
import { createKeyProvider } from './create-key-provider.ts';
import { DataKeyCache, type DataKeyRef } from './data-key-cache.ts';
import { DataKeyUnavailableError } from './errors.ts';
import type { KeyProvider, TDataKeyPurpose } from './key-provider.ts';
import { dropProcessSingleton, processSingleton } from '../process-singleton.ts';

export type TDataKeyStatus = 'ACTIVE' | 'DECRYPT_ONLY' | 'RETIRED';

/** A `data_keys` row as the crypto code needs it (no timestamps). */
export interface DataKeyRow {
  id: string;
  organizationId: string;
  purpose: TDataKeyPurpose;
  version: number;
  status: TDataKeyStatus;
  /** null once RETIRED or destroyed. */
  wrappedKey: Buffer | null;
  kmsKeyId: string;
}

export interface RawKeyRow {
  id: string;
  organization_id: string;
  purpose: TDataKeyPurpose;
  version: number;
  status: TDataKeyStatus;
  wrapped_key: Uint8Array | null;
  kms_key_id: string;
}

export interface TenantKeysOptions {
  provider: KeyProvider;
  /** Max age of an unwrapped key in memory. */
  ttlMs: number;
  /** Max uses per unwrap. */
  maxUses?: number;
}

/** bytea arrives as a Uint8Array; view it as a Buffer without copying. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function toRow(raw: RawKeyRow): DataKeyRow {
  return {
    id: raw.id,
    organizationId: raw.organization_id,
    purpose: raw.purpose,
    version: raw.version,
    status: raw.status,
    wrappedKey: raw.wrapped_key ? asBuffer(raw.wrapped_key) : null,
    kmsKeyId: raw.kms_key_id,
  };
}

const refId = (ref: DataKeyRef) => `${ref.organizationId}|${ref.purpose}|${ref.version}`;

/** Creation of a purpose's first key waits at most this long for KMS and the lock. */
const CREATE_TIMEOUT_MS = 30_000;
/** Bound on remembered wrapped keys (they are not secret; this only caps memory). */
const MAX_REMEMBERED = 10_000;

export class TenantKeys {
  readonly provider: KeyProvider;
  readonly cache: DataKeyCache;
  /** Wrapped key (and its KMS key id) of rows callers have read, for the cache's loader. */
  readonly #wrapped = new Map<string, { wrappedKey: Buffer; kmsKeyId: string }>();
  /** Plaintext of a key this process just generated, handed to the cache once. */
  readonly #fresh = new Map<string, Buffer>();
  /** In-process single flight of ensureActiveKey per organization and purpose. */
  readonly #ensuring = new Map<string, Promise<DataKeyRow>>();

  constructor(options: TenantKeysOptions) {
    this.provider = options.provider;
    this.cache = new DataKeyCache({
      ttlMs: options.ttlMs,
      maxUses: options.maxUses,
      load: (ref) => this.#unwrap(ref),
    });
  }

  /**
   * The ACTIVE key of an organization and purpose, created (KMS GenerateDataKey) when there is
   * none. Runs its own transactions: call it before the transaction that writes ciphertexts, so
   * that KMS is never waited on while rows are locked. Throws KmsUnavailableError (retryable)
   * when KMS cannot be reached; nothing is written then.
   */
  ensureActiveKey(organizationId: string, purpose: TDataKeyPurpose): Promise<DataKeyRow> {
    const flightId = `${organizationId}|${purpose}`;
    let flight = this.#ensuring.get(flightId);
    if (!flight) {
      flight = this.#ensureActiveKey(organizationId, purpose).finally(() => this.#ensuring.delete(flightId));
      this.#ensuring.set(flightId, flight);
    }
    return flight;
  }

  /**
   * ensureActiveKey, then the key unwrapped into the cache: all KMS calls a write needs, made
   * before its transaction opens. KMS down → KmsUnavailableError, and the caller writes nothing.
   */
  async prepareActiveKey(organizationId: string, purpose: TDataKeyPurpose): Promise<DataKeyRow> {
    const row = await this.ensureActiveKey(organizationId, purpose);
    await this.withKey(row, () => undefined, 0);
    return row;
  }

  async #ensureActiveKey(organizationId: string, purpose: TDataKeyPurpose): Promise<DataKeyRow> {
    const existing = await withTenant(organizationId, (tx) => findActiveKey(tx, organizationId, purpose));
    if (existing) return existing;
    let generatedPlaintext: Buffer | undefined;
    const created = await withTenant(
      organizationId,
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`data-key:${organizationId}:${purpose}`}, 0))`;
        const raced = await findActiveKey(tx, organizationId, purpose);
        if (raced) return raced;
        const generated = await this.provider.generateDataKey({ organizationId, purpose });
        generatedPlaintext = generated.plaintext;
        // Versions only grow, also past retired and destroyed keys: a version number never names
        // two different keys, so no cache anywhere can confuse them.
        const rows = await tx.$queryRaw<RawKeyRow[]>`
          INSERT INTO data_keys (id, organization_id, purpose, version, status, wrapped_key, kms_key_id)
          SELECT ${newKeyId()}::uuid, ${organizationId}::uuid, ${purpose}::data_key_purpose,
                 coalesce(max(version), 0) + 1, 'ACTIVE', ${generated.wrapped}, ${generated.keyId}
            FROM data_keys
           WHERE organization_id = ${organizationId}::uuid AND purpose = ${purpose}::data_key_purpose
          RETURNING id, organization_id, purpose::text AS purpose, version, status::text AS status,
                    wrapped_key, kms_key_id`;
        return toRow(rows[0]!);
      },
      { timeout: CREATE_TIMEOUT_MS },
    );
    if (generatedPlaintext) {
      // Committed: hand the plaintext to the cache (only now — a rolled-back version number could
      // later name another key). A failure here only costs a Decrypt later.
      await this.adoptGeneratedKey(created, generatedPlaintext).catch(() => generatedPlaintext?.fill(0));
    }
    return created;
  }

  /**
   * Inside a tenant transaction: the ACTIVE key, locked FOR SHARE until the transaction ends, so a
   * rotation cannot complete while this transaction writes under it. Call ensureActiveKey first;
   * throws DataKeyUnavailableError if there is still none.
   */
  async lockActiveKey(tx: TenantTx, organizationId: string, purpose: TDataKeyPurpose): Promise<DataKeyRow> {
    const row = await this.lockActiveKeyIfAny(tx, organizationId, purpose);
    if (!row) throw new DataKeyUnavailableError(`no active ${purpose} data key`);
    return row;
  }

  /** lockActiveKey, or null when the organization has no ACTIVE key of that purpose. */
  async lockActiveKeyIfAny(
    tx: TenantTx,
    organizationId: string,
    purpose: TDataKeyPurpose,
  ): Promise<DataKeyRow | null> {
    // Twice: a rotation committing while we waited for the lock leaves the old row no longer
    // ACTIVE and the new one invisible to this statement's snapshot; a second statement sees it.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const rows = await tx.$queryRaw<RawKeyRow[]>`
        SELECT id, organization_id, purpose::text AS purpose, version, status::text AS status,
               wrapped_key, kms_key_id
          FROM data_keys
         WHERE organization_id = ${organizationId}::uuid AND purpose = ${purpose}::data_key_purpose
           AND status = 'ACTIVE'
           FOR SHARE`;
      if (rows[0]) return toRow(rows[0]);
    }
    return null;
  }

  /**
   * Inside a tenant transaction: the usable (ACTIVE or DECRYPT_ONLY) keys of the given versions.
   * A version missing from the result was retired or destroyed.
   */
  async findUsableKeys(
    tx: TenantTx,
    organizationId: string,
    purpose: TDataKeyPurpose,
    versions: Iterable<number>,
  ): Promise<Map<number, DataKeyRow>> {
    const wanted = [...new Set(versions)];
    const found = new Map<number, DataKeyRow>();
    if (wanted.length === 0) return found;
    const rows = await tx.$queryRaw<RawKeyRow[]>`
      SELECT id, organization_id, purpose::text AS purpose, version, status::text AS status,
             wrapped_key, kms_key_id
        FROM data_keys
       WHERE organization_id = ${organizationId}::uuid AND purpose = ${purpose}::data_key_purpose
         AND version = ANY(${wanted}::int[]) AND status <> 'RETIRED' AND wrapped_key IS NOT NULL`;
    for (const raw of rows) found.set(raw.version, toRow(raw));
    return found;
  }

  /**
   * Runs `fn` with the plaintext of `row`'s key (from the cache; KMS Decrypt on a miss). `uses`
   * counts toward the cache's use limit (e.g. fields encrypted). Do not keep the key beyond fn.
   */
  async withKey<T>(row: DataKeyRow, fn: (key: Buffer) => T | Promise<T>, uses = 1): Promise<T> {
    const ref = this.#remember(row);
    return this.cache.withKey(ref, fn, uses);
  }

  /**
   * Runs `fn` with a resolver from version to plaintext key over several rows of one purpose (a
   * batch of records on mixed versions), each key unwrapped at most once.
   */
  async withKeys<T>(
    rows: readonly DataKeyRow[],
    fn: (resolve: (version: number) => Buffer | undefined) => T | Promise<T>,
    uses = 1,
  ): Promise<T> {
    const keys = new Map<number, Buffer>();
    const nest = async (index: number): Promise<T> => {
      const row = rows[index];
      if (!row) return fn((version) => keys.get(version));
      return this.withKey(
        row,
        (key) => {
          keys.set(row.version, key);
          return nest(index + 1);
        },
        uses,
      );
    };
    return nest(0);
  }

  /** Drops an organization's unwrapped keys from this process (destroy, offboarding). */
  evictOrganization(organizationId: string): void {
    this.cache.evictOrganization(organizationId);
    for (const id of this.#wrapped.keys()) if (id.startsWith(`${organizationId}|`)) this.#wrapped.delete(id);
  }

  /** Zeroises every cached key (shutdown, tests). */
  close(): void {
    this.cache.clear();
    for (const key of this.#fresh.values()) key.fill(0);
    this.#fresh.clear();
    this.#wrapped.clear();
    (this.provider as { close?: () => void }).close?.();
  }

  #remember(row: DataKeyRow): DataKeyRef {
    if (row.status === 'RETIRED' || !row.wrappedKey) {
      throw new DataKeyUnavailableError(`${row.purpose} data key version ${row.version} was destroyed`);
    }
    const ref: DataKeyRef = {
      organizationId: row.organizationId,
      purpose: row.purpose,
      version: row.version,
    };
    if (this.#wrapped.size >= MAX_REMEMBERED) this.#wrapped.clear();
    this.#wrapped.set(refId(ref), { wrappedKey: row.wrappedKey, kmsKeyId: row.kmsKeyId });
    return ref;
  }

  /**
   * Hands the plaintext of a key this process just generated (and committed) to the cache, so
   * using it costs no Decrypt. The cache owns (and later zeroises) the buffer.
   */
  async adoptGeneratedKey(row: DataKeyRow, plaintext: Buffer): Promise<void> {
    const ref = this.#remember(row);
    this.#fresh.set(refId(ref), plaintext);
    try {
      await this.cache.withKey(ref, () => undefined, 0);
    } finally {
      this.#fresh.delete(refId(ref));
    }
  }

  async #unwrap(ref: DataKeyRef): Promise<Buffer> {
    const id = refId(ref);
    const fresh = this.#fresh.get(id);
    if (fresh) {
      this.#fresh.delete(id);
      return fresh;
    }
    const wrapped = this.#wrapped.get(id);
    if (!wrapped)
      throw new DataKeyUnavailableError(`${ref.purpose} data key version ${ref.version} is unknown`);
    return this.provider.unwrap(
      wrapped.wrappedKey,
      { organizationId: ref.organizationId, purpose: ref.purpose },
      wrapped.kmsKeyId,
    );
  }
}

export async function findActiveKey(
  tx: TenantTx,
  organizationId: string,
  purpose: TDataKeyPurpose,
): Promise<DataKeyRow | null> {
  const rows = await tx.$queryRaw<RawKeyRow[]>`
    SELECT id, organization_id, purpose::text AS purpose, version, status::text AS status,
           wrapped_key, kms_key_id
      FROM data_keys
     WHERE organization_id = ${organizationId}::uuid AND purpose = ${purpose}::data_key_purpose
       AND status = 'ACTIVE'`;
  return rows[0] ? toRow(rows[0]) : null;
}

// ---- the process-wide instance -------------------------------------------------------------

/** Loopback endpoints are the KMS simulator: static credentials, never the AWS credential chain. */
function isLoopback(endpoint: string | undefined): boolean {
  if (!endpoint) return false;
  const host = new URL(endpoint).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]' || host === '::1';
}

/**
 * The process-wide TenantKeys (one provider, one cache), configured from the environment on first
 * use. Every use case shares it, so a process pays one Decrypt per key per TTL.
 */
export function tenantKeys(): TenantKeys {
  return processSingleton('tenant-keys', () => {
    const env = getEnv();
    const production = env.NODE_ENV === 'production';
    const simulator = !production && isLoopback(env.KMS_ENDPOINT);
    const provider = createKeyProvider(env, {
      production,
      ...(simulator
        ? { kms: { credentials: { accessKeyId: 'simulator', secretAccessKey: 'simulator' } } }
        : {}),
    });
    return new TenantKeys({
      provider,
      ttlMs: env.DATA_KEY_CACHE_TTL_MS,
      maxUses: env.DATA_KEY_CACHE_MAX_USES,
    });
  });
}

/** Replaces the process-wide instance (tests: a fresh cache is a fresh process, as far as KMS can tell). */
export function setTenantKeys(instance: TenantKeys | undefined): void {
  const previous = dropProcessSingleton<TenantKeys>('tenant-keys');
  if (instance) processSingleton('tenant-keys', () => instance);
  if (previous && previous !== instance) previous.close();
}

/** Forgets the process-wide instance (zeroising its keys); the next use rebuilds it from the environment. */
export function resetTenantKeys(): void {
  setTenantKeys(undefined);
}
