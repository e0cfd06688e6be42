// Queue names by concern (ARCHITECTURE.md §7). A job belongs to exactly one queue
// (lib/jobs/registry.ts); the worker runs one BullMQ Worker per queue that has jobs, so a slow
// concern (a big report) never starves another (a PII fetch).
import { Queue } from 'bullmq';
import { getEnv } from '../env.ts';
import { getLogger } from '../logger.ts';
import { producerConnection } from './connection.ts';
import { dropProcessSingleton, processSingleton } from '../process-singleton.ts';

export const QUEUE_NAMES = [
  'sync',
  'pii',
  'writeback',
  'retention',
  'crypto',
  'reports',
  'housekeeping',
  /** Security alerts to organizations' webhooks: a slow receiver never delays other work. */
  'notify',
] as const;

export type QueueName = (typeof QUEUE_NAMES)[number];

/** BullMQ key prefix: every key of every queue starts with it (QUEUE_PREFIX, default `packline`). */
export function queuePrefix(): string {
  return getEnv().QUEUE_PREFIX;
}

// Producer queues, one per name per process, created on first use.
const producerQueues = () => processSingleton('producer-queues', () => new Map<QueueName, Queue>());

/** The producer-side queue (fail-fast connection) for `name`. */
export function getQueue(name: QueueName): Queue {
  let queue = producerQueues().get(name);
  if (!queue) {
    queue = new Queue(name, { connection: producerConnection(), prefix: queuePrefix() });
    // Without a listener an 'error' event (Redis down) would crash the process. The failing
    // add() also reports to its caller; this line is for operators.
    queue.on('error', (err) => getLogger().warn({ queue: name, err }, 'job queue connection error'));
    producerQueues().set(name, queue);
  }
  return queue;
}

/** Closes the producer queues (process shutdown, tests). */
export async function closeQueues(): Promise<void> {
  const queues = [...(dropProcessSingleton<Map<QueueName, Queue>>('producer-queues')?.values() ?? [])];
  await Promise.allSettled(queues.map((queue) => queue.close()));
}
