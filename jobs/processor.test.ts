import { Writable } from 'node:stream';
import { UnrecoverableError, type Job } from 'bullmq';
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../lib/logger.ts';
import type { WorkerIdentity } from './context.ts';
import { createProcessor } from './processor.ts';
import { jobHandlers } from './registry.ts';

const worker: WorkerIdentity = { workerId: 'host-1-1', hostname: 'host', pid: 1, startedAt: new Date(0) };
const logger = createLogger({ destination: new Writable({ write: (_c, _e, cb) => cb() }) });

function fakeJob(name: string, data: unknown): Job {
  return { id: 'job-1', name, data, attemptsMade: 0 } as unknown as Job;
}

function setup() {
  const heartbeat = vi.fn(async () => {});
  const processor = createProcessor({
    queue: 'housekeeping',
    worker,
    logger,
    handlers: { ...jobHandlers, 'housekeeping.heartbeat': heartbeat },
  });
  return { heartbeat, processor };
}

describe('createProcessor', () => {
  it('dispatches by name with the parsed payload and a job context', async () => {
    const { heartbeat, processor } = setup();
    await processor(fakeJob('housekeeping.heartbeat', {}), 'token');
    expect(heartbeat).toHaveBeenCalledWith({}, expect.objectContaining({ worker }));
  });

  it('fails an unknown job name without retry', async () => {
    const { processor } = setup();
    await expect(processor(fakeJob('sync.mystery', {}), 'token')).rejects.toBeInstanceOf(UnrecoverableError);
  });

  it('fails a job that arrived on the wrong queue without retry', async () => {
    const { heartbeat } = setup();
    const onSync = createProcessor({
      queue: 'sync',
      worker,
      logger,
      handlers: { ...jobHandlers, 'housekeeping.heartbeat': heartbeat },
    });
    await expect(onSync(fakeJob('housekeeping.heartbeat', {}), 'token')).rejects.toThrow(/belongs to queue/);
    expect(heartbeat).not.toHaveBeenCalled();
  });

  it('fails a payload with extra fields without retry, naming the key but not the value', async () => {
    const { heartbeat, processor } = setup();
    const result = processor(
      fakeJob('housekeeping.heartbeat', { buyerEmail: 'CANARY@example.com' }),
      'token',
    );
    await expect(result).rejects.toBeInstanceOf(UnrecoverableError);
    await expect(result).rejects.toThrow(/buyerEmail/);
    await expect(result).rejects.not.toThrow(/CANARY/);
    expect(heartbeat).not.toHaveBeenCalled();
  });

  it('lets handler errors through so BullMQ retries them', async () => {
    const failing = vi.fn(async () => {
      throw new Error('database busy');
    });
    const processor = createProcessor({
      queue: 'housekeeping',
      worker,
      logger,
      handlers: { ...jobHandlers, 'housekeeping.heartbeat': failing },
    });
    const result = processor(fakeJob('housekeeping.heartbeat', {}), 'token');
    await expect(result).rejects.toThrow('database busy');
    await expect(result).rejects.not.toBeInstanceOf(UnrecoverableError);
  });
});
