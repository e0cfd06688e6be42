import { describe, expect, it } from 'vitest';
import {
  healthResponse,
  summarise,
  toHttpStatus,
  type HealthChecks,
  type HealthReport,
} from './check-health.ts';

const up = { status: 'up', latencyMs: 1 } as const;
const down = { status: 'down', latencyMs: 2000, reason: 'timeout' } as const;
const freshWorker = { status: 'up', lastSeenAt: '2026-11-25T10:00:00.000Z', ageMs: 1000 } as const;
const staleWorker = { status: 'degraded', lastSeenAt: null, ageMs: null } as const;
const kms = { status: 'up', latencyMs: 3, provider: 'aws-kms', keyId: 'alias/packline' } as const;
const kmsDown = { ...kms, status: 'down', reason: 'timeout' } as const;

function report(checks: HealthChecks): HealthReport {
  return { status: summarise(checks), checks };
}

describe('health status mapping', () => {
  it('is ok and 200 when everything is up', () => {
    const r = report({ database: up, redis: up, worker: freshWorker, kms });
    expect(r.status).toBe('ok');
    expect(toHttpStatus(r)).toBe(200);
  });

  it('stays ok and 200 when only the worker is stale; the worker check says degraded', () => {
    const r = report({ database: up, redis: up, worker: staleWorker, kms });
    expect(r.status).toBe('ok');
    expect(r.checks.worker.status).toBe('degraded');
    expect(toHttpStatus(r)).toBe(200);
  });

  it('stays ok and 200 when KMS is down; the kms check says down, with provider and key id', () => {
    const r = report({ database: up, redis: up, worker: freshWorker, kms: kmsDown });
    expect(r.status).toBe('ok');
    expect(toHttpStatus(r)).toBe(200);
    expect(r.checks.kms).toEqual({
      status: 'down',
      latencyMs: 3,
      reason: 'timeout',
      provider: 'aws-kms',
      keyId: 'alias/packline',
    });
  });

  it.each([
    ['database', { database: down, redis: up, worker: staleWorker, kms }],
    ['redis', { database: up, redis: down, worker: freshWorker, kms }],
    ['both', { database: down, redis: down, worker: staleWorker, kms }],
  ] as const)('is down and 503 when %s is down', (_, checks) => {
    const r = report(checks);
    expect(r.status).toBe('down');
    expect(toHttpStatus(r)).toBe(503);
  });
});

describe('healthResponse', () => {
  it('is JSON, uncached, with the mapped status', async () => {
    const response = healthResponse(report({ database: down, redis: up, worker: staleWorker, kms }));
    expect(response.status).toBe(503);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toMatchObject({
      status: 'down',
      checks: { database: { status: 'down', reason: 'timeout' }, redis: { status: 'up' } },
    });
  });
});
