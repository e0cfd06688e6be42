import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.ts';
import { formStateFromError, safeCallbackPath } from './form-state.ts';

describe('safeCallbackPath', () => {
  it.each(['/', '/demo', '/demo/members?page=2'])('follows %s', (p) => expect(safeCallbackPath(p)).toBe(p));
  it.each(['https://evil.test', '//evil.test', '/\\evil.test', 'demo', 42, undefined])('refuses %j', (p) =>
    expect(safeCallbackPath(p)).toBeNull(),
  );
  // Browsers strip tab and newline inside URLs: `/\t/evil.test` would be `//evil.test`.
  it.each(['/\t/evil.test', '/\n/evil.test', '/\r//evil.test', '/ /evil.test', '/\u0000x', '/demo\u0085'])(
    'refuses control characters and spaces in %j',
    (p) => expect(safeCallbackPath(p)).toBeNull(),
  );
});

describe('formStateFromError', () => {
  it('puts a field error under its field and hides unexpected errors', () => {
    expect(formStateFromError(new AppError('UNPROCESSABLE', 'Too short', { field: 'password' }))).toEqual({
      fieldErrors: { password: 'Too short' },
    });
    expect(formStateFromError(new Error('connection refused'))).toEqual({
      message: 'Something went wrong. Try again in a moment.',
    });
  });
});
