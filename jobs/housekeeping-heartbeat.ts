// housekeeping.heartbeat: proves the whole job path (scheduler → Redis → worker → database) and
// gives the health check a "worker last seen" time. Upserts the row of the worker that ran it and
// deletes rows not seen for 24 h (workers that stopped or crashed).
//
// Times come from the database clock (now()), like the age the health check computes, so clock
// skew between worker and web hosts cannot make a live worker look stale. Idempotent: running it
// twice only moves last_seen_at forward.
import type { JobPayload } from '../lib/jobs/registry.ts';
import { appDb } from '../lib/db/client.ts';
import type { JobContext } from './context.ts';

export const HEARTBEAT_RETENTION_HOURS = 24;

export async function runHeartbeat(
  _payload: JobPayload<'housekeeping.heartbeat'>,
  ctx: JobContext,
): Promise<void> {
  const { workerId, hostname, pid, startedAt } = ctx.worker;
  const db = appDb(); // worker_heartbeats is a global table the app role may write
  await db.$executeRaw`
    INSERT INTO worker_heartbeats (worker_id, hostname, pid, started_at, last_seen_at)
    VALUES (${workerId}, ${hostname}, ${pid}, ${startedAt}, now())
    ON CONFLICT (worker_id) DO UPDATE SET last_seen_at = now()`;
  const removed = await db.$executeRaw`
    DELETE FROM worker_heartbeats
    WHERE last_seen_at < now() - make_interval(hours => ${HEARTBEAT_RETENTION_HOURS})`;
  if (removed > 0) ctx.logger.info({ removed }, 'removed heartbeats of workers not seen for 24 h');
}
