// Why a sync run failed, as a stable code plus a safe message (docs/decisions/0029-readable-history.md).
// The message names only our own facts (the operation, Amazon's error code, the run's reference):
// never a payload, never Amazon's free text, never buyer details. The screen explains each code
// and says what to do; an unexpected failure shows the reference that its log line carries.
import { AmazonResponseError } from './schemas.ts';
import {
  AmazonAuthorizationError,
  IntegrationDisconnectedError,
  RateLimitedError,
  SpApiCallError,
  TRANSIENT_CODES,
} from './sp-api-session.ts';

export const SYNC_FAILURE_CODES = [
  'CREDENTIALS_REFUSED',
  'THROTTLED',
  'AMAZON_UNAVAILABLE',
  'AMAZON_REJECTED',
  'AMAZON_RESPONSE_INVALID',
  'DISCONNECTED',
  'INTERNAL',
] as const;
export type SyncFailureCode = (typeof SYNC_FAILURE_CODES)[number];

export interface SyncFailure {
  code: SyncFailureCode;
  message: string;
}

/** `reference` is what the run's log line carries (the job id, else the run id). */
export function classifySyncFailure(error: unknown, reference: string): SyncFailure {
  if (error instanceof AmazonAuthorizationError)
    return {
      code: 'CREDENTIALS_REFUSED',
      message: 'Amazon refused the authorization for this seller account',
    };
  if (error instanceof IntegrationDisconnectedError) return { code: 'DISCONNECTED', message: error.message };
  if (error instanceof RateLimitedError)
    return {
      code: 'THROTTLED',
      message: `paused by Amazon's rate limit (${error.operation}); resumes from the cursor`,
    };
  if (error instanceof SpApiCallError) {
    const code =
      error.code === 'QuotaExceeded'
        ? 'THROTTLED'
        : TRANSIENT_CODES.has(error.code)
          ? 'AMAZON_UNAVAILABLE'
          : 'AMAZON_REJECTED';
    return { code, message: error.message };
  }
  if (error instanceof AmazonResponseError)
    return { code: 'AMAZON_RESPONSE_INVALID', message: `${error.message} (reference ${reference})` };
  return { code: 'INTERNAL', message: `unexpected error in Packline (reference ${reference})` };
}

/** What each code means and what the merchant can do: shown next to a failed run. */
export const SYNC_FAILURE_HELP: Record<SyncFailureCode, { title: string; action: string }> = {
  CREDENTIALS_REFUSED: {
    title: 'Amazon refused the credentials',
    action:
      'The authorization was revoked in Seller Central or has expired. Reconnect the integration (Disconnect, then Connect) as the account owner.',
  },
  THROTTLED: {
    title: 'Amazon is throttling requests',
    action:
      'Nothing to do: the sync waits and resumes from where it stopped. If it lasts for hours, check other apps using the same seller account.',
  },
  AMAZON_UNAVAILABLE: {
    title: "Amazon's service kept failing",
    action: 'Amazon answered with errors after several retries. The next scheduled sync retries by itself.',
  },
  AMAZON_REJECTED: {
    title: 'Amazon rejected a request',
    action:
      'Check the marketplaces and the roles granted to the app in Seller Central; if they are right, contact support with the run reference.',
  },
  AMAZON_RESPONSE_INVALID: {
    title: "Amazon's answer could not be read",
    action: 'Nothing was written from it. Contact support with the reference shown.',
  },
  DISCONNECTED: {
    title: 'The integration was disconnected',
    action: 'The sync stopped because the integration was disconnected. Connect it again to resume.',
  },
  INTERNAL: {
    title: 'A fault in Packline',
    action: 'This is our bug, not your data. Contact support quoting the reference: it matches our logs.',
  },
};
