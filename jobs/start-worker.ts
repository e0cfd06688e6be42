// Starts the job worker in the current process: used by the CLI entry (jobs/worker.ts, which adds
// signal handling), by scripts/dev.ts and by tests, which start and stop it in-process.
//
// At start: every scheduler is upserted (a flushed Redis loses nothing), then one BullMQ Worker
// per queue that has registered jobs. close() stops in the order that loses no work: workers
// (active jobs finish, bounded by a deadline), then queues, then the database.
import { hostname as osHostname } from 'node:os';
import { Queue, Worker, type WorkerOptions } from 'bullmq';
import { getEnv } from '../lib/env.ts';
import { disconnectAppDb } from '../lib/db/client.ts';
import { disconnectSystemDb } from '../lib/db/system.ts';
import { workerConnection } from '../lib/jobs/connection.ts';
import { closeQueues, queuePrefix, type QueueName } from '../lib/jobs/queues.ts';
import { prepareJob, queuesWithJobs } from '../lib/jobs/registry.ts';
import { getLogger, type Logger } from '../lib/logger.ts';
import { registerAmazonSyncSchedulers } from '../lib/channels/amazon/register-sync-schedulers.ts';
import { closeAmazonRedis } from '../lib/channels/amazon/amazon-redis.ts';
import { disconnectLimitsRedis } from '../lib/redis/limits-redis.ts';
import type { WorkerIdentity } from './context.ts';
import { createProcessor, type ProcessorDeps } from './processor.ts';
import { scheduledJobs } from './registry.ts';

export interface StartWorkerOptions {
  /** Defaults to HEARTBEAT_EVERY_MS. Tests use a short interval. */
  heartbeatEveryMs?: number;
  /** Jobs per queue at once; defaults to WORKER_CONCURRENCY. */
  concurrency?: number;
  /** How long close() lets active jobs finish before forcing; defaults to WORKER_SHUTDOWN_TIMEOUT_MS. */
  shutdownTimeoutMs?: number;
  logger?: Logger;
  /**
   * Lock and stall settings (crash-recovery tests shorten them). They must be the same on every
   * worker of a deployment: the stall check runs at the interval of whichever worker ran it last.
   */
  workerOptions?: Pick<WorkerOptions, 'lockDuration' | 'stalledInterval' | 'maxStalledCount'>;
  /** Replaces the registered handlers (tests of shutdown behaviour use slow ones). */
  handlers?: ProcessorDeps['handlers'];
  /** Disconnect the app database client on close (default true; false when the host process still uses it). */
  closeDatabase?: boolean;
}

export interface RunningWorker {
  identity: WorkerIdentity;
  queues: readonly QueueName[];
  /** Graceful stop; safe to call more than once (later calls wait for the first). */
  close(): Promise<void>;
}

export function createWorkerIdentity(now = new Date()): WorkerIdentity {
  const hostname = osHostname();
  return {
    workerId: `${hostname}-${process.pid}-${now.getTime()}`,
    hostname,
    pid: process.pid,
    startedAt: now,
  };
}

/** After cancelling, how long aborted handlers get to unwind before the connections are dropped. */
const CANCEL_GRACE_MS = 1_000;

/** Resolves `true` when `promise` settles within `ms`, `false` on timeout. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function startWorker(options: StartWorkerOptions = {}): Promise<RunningWorker> {
  const env = getEnv();
  const identity = createWorkerIdentity();
  const logger = (options.logger ?? getLogger()).child({ workerId: identity.workerId });
  const heartbeatEveryMs = options.heartbeatEveryMs ?? env.HEARTBEAT_EVERY_MS;
  const concurrency = options.concurrency ?? env.WORKER_CONCURRENCY;
  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? env.WORKER_SHUTDOWN_TIMEOUT_MS;
  const prefix = queuePrefix();
  const queueNames = queuesWithJobs();

  // Queues for scheduling, on worker-style connections: at start the worker waits for Redis
  // rather than failing, like the workers themselves.
  const queues = new Map<QueueName, Queue>();
  const workers: Worker[] = [];

  const queueFor = (name: QueueName): Queue => {
    let queue = queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: workerConnection(), prefix });
      queue.on('error', (err) => logger.error({ queue: name, err }, 'queue error'));
      queues.set(name, queue);
    }
    return queue;
  };

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      logger.info({ shutdownTimeoutMs }, 'worker stopping');
      // 1. Workers: stop fetching and let active jobs finish within the deadline. BullMQ's
      //    close(true) cannot shorten a close() already waiting, so past the deadline: abort the
      //    handlers (ctx.signal), and if they still run, drop the workers' Redis connections. Jobs
      //    cut off are not lost: their locks stop being renewed, expire, and the jobs are retried.
      const graceful = Promise.allSettled(workers.map((worker) => worker.close()));
      if (!(await settlesWithin(graceful, shutdownTimeoutMs))) {
        logger.warn({ shutdownTimeoutMs }, 'active jobs did not finish in time; cancelling them');
        for (const worker of workers) worker.cancelAllJobs('worker shutting down');
        if (!(await settlesWithin(graceful, CANCEL_GRACE_MS))) {
          logger.warn('active jobs ignored cancellation; abandoning them to stalled-job recovery');
          await Promise.allSettled(workers.map((worker) => worker.disconnect()));
        }
      }
      // 2. Queues: the scheduling ones here and any producer queues handlers enqueued to.
      await Promise.allSettled([...queues.values()].map((queue) => queue.close()));
      await closeQueues();
      await closeAmazonRedis();
      await disconnectLimitsRedis();
      // 3. Database.
      if (options.closeDatabase ?? true) await Promise.all([disconnectAppDb(), disconnectSystemDb()]);
      logger.info('worker stopped');
    })();
    return closing;
  };

  try {
    for (const scheduled of scheduledJobs({ heartbeatEveryMs })) {
      // Same validation and default options as enqueue (ids-only payload, bounded retention).
      const job = prepareJob(scheduled.name, scheduled.payload);
      const { jobId: _jobId, delay: _delay, ...templateOpts } = job.opts; // not allowed on schedulers
      await queueFor(job.queue).upsertJobScheduler(
        scheduled.schedulerId,
        { ...scheduled.repeat },
        { name: job.name, data: job.data, opts: templateOpts },
      );
      logger.info({ scheduler: scheduled.schedulerId, repeat: scheduled.repeat }, 'job scheduler registered');
    }

    // Per-tenant schedulers: one order sync per connected Amazon integration.
    const amazon = await registerAmazonSyncSchedulers();
    logger.info(amazon, 'amazon sync schedulers registered');

    for (const queueName of queueNames) {
      const worker = new Worker(
        queueName,
        createProcessor({ queue: queueName, worker: identity, logger, handlers: options.handlers }),
        {
          connection: workerConnection(),
          prefix,
          concurrency,
          ...options.workerOptions,
        },
      );
      worker.on('error', (err) => logger.error({ queue: queueName, err }, 'worker error'));
      worker.on('failed', (job, err) => {
        logger.error(
          { queue: queueName, jobId: job?.id, job: job?.name, attemptsMade: job?.attemptsMade, err },
          'job failed',
        );
      });
      worker.on('stalled', (jobId) =>
        logger.warn({ queue: queueName, jobId }, 'job stalled; it will be retried'),
      );
      workers.push(worker);
    }
    await Promise.all(workers.map((worker) => worker.waitUntilReady()));
  } catch (error) {
    logger.error({ err: error }, 'worker failed to start');
    await close();
    throw error;
  }

  logger.info({ queues: queueNames, concurrency, prefix }, 'worker started');
  return { identity, queues: queueNames, close };
}
