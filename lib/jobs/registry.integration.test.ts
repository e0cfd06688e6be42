// enqueue against real Redis: the payload reaches the registered queue, a deterministic jobId
// makes a retry a no-op, and a producer facing a dead Redis fails fast instead of hanging.
import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { producerConnection } from './connection.ts';
import { closeQueues, getQueue, queuePrefix } from './queues.ts';
import {
  addPreparedJob,
  enqueue,
  InvalidJobPayloadError,
  jobIdFor,
  prepareJob,
  QueueUnavailableError,
} from './registry.ts';

afterAll(closeQueues);

describe('enqueue', () => {
  it('adds the validated payload to the registered queue under the rig prefix', async () => {
    const { id } = await enqueue('housekeeping.heartbeat', {});
    const job = await getQueue('housekeeping').getJob(id);
    expect(job).toMatchObject({ name: 'housekeeping.heartbeat', data: {} });
    expect(queuePrefix()).toMatch(/^test_/);
  });

  it('is idempotent with a deterministic job id', async () => {
    const jobId = jobIdFor('housekeeping.heartbeat', 'manual', 1);
    const first = await enqueue('housekeeping.heartbeat', {}, { jobId });
    const second = await enqueue('housekeeping.heartbeat', {}, { jobId });
    expect(first.id).toBe(jobId);
    expect(second.id).toBe(jobId);
    const ids = (await getQueue('housekeeping').getJobs(['waiting', 'delayed'])).map((j) => j.id);
    expect(ids.filter((id) => id === jobId)).toHaveLength(1);
  });

  it('rejects PII before anything reaches Redis', async () => {
    const queue = getQueue('housekeeping');
    const before = await queue.count();
    await expect(
      enqueue('housekeeping.heartbeat', { buyerEmail: 'CANARY@example.com' } as unknown as Record<
        string,
        never
      >),
    ).rejects.toBeInstanceOf(InvalidJobPayloadError);
    expect(await queue.count()).toBe(before);
  });

  it('fails fast when Redis is unreachable', async () => {
    const queue = new Queue('housekeeping', {
      connection: producerConnection('redis://:CANARY-secret@127.0.0.1:1'),
      prefix: queuePrefix(),
    });
    queue.on('error', () => {});
    try {
      const started = Date.now();
      const error = await addPreparedJob(queue, prepareJob('housekeeping.heartbeat', {}), 500).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(QueueUnavailableError);
      expect(String(error)).not.toContain('CANARY');
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await queue.close();
    }
  });
});
