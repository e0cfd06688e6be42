// The job registry, producer half: every job's name, queue and payload schema, and `enqueue`.
//
// The registry is split in two on purpose. This half (lib/jobs) is imported by the web process
// and by use cases that enqueue after a commit; it holds no processor code, so importing it never
// pulls a handler's dependencies (SP-API client, KMS, bulk SQL) into a route bundle. The consumer
// half, jobs/registry.ts, maps every JobName to its handler with a mapped type: a job defined here
// without a handler there, or a handler for a name not defined here, fails to type-check — as does
// `enqueue('no.such.job', …)`.
import type { JobsOptions, Queue } from 'bullmq';
import type { z } from 'zod';
import { getQueue, type QueueName } from './queues.ts';
import {
  ZAmazonImportListingsPayload,
  ZAmazonSyncOrdersPayload,
  ZConfirmShipmentPayload,
  ZExpireSecurityLogsPayload,
  ZHeartbeatPayload,
  ZPiiReadScanPayload,
  ZPrivacyRetentionPayload,
  ZPrivacyRetentionSweepPayload,
  ZPrivacyTerminationSweepPayload,
  ZReencryptPayload,
  ZResumeReencryptionPayload,
  ZRewrapPayload,
  ZSecurityAlertScanPayload,
  ZSecurityWebhookPayload,
  ZStockPushPayload,
  ZStockPushSweepPayload,
  type IdOnlySchema,
} from './schemas.ts';

export interface JobDefinition {
  queue: QueueName;
  /** Ids only (lib/jobs/schemas.ts). */
  schema: IdOnlySchema;
  /** Per-job defaults on top of DEFAULT_JOB_OPTIONS (attempts, backoff, retention). */
  options?: Omit<JobsOptions, 'jobId' | 'repeat' | 'deduplication'>;
}

