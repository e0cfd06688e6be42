import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AppError } from '../errors/app-error.ts';
import { toErrorEnvelope } from './error-envelope.ts';

const logged = vi.hoisted(() => [] as unknown[]);
vi.mock('../logger.ts', () => ({ getLogger: () => ({ error: (...args: unknown[]) => logged.push(args) }) }));

describe('error envelope', () => {
  it('maps AppError to its status and code', () => {
    expect(toErrorEnvelope(new AppError('NOT_FOUND', 'member not found'))).toEqual({
      status: 404,
      body: { error: { code: 'NOT_FOUND', message: 'member not found' } },
    });
  });

  it('maps zod errors to 400 naming the paths, never the values', () => {
    const error = z.object({ email: z.email() }).safeParse({ email: 'secret-value' }).error!;
    const mapped = toErrorEnvelope(error);
    expect(mapped).toEqual({
      status: 400,
      body: { error: { code: 'BAD_REQUEST', message: 'invalid input: email' } },
    });
    expect(JSON.stringify(mapped)).not.toContain('secret-value');
  });

  it('hides anything else behind a generic 500', () => {
    const mapped = toErrorEnvelope(new Error('connection string postgres://user:pw@host'));
    expect(mapped).toEqual({
      status: 500,
      body: { error: { code: 'INTERNAL', message: 'something went wrong' } },
    });
  });
});
