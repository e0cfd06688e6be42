// Live progress of a long job (docs/decisions/0029-readable-history.md): what a screen that starts
// a job shows while it waits or runs — phase, done of total, started, and an ETA only when a total
// is known. Jobs report { phase?, done, total? } through BullMQ's job.updateProgress; the screen
// reads its own organization's job by its deterministic id (a job of another organization under
// the same id is never shown) and re-renders every few seconds (components/ui/auto-refresh.tsx).
import { z } from 'zod';
import type { TenantContext } from '../tenancy/tenant-context.ts';
import { getQueue } from './queues.ts';
import { jobDefinitions, type JobName } from './registry.ts';

/** What a job reports through job.updateProgress. */
export const ZJobProgressReport = z.object({
  phase: z.string().max(80).optional(),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().optional(),
});
export type TJobProgressReport = z.infer<typeof ZJobProgressReport>;

export interface JobProgress {
  /** Waiting for a worker, paused by a rate limit, or running. */
  state: 'waiting' | 'delayed' | 'active';
  phase: string | null;
  done: number;
  total: number | null;
  startedAt: Date | null;
}

const LIVE_STATES = new Set(['waiting', 'prioritized', 'waiting-children', 'delayed', 'active']);
const ZOwner = z.object({ organizationId: z.uuid() });

/** The job `jobId` of `name` while it waits or runs, if it belongs to this organization. */
export async function readJobProgress(
  ctx: TenantContext,
  name: JobName,
  jobId: string,
): Promise<JobProgress | null> {
  const job = await getQueue(jobDefinitions[name].queue).getJob(jobId);
  if (!job || job.name !== name) return null;
  const owner = ZOwner.safeParse(job.data);
  if (!owner.success || owner.data.organizationId !== ctx.organizationId) return null;
  const state = await job.getState();
  if (!LIVE_STATES.has(state)) return null;
  const report = ZJobProgressReport.safeParse(job.progress);
  return {
    state: state === 'active' ? 'active' : state === 'delayed' ? 'delayed' : 'waiting',
    phase: report.success ? (report.data.phase ?? null) : null,
    done: report.success ? report.data.done : 0,
    total: report.success ? (report.data.total ?? null) : null,
    startedAt: job.processedOn ? new Date(job.processedOn) : null,
  };
}

/**
 * Milliseconds left at the rate so far, or null when it cannot be said honestly (no total, nothing
 * done yet, not started).
 */
export function estimateRemainingMs(
  p: { done: number; total: number | null; startedAt: Date | null },
  now: Date,
): number | null {
  if (p.total === null || p.startedAt === null || p.done <= 0 || p.done >= p.total) return null;
  const elapsed = now.getTime() - p.startedAt.getTime();
  if (elapsed <= 0) return null;
  return Math.round((elapsed / p.done) * (p.total - p.done));
}
