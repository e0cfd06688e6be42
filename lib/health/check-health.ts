// The health check behind GET /api/health (ARCHITECTURE.md §10): PostgreSQL (`SELECT 1`), Redis
// (`PING`), each under a deadline, and the age of the newest worker heartbeat.
//
// Criticality decides the HTTP status. The load balancer routes traffic by this endpoint, so only
// what makes *this web instance* unable to serve requests is critical: without Postgres or Redis
// (sessions, rate limits, enqueueing) requests fail, and another instance may be fine. A stale
// worker heartbeat is not this instance's fault — the worker is a separate process — and
// failing every web instance over it would take the whole site down because background jobs are
// late. So the worker check says 'degraded' (monitoring alerts on `checks.worker.status`) while
// the overall status stays 'ok' and the response 200.
//
// KMS (the key provider of the PII vault) is reported with its provider kind and key id (never
// key material) and is ADVISORY too: every instance shares the one KMS, so failing them all would
// turn "buyer details cannot be decrypted or stored for a while" into "the whole site is down" —
// picking, inventory and everything else without PII keep working, and unwrapped keys stay
// cached for DATA_KEY_CACHE_TTL_MS. Monitoring alerts on `checks.kms.status`. The KMS probe
// (DescribeKey) is cached for KMS_PROBE_CACHE_MS so load-balancer polling does not spend KMS quota.
//
// The report never carries error messages: driver errors can contain hosts, users or connection
// strings. A failing check says only `timeout` or `unavailable`; details go to the server log as
// an error code.
import { Redis } from 'ioredis';
import type { Db } from '../db/client.ts';
import { appDb } from '../db/client.ts';
import { getEnv } from '../env.ts';
import { getLogger } from '../logger.ts';
import { AwsKmsKeyProvider } from '../crypto/aws-kms-key-provider.ts';
import { KeyAccessDeniedError } from '../crypto/errors.ts';
import type { KeyProvider } from '../crypto/key-provider.ts';
import { tenantKeys } from '../crypto/tenant-keys.ts';

export type DependencyStatus = 'up' | 'down';

export interface DependencyCheck {
  status: DependencyStatus;
  latencyMs: number;
  /** Only when down. */
  reason?: 'timeout' | 'unavailable';
}

export interface WorkerCheck {
  /** 'degraded' when no heartbeat is newer than staleAfterMs, or it could not be read. */
  status: 'up' | 'degraded';
  /** ISO time of the newest heartbeat, null when there is none (or the database is down). */
  lastSeenAt: string | null;
  /** Age of that heartbeat by the database clock. */
  ageMs: number | null;
}

export interface KmsCheck {
  status: DependencyStatus;
  latencyMs: number;
  /** Only when down. `key-disabled`/`access-denied`: KMS answered, but the key cannot be used. */
  reason?: 'timeout' | 'unavailable' | 'key-disabled' | 'access-denied';
  /** Which KeyProvider wraps the data keys. */
  provider: 'aws-kms' | 'local' | 'unconfigured';
  /** The configured wrapping key (a KMS key id, ARN or alias; `local` for the local provider). Not secret. */
  keyId: string | null;
}

/**
 * Every check by name. To add one (KMS next): add its result type here, its probe in
 * `checkHealth`, and its entry in CHECK_CRITICALITY — the Record type makes that entry required.
 */
export interface HealthChecks {
  database: DependencyCheck;
  redis: DependencyCheck;
  worker: WorkerCheck;
  kms: KmsCheck;
}

export type CheckName = keyof HealthChecks;

/** critical: failing makes the instance unhealthy (503). advisory: reported, status stays 200. */
export const CHECK_CRITICALITY: Record<CheckName, 'critical' | 'advisory'> = {
  database: 'critical',
  redis: 'critical',
  worker: 'advisory',
  kms: 'advisory',
};

export interface HealthReport {
  /** down: a critical check failed (503). Advisory problems show in their own check only. */
  status: 'ok' | 'down';
  checks: HealthChecks;
}

export interface HealthDeps {
  /** Defaults to the app database client. */
  db?: Db;
  /** Defaults to REDIS_URL. */
  redisUrl?: string;
  /** Deadline per probe; defaults to HEALTH_CHECK_TIMEOUT_MS. */
  timeoutMs?: number;
  /** A heartbeat older than this marks the worker degraded; defaults to 3 × HEARTBEAT_EVERY_MS. */
  workerStaleAfterMs?: number;
  /** Defaults to the process-wide key provider (lib/crypto/tenant-keys.ts). */
  keyProvider?: KeyProvider;
}

/** How long a KMS probe result is reused. */
export const KMS_PROBE_CACHE_MS = 15_000;

class ProbeTimeoutError extends Error {
  constructor() {
    super('probe timed out');
  }
}

