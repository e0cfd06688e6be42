// The classification of every failure class a sync run can end with, and the explanation each
// code has on the integrations page.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { AmazonResponseError } from './schemas.ts';
import {
  AmazonAuthorizationError,
  IntegrationDisconnectedError,
  RateLimitedError,
  SpApiCallError,
} from './sp-api-session.ts';
import { classifySyncFailure, SYNC_FAILURE_CODES, SYNC_FAILURE_HELP } from './sync-failure.ts';

const zodError = z.object({ Orders: z.array(z.string()) }).safeParse({ Orders: 'CANARY-buyer' }).error!;

describe('classifySyncFailure', () => {
  it.each([
    [new AmazonAuthorizationError('Amazon refused the authorization (invalid_grant)'), 'CREDENTIALS_REFUSED'],
    [new IntegrationDisconnectedError(), 'DISCONNECTED'],
    [new RateLimitedError('orders.getOrders', 30_000), 'THROTTLED'],
    [new SpApiCallError('orders.getOrders', 'QuotaExceeded', 5), 'THROTTLED'],
    [new SpApiCallError('orders.getOrders', 'InternalFailure', 5), 'AMAZON_UNAVAILABLE'],
    [new SpApiCallError('orders.getOrders', 'InvalidInput', 1), 'AMAZON_REJECTED'],
    [new AmazonResponseError('orders.getOrders', zodError), 'AMAZON_RESPONSE_INVALID'],
    [new TypeError('x is undefined'), 'INTERNAL'],
    ['a thrown string', 'INTERNAL'],
  ] as const)('%s → %s', (error, code) => {
    expect(classifySyncFailure(error, 'job-1').code).toBe(code);
  });

  it('an unexpected error shows only the reference, never its own text', () => {
    const failure = classifySyncFailure(new Error('duplicate key value (CANARY buyer)'), 'run-42');
    expect(failure).toEqual({ code: 'INTERNAL', message: 'unexpected error in Packline (reference run-42)' });
  });

  it("a malformed answer names paths and codes, never Amazon's values", () => {
    const failure = classifySyncFailure(new AmazonResponseError('orders.getOrders', zodError), 'job-9');
    expect(failure.message).toContain('reference job-9');
    expect(failure.message).not.toContain('CANARY');
  });

  it('every code has an explanation and something to do', () => {
    for (const code of SYNC_FAILURE_CODES) {
      expect(SYNC_FAILURE_HELP[code].title.length).toBeGreaterThan(10);
      expect(SYNC_FAILURE_HELP[code].action.length).toBeGreaterThan(20);
    }
  });
});
