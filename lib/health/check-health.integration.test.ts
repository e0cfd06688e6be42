// The health check against the rig's real Postgres and Redis, and against dead and hanging ones.
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { appDb, createDb } from '../db/client.ts';
import { checkHealth, toHttpStatus } from './check-health.ts';

const beat = (age: string) =>
  appDb().$executeRawUnsafe(
    `INSERT INTO worker_heartbeats (worker_id, hostname, pid, started_at, last_seen_at)
   VALUES ('health-test-1-1', 'health-test', 1, now() - interval '1 day', now() - interval '${age}')
   ON CONFLICT (worker_id) DO UPDATE SET last_seen_at = excluded.last_seen_at`,
  );

/** Accepts TCP connections and never answers: a hung dependency. */
let blackhole: Server;
let blackholePort: number;
const sockets = new Set<Socket>();
beforeAll(async () => {
  blackhole = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => blackhole.listen(0, '127.0.0.1', resolve));
  blackholePort = (blackhole.address() as { port: number }).port;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => blackhole.close(resolve));
});

describe('checkHealth', () => {
  it('reports the worker degraded, but stays ok and 200, while no worker has ever beaten', async () => {
    const report = await checkHealth();
    expect(report.checks.database.status).toBe('up');
    expect(report.checks.redis.status).toBe('up');
    expect(report.checks.worker).toEqual({ status: 'degraded', lastSeenAt: null, ageMs: null });
    expect(report.status).toBe('ok');
    expect(toHttpStatus(report)).toBe(200);
  });

  it('is ok with a fresh heartbeat', async () => {
    await beat('5 seconds');
    const report = await checkHealth();
    expect(report).toMatchObject({
      status: 'ok',
      checks: {
        database: { status: 'up', latencyMs: expect.any(Number) },
        redis: { status: 'up', latencyMs: expect.any(Number) },
        worker: { status: 'up', lastSeenAt: expect.any(String), ageMs: expect.any(Number) },
      },
    });
    expect(report.checks.worker.ageMs).toBeGreaterThanOrEqual(4_000);
    expect(toHttpStatus(report)).toBe(200);
  });

  it('marks a stale heartbeat degraded by its age', async () => {
    await beat('10 minutes');
    const report = await checkHealth({ workerStaleAfterMs: 90_000 });
    expect(report.checks.worker.status).toBe('degraded');
    expect(report.checks.worker.ageMs).toBeGreaterThan(590_000);
    expect(report.status).toBe('ok');
    expect(toHttpStatus(report)).toBe(200);
  });

  it('reports an unreachable Postgres as down (503) without leaking its URL', async () => {
    const dead = createDb('postgresql://packline_app:CANARY-pg-secret@127.0.0.1:1/packline', 1);
    try {
      const report = await checkHealth({ db: dead, timeoutMs: 2_000 });
      expect(report.checks.database).toMatchObject({ status: 'down', reason: 'unavailable' });
      expect(report.checks.redis.status).toBe('up');
      expect(report.checks.worker).toEqual({ status: 'degraded', lastSeenAt: null, ageMs: null });
      expect(report.status).toBe('down');
      expect(toHttpStatus(report)).toBe(503);
      const body = JSON.stringify(report);
      expect(body).not.toContain('CANARY');
      expect(body).not.toContain('127.0.0.1');
    } finally {
      await dead.$disconnect();
    }
  });

  it('reports an unreachable Redis as down (503)', async () => {
    const report = await checkHealth({ redisUrl: 'redis://:CANARY-redis-secret@127.0.0.1:1' });
    expect(report.checks.redis).toMatchObject({ status: 'down', reason: 'unavailable' });
    expect(report.checks.database.status).toBe('up');
    expect(toHttpStatus(report)).toBe(503);
    expect(JSON.stringify(report)).not.toContain('CANARY');
  });

  it('times out hung dependencies within the deadline', async () => {
    const hungDb = createDb(`postgresql://packline_app:x@127.0.0.1:${blackholePort}/packline`, 1);
    try {
      const started = Date.now();
      const report = await checkHealth({
        db: hungDb,
        redisUrl: `redis://127.0.0.1:${blackholePort}`,
        timeoutMs: 300,
      });
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(report.checks.database).toMatchObject({ status: 'down', reason: 'timeout' });
      expect(report.checks.redis).toMatchObject({ status: 'down', reason: 'timeout' });
      expect(toHttpStatus(report)).toBe(503);
    } finally {
      // The pool's connection attempt is still waiting on the black hole: end it, then close.
      for (const socket of sockets) socket.destroy();
      await hungDb.$disconnect().catch(() => {});
    }
  });
});

// The route's `await connection()` needs Next's request scope; outside Next it is a no-op marker.
vi.mock('next/server', () => ({ connection: async () => {} }));

describe('GET /api/health', () => {
  it('answers with the report, its status code and Cache-Control: no-store', async () => {
    await beat('1 second');
    const { GET } = await import('../../app/api/health/route.ts');
    const response = await GET();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toMatchObject({ status: 'ok', checks: { database: { status: 'up' } } });
  });
});
