// The `state` of Amazon's website authorization workflow: short-lived, bound to the organization
// and the user who started it, and verifiably ours (HMAC-SHA256 with AUTH_SECRET under a
// dedicated label). Ids and times only — nothing secret or personal travels through Amazon.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { getEnv } from '../../env.ts';
import { AppError } from '../../errors/app-error.ts';

/** Amazon's authorization code lives 5 minutes; the whole consent round trip gets 10. */
export const CONSENT_STATE_TTL_MS = 10 * 60_000;
const LABEL = 'packline.amazon-consent-state.v1';

const ZState = z.strictObject({
  o: z.uuid(),
  /** The organization's slug: where the callback sends the browser back to. */
  s: z.string().regex(/^[a-z0-9-]{1,64}$/),
  u: z.uuid(),
  r: z.enum(['na', 'eu', 'fe']),
  n: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  e: z.number().int(),
});
export type TConsentState = z.infer<typeof ZState>;

function secret(): Buffer {
  const s = getEnv().AUTH_SECRET;
  if (!s) throw new AppError('UNAVAILABLE', 'AUTH_SECRET is not configured');
  return createHmac('sha256', s).update(LABEL).digest();
}

const mac = (body: string) => createHmac('sha256', secret()).update(body).digest('base64url');

export function signConsentState(
  input: { organizationId: string; slug: string; userId: string; region: 'na' | 'eu' | 'fe' },
  now = Date.now(),
): string {
  const payload: TConsentState = {
    o: input.organizationId,
    s: input.slug,
    u: input.userId,
    r: input.region,
    n: randomBytes(16).toString('base64url'),
    e: now + CONSENT_STATE_TTL_MS,
  };
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${mac(body)}`;
}

/** Signature and expiry only (the callback route, before the tenant is known): the slug to send the browser to. */
export function readConsentStateSlug(state: string, now = Date.now()): string | null {
  try {
    const [body] = state.split('.');
    const parsed = checkSignature(state);
    return parsed.e < now || !body ? null : parsed.s;
  } catch {
    return null;
  }
}

function checkSignature(state: string): TConsentState {
  const bad = new AppError('BAD_REQUEST', 'the Amazon authorization link is invalid or expired; start again');
  const parts = state.split('.');
  const [body, sig] = parts;
  if (!body || !sig || parts.length !== 2) throw bad;
  const want = Buffer.from(mac(body));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !timingSafeEqual(want, got)) throw bad;
  try {
    return ZState.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
  } catch {
    throw bad;
  }
}

/** Verifies signature, expiry and binding; any failure is one BAD_REQUEST (no oracle). */
export function verifyConsentState(
  state: string,
  expected: { organizationId: string; userId: string },
  now = Date.now(),
): TConsentState {
  const bad = new AppError('BAD_REQUEST', 'the Amazon authorization link is invalid or expired; start again');
  const parsed = checkSignature(state);
  if (parsed.e < now || parsed.o !== expected.organizationId || parsed.u !== expected.userId) throw bad;
  return parsed;
}
