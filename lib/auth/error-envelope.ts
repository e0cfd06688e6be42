// Maps anything a route handler or server action throws to the one error envelope
// `{ error: { code, message } }` (STYLE.md): AppError as is, zod errors as 400 with the failing
// paths (never the values), anything else as a logged 500 with a generic message.
import { z } from 'zod';
import { AppError, isAppError } from '../errors/app-error.ts';
import { getLogger } from '../logger.ts';

export interface ErrorEnvelope {
  error: { code: string; message: string };
}

export function toErrorEnvelope(error: unknown, requestId?: string): { status: number; body: ErrorEnvelope } {
  if (isAppError(error)) {
    return { status: error.status, body: { error: { code: error.code, message: error.message } } };
  }
  if (error instanceof z.ZodError) {
    const fields = [...new Set(error.issues.map((i) => i.path.join('.') || '(input)'))].slice(0, 10);
    return {
      status: 400,
      body: { error: { code: 'BAD_REQUEST', message: `invalid input: ${fields.join(', ')}` } },
    };
  }
  getLogger().error({ err: error, requestId }, 'unhandled error in request');
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'something went wrong' } } };
}

export const badRequest = (message: string) => new AppError('BAD_REQUEST', message);
