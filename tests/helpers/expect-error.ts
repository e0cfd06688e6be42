// Tests of an error name the error they expect: an AppError by its code, or invalid input by the
// ZodError issue's path. A rejection test with no expected error passes on any error, a typo or a crash too.
import { expect } from 'vitest';
import { ZodError } from 'zod';
import { AppError, type AppErrorCode } from '../../lib/errors/app-error.ts';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a rejection, but the promise resolved'),
    (error: unknown) => error,
  );
}

/** Awaits the rejection and checks it is an AppError with this code; returns it for more checks. */
export async function expectAppError(promise: Promise<unknown>, code: AppErrorCode): Promise<AppError> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

/** Awaits the rejection and checks it is a ZodError with an issue at this path (dot-joined). */
export async function expectInvalidInput(promise: Promise<unknown>, path: string): Promise<ZodError> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(ZodError);
  expect((error as ZodError).issues.map((i) => i.path.join('.'))).toContain(path);
  return error as ZodError;
}
