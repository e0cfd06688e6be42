// Live progress read from the real queue: a job's own organization sees its phase, count and
// start; another organization asking for the same id sees nothing; a finished job is no longer
// shown; the ETA is said only when a total is known.
import { afterAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../tests/factories.ts';
import { systemContext } from '../tenancy/tenant-context.ts';
import { estimateRemainingMs, readJobProgress } from './job-progress.ts';
import { closeQueues, getQueue } from './queues.ts';
import { enqueue, jobIdFor } from './registry.ts';

afterAll(closeQueues);

describe('readJobProgress', () => {
  it("shows a waiting job's report to its organization only, and nothing once it has finished", async () => {
    const a = await createOrganization();
    const b = await createOrganization();
    const jobId = jobIdFor('crypto.reencrypt', a.id, 'credentials', 2);
    await enqueue('crypto.reencrypt', { organizationId: a.id, purpose: 'credentials' }, { jobId });
    await (await getQueue('crypto').getJob(jobId))!.updateProgress({ done: 40, total: 100 });

    const own = await readJobProgress(systemContext(a.id, ['security.read']), 'crypto.reencrypt', jobId);
    expect(own).toEqual({ state: 'waiting', phase: null, done: 40, total: 100, startedAt: null });
    expect(
      await readJobProgress(systemContext(b.id, ['security.read']), 'crypto.reencrypt', jobId),
    ).toBeNull();
    // The same id under another job name is not this job.
    expect(await readJobProgress(systemContext(a.id, []), 'amazon.import-listings', jobId)).toBeNull();

    await getQueue('crypto').remove(jobId);
    expect(
      await readJobProgress(systemContext(a.id, ['security.read']), 'crypto.reencrypt', jobId),
    ).toBeNull();
  });

  it('estimates the time left only with a total, work done and a start', () => {
    const startedAt = new Date('2026-12-07T10:00:00Z');
    const now = new Date('2026-12-07T10:01:00Z');
    expect(estimateRemainingMs({ done: 25, total: 100, startedAt }, now)).toBe(180_000);
    expect(estimateRemainingMs({ done: 25, total: null, startedAt }, now)).toBeNull();
    expect(estimateRemainingMs({ done: 0, total: 100, startedAt }, now)).toBeNull();
    expect(estimateRemainingMs({ done: 25, total: 100, startedAt: null }, now)).toBeNull();
    expect(estimateRemainingMs({ done: 100, total: 100, startedAt }, now)).toBeNull();
  });
});
