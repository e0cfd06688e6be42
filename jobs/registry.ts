// The job registry, consumer half (producer half and the reason for the split:
// lib/jobs/registry.ts). The mapped type makes this map complete and exact: every JobName needs a
// handler, and a key that is not a JobName is an error.
import type { JobInput, JobName, JobPayload } from '../lib/jobs/registry.ts';
import type { JobContext } from './context.ts';
import { runAmazonImportListings } from './amazon-import-listings.ts';
import { runAmazonSyncOrders } from './amazon-sync-orders.ts';
import { runReencrypt } from './crypto-reencrypt.ts';
import { runResumeReencryption } from './crypto-resume-reencryption.ts';
import { runRewrap } from './crypto-rewrap.ts';
import { runHeartbeat } from './housekeeping-heartbeat.ts';
import { runStockPush } from './writeback-stock-push.ts';
import { runConfirmShipment } from './writeback-confirm-shipment.ts';
import { runStockPushSweep } from './writeback-stock-push-sweep.ts';
import { runSecurityWebhook } from './privacy-security-webhook.ts';
import {
  runExpireSecurityLogs,
  runPiiReadScan,
  runPrivacyRetention,
  runPrivacyRetentionSweep,
} from './privacy-retention.ts';
import { runSecurityAlertScan } from './security-alert-scan.ts';
import { runTerminationSweep } from './privacy-termination.ts';

export type JobHandler<N extends JobName> = (payload: JobPayload<N>, ctx: JobContext) => Promise<void>;

export const jobHandlers: { [N in JobName]: JobHandler<N> } = {
  'housekeeping.heartbeat': runHeartbeat,
  'crypto.reencrypt': runReencrypt,
  'crypto.rewrap': runRewrap,
  'crypto.resume-reencryption': runResumeReencryption,
  'amazon.sync-orders': runAmazonSyncOrders,
  'privacy.retention': runPrivacyRetention,
  'privacy.retention-sweep': runPrivacyRetentionSweep,
  'privacy.pii-read-scan': runPiiReadScan,
  'privacy.termination-sweep': runTerminationSweep,
  'privacy.expire-security-logs': runExpireSecurityLogs,
  'security.alert-scan': runSecurityAlertScan,
  'privacy.security-webhook': runSecurityWebhook,
  'writeback.stock-push': runStockPush,
  'writeback.confirm-shipment': runConfirmShipment,
  'amazon.import-listings': runAmazonImportListings,
  'writeback.stock-push-sweep': runStockPushSweep,
};

export type ScheduleRepeat = { every: number } | { pattern: string; tz: 'UTC' };

export interface ScheduledJob<N extends JobName = JobName> {
  /** Stable id: upserting it again at every start replaces, never duplicates. */
  schedulerId: string;
  name: N;
  payload: JobInput<N>;
  repeat: ScheduleRepeat;
}

export interface ScheduleSettings {
  heartbeatEveryMs: number;
}

/**
 * Schedulers registered (upsertJobScheduler) at every worker start, so a flushed Redis loses
 * nothing. Per-tenant schedulers (one order sync per integration) will be re-derived from the
 * database at the same point when they exist.
 */
export function scheduledJobs(settings: ScheduleSettings): ScheduledJob[] {
  return [
    {
      // One scheduler for the whole fleet: whichever worker takes the job writes its own row, so
      // the newest row says "a worker ran a scheduled job this recently".
      schedulerId: 'housekeeping.heartbeat',
      name: 'housekeeping.heartbeat',
      payload: {},
      repeat: { every: settings.heartbeatEveryMs },
    },
    {
      // Rotations whose re-encryption job was lost (a flushed Redis, a failed enqueue) resume.
      schedulerId: 'crypto.resume-reencryption',
      name: 'crypto.resume-reencryption',
      payload: {},
      repeat: { pattern: '17 * * * *', tz: 'UTC' },
    },
    {
      // Daily retention (privacy promises): one privacy.retention job per organization.
      schedulerId: 'privacy.retention-sweep',
      name: 'privacy.retention-sweep',
      payload: {},
      repeat: { pattern: '23 2 * * *', tz: 'UTC' },
    },
    {
      // Owner-requested terminations whose grace period has passed (lib/privacy/termination-requests.ts).
      schedulerId: 'privacy.termination-sweep',
      name: 'privacy.termination-sweep',
      payload: {},
      repeat: { pattern: '41 * * * *', tz: 'UTC' },
    },
    {
      // Security and operator logs past their retention (lib/privacy/expire-security-logs.ts).
      schedulerId: 'privacy.expire-security-logs',
      name: 'privacy.expire-security-logs',
      payload: {},
      repeat: { pattern: '41 2 * * *', tz: 'UTC' },
    },
    {
      // Anomalous PII read volumes raise security events (lib/privacy/pii-read-monitor.ts).
      schedulerId: 'privacy.pii-read-scan',
      name: 'privacy.pii-read-scan',
      payload: {},
      repeat: { pattern: '*/15 * * * *', tz: 'UTC' },
    },
    {
      // Stock pushes whose job was lost (flushed Redis, dead worker, retries ran out) are re-queued.
      schedulerId: 'writeback.stock-push-sweep',
      name: 'writeback.stock-push-sweep',
      payload: {},
      repeat: { pattern: '*/5 * * * *', tz: 'UTC' },
    },
  ];
}
