import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import {
  assertValidJobId,
  DEFAULT_JOB_OPTIONS,
  InvalidJobPayloadError,
  isJobName,
  jobDefinitions,
  jobIdFor,
  prepareJob,
  queuesWithJobs,
} from './registry.ts';
import { QUEUE_NAMES } from './queues.ts';
import { idPayload, ZTenantJobPayload } from './schemas.ts';

const orgId = '01936b2e-7c4a-7def-8a2b-1c2d3e4f5a6b';
const orderId = '01936b2e-7c4a-7def-8a2b-1c2d3e4f5a6c';

describe('id-only payload schemas', () => {
  const ZOrderJob = idPayload({ organizationId: z.uuid(), orderId: z.uuid() });

  it('accepts ids', () => {
    expect(ZOrderJob.parse({ organizationId: orgId, orderId })).toEqual({ organizationId: orgId, orderId });
  });

  it.each([
    ['buyerEmail', 'buyer@example.com'],
    ['email', 'buyer@example.com'],
    ['buyerName', 'Jane Buyer'],
    ['shippingAddress', { line1: '1 High St' }],
    ['phone', '+44 20 7946 0000'],
    ['refreshToken', 'Atzr|secret'],
  ])('rejects an extra %s field', (field, value) => {
    const result = ZOrderJob.safeParse({ organizationId: orgId, orderId, [field]: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: [field] });
  });

  it('rejects a non-id where an id belongs', () => {
    expect(ZTenantJobPayload.safeParse({ organizationId: 'jane@example.com' }).success).toBe(false);
  });

  it('is strict in every registered job', () => {
    for (const [name, definition] of Object.entries(jobDefinitions)) {
      // z.strictObject sets a `never` catchall: unknown keys are errors, not stripped
      expect(definition.schema.def.catchall?._zod.def.type, name).toBe('never');
    }
  });
});

describe('prepareJob', () => {
  it('validates against the registered schema and routes to the registered queue', () => {
    const job = prepareJob('housekeeping.heartbeat', {});
    expect(job).toMatchObject({ queue: 'housekeeping', name: 'housekeeping.heartbeat', data: {} });
    expect(job.opts.removeOnComplete).toBeDefined();
    expect(job.opts.removeOnFail).toBeDefined();
  });

  it('rejects PII-looking fields without echoing their values', () => {
    const payload = { email: 'CANARY-buyer@example.com' } as unknown as Record<string, never>;
    let error: unknown;
    try {
      prepareJob('housekeeping.heartbeat', payload);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidJobPayloadError);
    expect((error as Error).message).toContain('email');
    expect((error as Error).message).not.toContain('CANARY');
  });

  it('rejects unregistered names at compile time and at run time', () => {
    // @ts-expect-error — not a registered job
    expect(() => prepareJob('sync.no-such-job', {})).toThrow(/unknown job/);
    expect(isJobName('housekeeping.heartbeat')).toBe(true);
    expect(isJobName('toString')).toBe(false);
  });

  it('merges caller options over job and default options', () => {
    const job = prepareJob('housekeeping.heartbeat', {}, { jobId: 'beat-1', delay: 10 });
    expect(job.opts).toMatchObject({ jobId: 'beat-1', delay: 10, attempts: 1 });
    expect(job.opts.backoff).toEqual(DEFAULT_JOB_OPTIONS.backoff);
  });

  it('refuses job ids BullMQ would reject', () => {
    expect(() => prepareJob('housekeeping.heartbeat', {}, { jobId: '12345' })).toThrow(/integer/);
    expect(() => prepareJob('housekeeping.heartbeat', {}, { jobId: 'a:b' })).toThrow(/":"/);
  });
});

describe('job ids', () => {
  it('builds deterministic ids from the name and ids', () => {
    expect(jobIdFor('housekeeping.heartbeat', orgId, 3)).toBe(`housekeeping.heartbeat_${orgId}_3`);
    expect(jobIdFor('housekeeping.heartbeat', orgId)).toBe(jobIdFor('housekeeping.heartbeat', orgId));
  });

  it.each(['1', '-1', '007', '1a', 'a:b', '', 'has space', 'x'.repeat(201)])('rejects %j', (id) => {
    expect(() => assertValidJobId(id)).toThrow();
  });

  it.each(['a1', 'sync.orders_abc', 'beat-1.5', 'x'.repeat(200)])('accepts %j', (id) => {
    expect(() => assertValidJobId(id)).not.toThrow();
  });
});

describe('queues', () => {
  it('puts every job on a known queue', () => {
    for (const queue of queuesWithJobs()) expect(QUEUE_NAMES).toContain(queue);
  });
});
