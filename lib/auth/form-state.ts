// The state a Packline auth form's server action returns to useActionState: a form-level message
// or one message per field. AppErrors carry safe messages; anything else becomes a generic one
// (logged with its request id), so a form never shows a stack or turns into a 500.
import { isAppError } from '../errors/app-error.ts';
import { getLogger } from '../logger.ts';

export interface FormState {
  ok?: boolean;
  message?: string;
  fieldErrors?: Record<string, string>;
  /** Non-secret values to put back into the form after an error (never passwords or codes). */
  values?: Record<string, string>;
  /** Values to show once (recovery codes): never re-rendered after the next action. */
  secrets?: string[];
}

export function formStateFromError(error: unknown, requestId?: string | null): FormState {
  if (isAppError(error)) {
    const field = typeof error.details?.field === 'string' ? error.details.field : undefined;
    return field ? { fieldErrors: { [field]: error.message } } : { message: error.message };
  }
  getLogger().error({ err: error, requestId }, 'auth form action failed');
  return { message: 'Something went wrong. Try again in a moment.' };
}

/**
 * Only same-site paths are followed after sign-in (no open redirect). Control characters and
 * whitespace are refused outright: browsers drop tab and newline inside URLs, so `/\t/evil.example`
 * would become the protocol-relative `//evil.example`.
 */
export function safeCallbackPath(value: unknown): string | null {
  if (
    typeof value !== 'string' ||
    !value.startsWith('/') ||
    value.startsWith('//') ||
    value.includes('\\') ||
    /[\u0000-\u0020\u007f-\u009f]/.test(value)
  ) {
    return null;
  }
  return value.length <= 500 ? value : null;
}
