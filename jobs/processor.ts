// The processor each BullMQ Worker runs: dispatch by job name, parse the payload with the
// registered schema, call the handler. A job that cannot succeed on retry — unknown name, wrong
// queue, invalid payload — fails with UnrecoverableError so BullMQ does not retry it.
import { UnrecoverableError, type Job, type Processor } from 'bullmq';
import {
  InvalidJobPayloadError,
  isJobName,
  jobDefinitions,
  parseJobPayload,
  type JobName,
} from '../lib/jobs/registry.ts';
import type { QueueName } from '../lib/jobs/queues.ts';
import type { Logger } from '../lib/logger.ts';
import type { JobContext, WorkerIdentity } from './context.ts';
import { jobHandlers, type JobHandler } from './registry.ts';

export interface ProcessorDeps {
  queue: QueueName;
  worker: WorkerIdentity;
  logger: Logger;
  /** Tests replace handlers; production uses the registry. */
  handlers?: { [N in JobName]: JobHandler<N> };
}

async function dispatch<N extends JobName>(
  name: N,
  data: unknown,
  handlers: { [K in JobName]: JobHandler<K> },
  ctx: JobContext,
): Promise<void> {
  let payload;
  try {
    payload = parseJobPayload(name, data);
  } catch (error) {
    if (error instanceof InvalidJobPayloadError) throw new UnrecoverableError(error.message);
    throw error;
  }
  const handler: JobHandler<N> = handlers[name];
  await handler(payload, ctx);
}

export function createProcessor(deps: ProcessorDeps): Processor {
  const handlers = deps.handlers ?? jobHandlers;
  // Three parameters: BullMQ passes an AbortSignal only to processors declaring the third.
  return async (job: Job, _token?: string, signal?: AbortSignal) => {
    const name = job.name;
    if (!isJobName(name)) throw new UnrecoverableError(`no handler registered for job "${name}"`);
    const expectedQueue = jobDefinitions[name].queue;
    if (expectedQueue !== deps.queue) {
      throw new UnrecoverableError(`job "${name}" belongs to queue "${expectedQueue}", not "${deps.queue}"`);
    }
    const logger = deps.logger.child({
      jobId: job.id,
      job: name,
      queue: deps.queue,
      attempt: job.attemptsMade + 1,
    });
    await dispatch(name, job.data, handlers, {
      job,
      logger,
      worker: deps.worker,
      signal: signal ?? new AbortController().signal,
    });
  };
}
