// What every job handler receives besides its parsed payload.
import type { Job } from 'bullmq';
import type { Logger } from '../lib/logger.ts';

/** The process running the job: `workerId` = hostname-pid-startTimestamp. */
export interface WorkerIdentity {
  workerId: string;
  hostname: string;
  pid: number;
  startedAt: Date;
}

export interface JobContext {
  /** The BullMQ job (id, attemptsMade, updateProgress for progress shown in the UI). */
  job: Job;
  /** Bound to jobId, job name, queue and attempt. */
  logger: Logger;
  worker: WorkerIdentity;
  /**
   * Aborted when the worker shuts down and this job outlives the shutdown deadline. Long
   * handlers pass it on (fetch, loops between batches) so the job stops at a safe point.
   */
  signal: AbortSignal;
}
