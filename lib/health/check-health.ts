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
// The report never carries error messages: driver errors can contain hosts, users or connection
// strings. A failing check says only `timeout` or `unavailable`; details go to the server log as
// an error code.
import { Redis } from 'ioredis';
import type { Db } from '../db/client.ts';
import { appDb } from '../db/client.ts';
import { getEnv } from '../env.ts';
import { getLogger } from '../logger.ts';

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

/**
 * Every check by name. To add one (KMS next): add its result type here, its probe in
 * `checkHealth`, and its entry in CHECK_CRITICALITY — the Record type makes that entry required.
 */
export interface HealthChecks {
  database: DependencyCheck;
  redis: DependencyCheck;
  worker: WorkerCheck;
  // kms: DependencyCheck;
}

export type CheckName = keyof HealthChecks;

/** critical: failing makes the instance unhealthy (503). advisory: reported, status stays 200. */
export const CHECK_CRITICALITY: Record<CheckName, 'critical' | 'advisory'> = {
  database: 'critical',
  redis: 'critical',
  worker: 'advisory',
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
}

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

  const [database, redis] = await Promise.all([
    timeDependency('database', () => db.$queryRaw`SELECT 1`, timeoutMs),
    timeDependency('redis', () => pingRedis(redisUrl, timeoutMs), timeoutMs),
  ]);
  const worker: WorkerCheck =
    database.status === 'up'
      ? await checkWorker(db, staleAfterMs, timeoutMs)
      : { status: 'degraded', lastSeenAt: null, ageMs: null };

  const checks: HealthChecks = { database, redis, worker };
  return { status: summarise(checks), checks };
}

/** The HTTP response for a report: JSON, never cached. */
export function healthResponse(report: HealthReport): Response {
  return Response.json(report, { status: toHttpStatus(report), headers: { 'Cache-Control': 'no-store' } });
}