/** Applied to every job unless its definition or the caller says otherwise. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 5_000 },
  // Completed and failed jobs are kept for ever by default (reference §C5): bound them.
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5_000 },
} satisfies JobsOptions;

export const jobDefinitions = {
  'housekeeping.heartbeat': {
    queue: 'housekeeping',
    schema: ZHeartbeatPayload,
    // A missed beat is simply replaced by the next one.
    options: { attempts: 1, removeOnComplete: { count: 10 }, removeOnFail: { count: 50 } },
  },
  'crypto.reencrypt': {
    queue: 'crypto',
    schema: ZReencryptPayload,
    // Resumable (each batch commits; moved rows are skipped), so retrying is always safe.
    options: { attempts: 10, backoff: { type: 'exponential', delay: 10_000 } },
  },
  'crypto.rewrap': {
    queue: 'crypto',
    schema: ZRewrapPayload,
    options: { attempts: 5, backoff: { type: 'exponential', delay: 10_000 } },
  },
  'crypto.resume-reencryption': {
    queue: 'crypto',
    schema: ZResumeReencryptionPayload,
    // The next run (hourly) replaces a failed one.
    options: { attempts: 1, removeOnComplete: { count: 10 }, removeOnFail: { count: 50 } },
  },
  'amazon.sync-orders': {
    queue: 'sync',
    schema: ZAmazonSyncOrdersPayload,
    // Resumable from the committed cursor; the scheduler runs it again anyway. Removed on
    // completion so the deterministic "sync now" id can be used again.
    options: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 15_000 },
      removeOnComplete: true,
      removeOnFail: { age: 24 * 3600, count: 1_000 },
    },
  },
  'privacy.retention': {
    queue: 'retention',
    schema: ZPrivacyRetentionPayload,
    // Idempotent and resumable (every batch commits; done rows are never selected again).
    options: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 30_000 },
      removeOnComplete: { age: 7 * 24 * 3600, count: 1_000 },
    },
  },
  'privacy.pii-read-scan': {
    queue: 'retention',
    schema: ZPiiReadScanPayload,
    options: { attempts: 1, removeOnComplete: { count: 20 }, removeOnFail: { count: 50 } },
  },
  'privacy.retention-sweep': {
    queue: 'retention',
    schema: ZPrivacyRetentionSweepPayload,
    options: { attempts: 3, removeOnComplete: { count: 30 }, removeOnFail: { count: 50 } },
  },
  'privacy.termination-sweep': {
    queue: 'retention',
    schema: ZPrivacyTerminationSweepPayload,
    // Idempotent (a claimed request is picked up again); the next hourly run replaces a failed one.
    options: { attempts: 3, removeOnComplete: { count: 30 }, removeOnFail: { count: 50 } },
  },
  'privacy.expire-security-logs': {
    queue: 'retention',
    schema: ZExpireSecurityLogsPayload,
    // Idempotent; the next day's run replaces a failed one.
    options: { attempts: 3, removeOnComplete: { count: 30 }, removeOnFail: { count: 50 } },
  },
  'security.alert-scan': {
    queue: 'notify',
    schema: ZSecurityAlertScanPayload,
    // Safe to retry: an alert already raised is debounced in Redis. Removed on completion (one
    // job per event id, never reused).
    options: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 2_000 },
      removeOnComplete: true,
      removeOnFail: { age: 7 * 24 * 3600, count: 1_000 },
    },
  },
  'privacy.security-webhook': {
    queue: 'notify',
    schema: ZSecurityWebhookPayload,
    // Bounded: 5 attempts over about half a minute (2, 4, 8, 16 s); the delivery row then shows
    // FAILED. Idempotent: a DELIVERED row is skipped. Removed at the end so the id is reusable.
    options: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 2_000 },
      removeOnComplete: true,
      removeOnFail: { age: 7 * 24 * 3600, count: 1_000 },
    },
  },
  'writeback.stock-push': {
    queue: 'writeback',
    schema: ZStockPushPayload,
    // Its deterministic id is the debounce: removed on completion AND on final failure, so the
    // next stock change can queue it again (the failure stays visible on the listing).
    options: {
      attempts: 8,
      backoff: { type: 'exponential', delay: 10_000 },
      removeOnComplete: true,
      removeOnFail: true,
    },
  },
  'amazon.import-listings': {
    queue: 'sync',
    schema: ZAmazonImportListingsPayload,
    // Idempotent (one upsert after the last page). Removed on completion so its deterministic id
    // (one import per integration at a time) can be queued again from the button.
    options: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 30_000 },
      removeOnComplete: true,
      removeOnFail: { age: 24 * 3600, count: 1_000 },
    },
  },
  'writeback.stock-push-sweep': {
    queue: 'writeback',
    schema: ZStockPushSweepPayload,
    // The next run replaces a failed one.
    options: { attempts: 1, removeOnComplete: { count: 10 }, removeOnFail: { count: 50 } },
  },
  'writeback.confirm-shipment': {
    queue: 'writeback',
    schema: ZConfirmShipmentPayload,
    // Bounded: 6 attempts over about 10 minutes; after that the shipment shows FAILED with the
    // error and a retry button (which queues it again: the id is removed on final failure too).
    // Idempotent: a CONFIRMED shipment is skipped.
    options: {
      attempts: 6,
      backoff: { type: 'exponential', delay: 10_000 },
      removeOnComplete: true,
      removeOnFail: true,
    },
  },
} as const satisfies Record<string, JobDefinition>;

export type JobName = keyof typeof jobDefinitions;
/** What callers pass to `enqueue`. */
export type JobInput<N extends JobName> = z.input<(typeof jobDefinitions)[N]['schema']>;
/** What handlers receive, after parsing. */
export type JobPayload<N extends JobName> = z.output<(typeof jobDefinitions)[N]['schema']>;

export const JOB_NAMES = Object.keys(jobDefinitions) as JobName[];

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(jobDefinitions, name);
}

/** Queues that have at least one job: the worker runs one BullMQ Worker for each. */
export function queuesWithJobs(): QueueName[] {
  return [...new Set(JOB_NAMES.map((name) => jobDefinitions[name].queue))];
}

/** Thrown when a payload does not match its schema. Names paths and codes, never values. */
export class InvalidJobPayloadError extends Error {
  readonly issues: readonly { path: string; code: string }[];

  constructor(jobName: string, error: z.ZodError) {
    const issues = error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || '(root)',
      code: issue.code === 'unrecognized_keys' ? `unrecognized_keys(${issue.keys.join(',')})` : issue.code,
    }));
    super(`invalid payload for job "${jobName}": ${issues.map((i) => `${i.path} ${i.code}`).join('; ')}`);
    this.name = 'InvalidJobPayloadError';
    this.issues = issues;
  }
}