/** Runs `probe` under a deadline. A late settlement is swallowed (it cannot be cancelled). */
async function withDeadline<T>(probe: () => Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const running = probe();
  running.catch(() => {});
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProbeTimeoutError()), timeoutMs);
  });
  try {
    return await Promise.race([running, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

async function timeDependency(
  name: CheckName,
  probe: () => Promise<unknown>,
  timeoutMs: number,
): Promise<DependencyCheck> {
  const started = performance.now();
  try {
    await withDeadline(probe, timeoutMs);
    return { status: 'up', latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    const reason = error instanceof ProbeTimeoutError ? 'timeout' : 'unavailable';
    // Name and code only: messages of pg/Prisma/ioredis errors may include connection details.
    getLogger().warn(
      {
        check: name,
        reason,
        errorName: error instanceof Error ? error.name : typeof error,
        code: errorCode(error),
      },
      'health check failed',
    );
    return { status: 'down', latencyMs: Math.round(performance.now() - started), reason };
  }
}

/**
 * PING over a connection of its own, so a probe never waits behind (or breaks) app traffic. The
 * deadline is enforced here too, so the connection is always closed, also when Redis accepts TCP
 * and then hangs (connectTimeout covers only the TCP handshake).
 */
async function pingRedis(redisUrl: string, timeoutMs: number): Promise<void> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null, // one attempt; the next health request tries again
    connectionName: 'packline-health',
  });
  redis.on('error', () => {}); // reported through the rejected connect/ping below
  try {
    await withDeadline(async () => {
      await redis.connect();
      await redis.ping();
    }, timeoutMs);
  } finally {
    redis.disconnect();
  }
}

async function checkWorker(db: Db, staleAfterMs: number, timeoutMs: number): Promise<WorkerCheck> {
  try {
    const [row] = await withDeadline(
      () => db.$queryRaw<{ last_seen_at: Date | null; age_ms: number | null }[]>`
        SELECT max(last_seen_at) AS last_seen_at,
               (extract(epoch FROM now() - max(last_seen_at)) * 1000)::float8 AS age_ms
        FROM worker_heartbeats`,
      timeoutMs,
    );
    if (!row?.last_seen_at || row.age_ms === null)
      return { status: 'degraded', lastSeenAt: null, ageMs: null };
    const ageMs = Math.max(0, Math.round(row.age_ms));
    return {
      status: ageMs <= staleAfterMs ? 'up' : 'degraded',
      lastSeenAt: row.last_seen_at.toISOString(),
      ageMs,
    };
  } catch (error) {
    getLogger().warn({ check: 'worker', code: errorCode(error) }, 'health check failed');
    return { status: 'degraded', lastSeenAt: null, ageMs: null };
  }
}

let kmsProbeCache: { provider: KeyProvider; at: number; result: KmsCheck } | undefined;

/** Forgets the cached KMS probe (tests). */
export function resetKmsProbeCache(): void {
  kmsProbeCache = undefined;
}

/**
 * The key provider's state. The local provider has nothing to reach; AWS KMS is asked to describe
 * the configured key (resolving an alias, and seeing a disabled key before the first encryption).
 */
async function checkKms(deps: HealthDeps, timeoutMs: number): Promise<KmsCheck> {
  let provider: KeyProvider;
  try {
    provider = deps.keyProvider ?? tenantKeys().provider;
  } catch (error) {
    getLogger().warn(
      { check: 'kms', errorName: error instanceof Error ? error.name : typeof error },
      'health check failed',
    );
    return { status: 'down', latencyMs: 0, reason: 'unavailable', provider: 'unconfigured', keyId: null };
  }
  const base = { provider: provider.kind, keyId: provider.keyId } as const;
  if (!(provider instanceof AwsKmsKeyProvider)) return { status: 'up', latencyMs: 0, ...base };
  const now = Date.now();
  if (kmsProbeCache && kmsProbeCache.provider === provider && now - kmsProbeCache.at < KMS_PROBE_CACHE_MS) {
    return kmsProbeCache.result;
  }
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  let result: KmsCheck;
  try {
    const key = await withDeadline(() => provider.describeKey(), timeoutMs);
    result = key.enabled
      ? { status: 'up', latencyMs: latency(), ...base }
      : { status: 'down', latencyMs: latency(), reason: 'key-disabled', ...base };
  } catch (error) {
    const reason =
      error instanceof ProbeTimeoutError
        ? 'timeout'
        : error instanceof KeyAccessDeniedError
          ? 'access-denied'
          : 'unavailable';
    getLogger().warn(
      { check: 'kms', reason, errorName: error instanceof Error ? error.name : typeof error },
      'health check failed',
    );
    result = { status: 'down', latencyMs: latency(), reason, ...base };
  }
  kmsProbeCache = { provider, at: now, result };
  return result;
}

/** Pure: the overall status from the individual checks and their criticality. */
export function summarise(checks: HealthChecks): HealthReport['status'] {
  const criticalDown = (Object.keys(checks) as CheckName[]).some(
    (name) => CHECK_CRITICALITY[name] === 'critical' && checks[name].status !== 'up',
  );
  return criticalDown ? 'down' : 'ok';
}

/** Pure: 503 when a critical dependency is down, otherwise 200 (a degraded worker included). */
export function toHttpStatus(report: HealthReport): 200 | 503 {
  return report.status === 'down' ? 503 : 200;
}

export async function checkHealth(deps: HealthDeps = {}): Promise<HealthReport> {
  const env = getEnv();
  const db = deps.db ?? appDb();
  const timeoutMs = deps.timeoutMs ?? env.HEALTH_CHECK_TIMEOUT_MS;
  const staleAfterMs = deps.workerStaleAfterMs ?? 3 * env.HEARTBEAT_EVERY_MS;
  const redisUrl = deps.redisUrl ?? env.REDIS_URL;

  const [database, redis, kms] = await Promise.all([
    timeDependency('database', () => db.$queryRaw`SELECT 1`, timeoutMs),
    timeDependency('redis', () => pingRedis(redisUrl, timeoutMs), timeoutMs),
    checkKms(deps, timeoutMs),
  ]);
  const worker: WorkerCheck =
    database.status === 'up'
      ? await checkWorker(db, staleAfterMs, timeoutMs)
      : { status: 'degraded', lastSeenAt: null, ageMs: null };

  const checks: HealthChecks = { database, redis, worker, kms };
  return { status: summarise(checks), checks };
}

/** The HTTP response for a report: JSON, never cached. */
export function healthResponse(report: HealthReport): Response {
  return Response.json(report, { status: toHttpStatus(report), headers: { 'Cache-Control': 'no-store' } });
}
