// The worker end to end against the rig's private database and queue prefix: scheduler →
// Redis → BullMQ Worker → handler → Postgres, graceful and forced shutdown, a flushed Redis, and
// the CLI entry stopping on a real SIGTERM.
import { spawn } from 'node:child_process';
import { Writable } from 'node:stream';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { appDb } from '../lib/db/client.ts';
import { getEnv } from '../lib/env.ts';
import { workerConnection } from '../lib/jobs/connection.ts';
import { queuePrefix } from '../lib/jobs/queues.ts';
import { createLogger } from '../lib/logger.ts';
import { jobHandlers } from './registry.ts';
import { startWorker, type RunningWorker } from './start-worker.ts';

const silent = createLogger({ destination: new Writable({ write: (_c, _e, cb) => cb() }) });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(50);
  }
}

const heartbeatOf = (workerId: string) => appDb().workerHeartbeat.findUnique({ where: { workerId } });

async function schedulerIds(): Promise<string[]> {
  const queue = new Queue('housekeeping', { connection: workerConnection(), prefix: queuePrefix() });
  try {
    return (await queue.getJobSchedulers()).map((s) => s.key);
  } finally {
    await queue.close();
  }
}

let running: RunningWorker | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe('startWorker', () => {
  it('registers the heartbeat scheduler and the heartbeat row appears', async () => {
    running = await startWorker({ heartbeatEveryMs: 200, logger: silent });
    expect(running.queues).toContain('housekeeping');
    expect(running.identity.workerId).toBe(
      `${running.identity.hostname}-${process.pid}-${running.identity.startedAt.getTime()}`,
    );
    expect(await schedulerIds()).toContain('housekeeping.heartbeat');

    const row = await waitFor(() => heartbeatOf(running!.identity.workerId));
    expect(row).toMatchObject({ hostname: running.identity.hostname, pid: process.pid });
    const first = row.lastSeenAt.getTime();
    // It keeps beating: last_seen_at moves forward.
    await waitFor(
      async () => ((await heartbeatOf(running!.identity.workerId))?.lastSeenAt.getTime() ?? 0) > first,
    );

    const started = Date.now();
    await running.close();
    expect(Date.now() - started).toBeLessThan(5_000);
    await running.close(); // idempotent
  });

  it('deletes heartbeats of workers not seen for 24 hours, keeps recent ones', async () => {
    await appDb().$executeRaw`
      INSERT INTO worker_heartbeats (worker_id, hostname, pid, started_at, last_seen_at) VALUES
        ('gone-1-1', 'gone', 1, now() - interval '3 days', now() - interval '25 hours'),
        ('recent-2-2', 'recent', 2, now() - interval '3 days', now() - interval '23 hours')`;
    running = await startWorker({ heartbeatEveryMs: 200, logger: silent });
    await waitFor(() => heartbeatOf(running!.identity.workerId));
    await waitFor(async () => (await heartbeatOf('gone-1-1')) === null);
    expect(await heartbeatOf('recent-2-2')).not.toBeNull();
  });

  it('lets an active job finish before close() resolves', async () => {
    let startedJobs = 0;
    let finishedJobs = 0;
    running = await startWorker({
      heartbeatEveryMs: 100,
      logger: silent,
      handlers: {
        ...jobHandlers,
        'housekeeping.heartbeat': async () => {
          startedJobs++;
          await sleep(700);
          finishedJobs++;
        },
      },
    });
    await waitFor(async () => startedJobs > 0);
    await running.close();
    expect(finishedJobs).toBe(startedJobs);
  });

  it('forces close when active jobs outlive the shutdown deadline', async () => {
    let release: () => void = () => {};
    let active = false;
    running = await startWorker({
      heartbeatEveryMs: 100,
      shutdownTimeoutMs: 300,
      logger: silent,
      handlers: {
        ...jobHandlers,
        'housekeeping.heartbeat': () => {
          active = true;
          return new Promise<void>((resolve) => (release = resolve));
        },
      },
    });
    await waitFor(async () => active);
    const started = Date.now();
    await running.close();
    expect(Date.now() - started).toBeLessThan(3_000);
    release();
  });

  it('aborts a cooperative job that outlives the shutdown deadline', async () => {
    let active = false;
    let aborted = false;
    running = await startWorker({
      heartbeatEveryMs: 100,
      shutdownTimeoutMs: 300,
      logger: silent,
      handlers: {
        ...jobHandlers,
        'housekeeping.heartbeat': (_payload, ctx) => {
          active = true;
          return new Promise<void>((_, reject) =>
            ctx.signal.addEventListener('abort', () => {
              aborted = true;
              reject(new Error('aborted'));
            }),
          );
        },
      },
    });
    await waitFor(async () => active);
    const started = Date.now();
    await running.close();
    expect(aborted).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('re-registers its schedulers after Redis lost every key', async () => {
    running = await startWorker({ heartbeatEveryMs: 200, logger: silent });
    await running.close();

    // "Flush" this file's keys (other files share the Redis server).
    const redis = new Redis(getEnv().REDIS_URL);
    const keys = await redis.keys(`${queuePrefix()}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    expect(await schedulerIds()).toEqual([]);

    running = await startWorker({ heartbeatEveryMs: 200, logger: silent });
    expect(await schedulerIds()).toContain('housekeeping.heartbeat');
    await waitFor(() => heartbeatOf(running!.identity.workerId));
  });
});

describe('jobs/worker.ts (CLI)', () => {
  it('starts, beats, and exits 0 on SIGTERM after closing everything', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'jobs/worker.ts'], {
      cwd: new URL('..', import.meta.url).pathname,
      env: { ...process.env, LOG_LEVEL: 'info', HEARTBEAT_EVERY_MS: '1000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    try {
      await waitFor(async () => output.includes('"msg":"worker started"'), 20_000);
      const workerId = /"workerId":"([^"]+)"/.exec(output)?.[1];
      expect(workerId).toMatch(new RegExp(`-${child.pid}-\\d+$`));
      await waitFor(() => heartbeatOf(workerId!), 10_000);

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output).toContain('"msg":"worker stopped"');
      // Exited on its own once everything was closed, not by the 5 s fallback timer.
      expect(output).not.toContain('forced exit');
    } finally {
      child.kill('SIGKILL');
    }
  }, 40_000);
});