/** Validates a payload against the registered schema. */
export function parseJobPayload<N extends JobName>(name: N, data: unknown): JobPayload<N> {
  const result = jobDefinitions[name].schema.safeParse(data);
  if (!result.success) throw new InvalidJobPayloadError(name, result.error);
  return result.data as JobPayload<N>;
}

// BullMQ rejects custom ids that read as integers (`${parseInt(id)}` === id, so "-1" too) and
// ids containing ':' (its key separator). Ours are stricter: a letter first (so never an
// integer), then letters, digits and . _ ~ -, at most 200 characters.
const JOB_ID_PATTERN = /^[A-Za-z][A-Za-z0-9._~-]{0,199}$/;

export function assertValidJobId(jobId: string): void {
  if (/^-?\d+$/.test(jobId)) throw new Error(`job id must not look like an integer: "${jobId}"`);
  if (jobId.includes(':')) throw new Error('job id must not contain ":"');
  if (!JOB_ID_PATTERN.test(jobId)) {
    throw new Error('job id must start with a letter and use only letters, digits and . _ ~ -');
  }
}

/**
 * A deterministic job id: the job name and the ids that make it unique, e.g.
 * `jobIdFor('sync.orders', orgId, integrationId, windowStart)`. Re-enqueueing the same id is a
 * no-op while the job exists (waiting, active, or kept after completion per removeOnComplete).
 */
export function jobIdFor(name: JobName, ...parts: readonly (string | number)[]): string {
  const jobId = [name, ...parts.map(String)].join('_');
  assertValidJobId(jobId);
  return jobId;
}

export interface EnqueueOptions {
  /** Deterministic id for idempotent enqueueing (jobIdFor). */
  jobId?: string;
  delay?: number;
  priority?: number;
  attempts?: number;
  backoff?: JobsOptions['backoff'];
}

export interface PreparedJob {
  queue: QueueName;
  name: JobName;
  data: Record<string, unknown>;
  opts: JobsOptions;
}

/** Validation and options without touching Redis: what `enqueue` will add. */
export function prepareJob<N extends JobName>(
  name: N,
  payload: JobInput<N>,
  opts: EnqueueOptions = {},
): PreparedJob {
  // Also guards JavaScript callers and `as` casts that get past the JobName type.
  if (!isJobName(name)) throw new Error(`unknown job "${String(name)}"`);
  const definition: JobDefinition = jobDefinitions[name];
  const data = parseJobPayload(name, payload) as Record<string, unknown>;
  if (opts.jobId !== undefined) assertValidJobId(opts.jobId);
  return {
    queue: definition.queue,
    name,
    data,
    opts: { ...DEFAULT_JOB_OPTIONS, ...definition.options, ...opts },
  };
}

export class QueueUnavailableError extends Error {
  constructor(queue: string) {
    super(`queue "${queue}" is unavailable (Redis not reachable)`);
    this.name = 'QueueUnavailableError';
  }
}

/** How long a producer waits for its first Redis connection before failing. */
export const ENQUEUE_READY_TIMEOUT_MS = 5_000;

/**
 * Adds a prepared job. BullMQ waits for the connection to be ready before the first command and
 * would wait for ever while Redis is down, so that wait is bounded here; once connected, the
 * producer connection (no offline queue) fails a command at once when Redis goes away.
 */
export async function addPreparedJob(
  queue: Queue,
  job: PreparedJob,
  readyTimeoutMs = ENQUEUE_READY_TIMEOUT_MS,
): Promise<{ id: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new QueueUnavailableError(queue.name)), readyTimeoutMs);
  });
  try {
    await Promise.race([queue.waitUntilReady(), timedOut]);
  } finally {
    clearTimeout(timer);
  }
  const added = await queue.add(job.name, job.data, job.opts);
  if (!added.id) throw new Error(`queue "${queue.name}" returned no job id`);
  return { id: added.id };
}

/**
 * Validates the payload against the job's schema and adds it to the job's queue. Call it after
 * the transaction that made the job necessary has committed; pass a deterministic `jobId`
 * (jobIdFor) when a retry of the caller must not create a second job.
 */
export async function enqueue<N extends JobName>(
  name: N,
  payload: JobInput<N>,
  opts: EnqueueOptions = {},
): Promise<{ id: string }> {
  const job = prepareJob(name, payload, opts);
  return addPreparedJob(getQueue(job.queue), job);
}
