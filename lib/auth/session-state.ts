// Instant revocation (ARCHITECTURE.md §3): every session token carries the user's sessionVersion
// (`sv`); raising the version in the database revokes all of the user's tokens. Each request
// compares through this short in-process cache, so a revocation reaches every process within
// CACHE_MS and the revoking process at once (it clears its own entry).
import type { Prisma } from '../db/generated/prisma/client.ts';
import { appDb } from '../db/client.ts';
import type { DecodedSession } from './session-token.ts';

export const SESSION_STATE_CACHE_MS = 2_000;
const MAX_ENTRIES = 10_000;

export interface SessionState {
  userId: string;
  email: string;
  name: string;
  sessionVersion: number;
  disabled: boolean;
  mfaEnabled: boolean;
}

const cache = new Map<string, { state: SessionState | null; until: number }>();

/** The user's current session-relevant state; null when the user no longer exists. */
export async function loadSessionState(userId: string): Promise<SessionState | null> {
  const now = Date.now();
  const hit = cache.get(userId);
  if (hit && hit.until > now) return hit.state;
  const row = await appDb().user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, sessionVersion: true, disabledAt: true, mfaEnabledAt: true },
  });
  const state: SessionState | null = row
    ? {
        userId: row.id,
        email: row.email,
        name: row.name,
        sessionVersion: row.sessionVersion,
        disabled: row.disabledAt !== null,
        mfaEnabled: row.mfaEnabledAt !== null,
      }
    : null;
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(userId, { state, until: now + SESSION_STATE_CACHE_MS });
  return state;
}

/** Forget this process's cached state of a user (after changing it). */
export function invalidateSessionState(userId: string): void {
  cache.delete(userId);
}

/** Test helper. */
export function clearSessionStateCache(): void {
  cache.clear();
}

type UserWriter = Pick<Prisma.TransactionClient, 'user'>;

/**
 * Revokes every session token of the user: role change, removal, disabling, password reset and
 * "sign out everywhere" call this. Pass the caller's transaction client to commit with its change.
 * Returns the new version.
 */
export async function bumpSessionVersion(userId: string, db: UserWriter = appDb()): Promise<number> {
  const row = await db.user.update({
    where: { id: userId },
    data: { sessionVersion: { increment: 1 } },
    select: { sessionVersion: true },
  });
  invalidateSessionState(userId);
  return row.sessionVersion;
}

/** Checks a decoded token against the user's current state; null when revoked. */
export async function validateSession(
  session: DecodedSession | null,
  options: { allowPendingMfa?: boolean } = {},
): Promise<{ session: DecodedSession; state: SessionState } | null> {
  if (!session) return null;
  if (session.mfa === 'pending' && !options.allowPendingMfa) return null;
  const state = await loadSessionState(session.sub);
  if (!state || state.disabled || state.sessionVersion !== session.sv) return null;
  return { session, state };
}
