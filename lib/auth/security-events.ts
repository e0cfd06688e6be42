// Account security events (sign-in success/failure, lockout, MFA changes, password changes and
// resets, sign out everywhere). Each goes to the global security_events table — the only place
// for events with no organization, like a failed sign-in for an unknown email — and, when the user
// is known, to the audit chain of each organization they belong to, so its admins see it.
// Metadata passes the audit schema (ids and reasons only): never passwords, tokens, secrets or seeds.
import { z } from 'zod';
import { appDb } from '../db/client.ts';
import { withTenant } from '../db/tenant.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { ZAuditMetadata } from '../audit/schemas.ts';
import { getLogger } from '../logger.ts';
import { listUserOrganizations } from './list-user-organizations.ts';

export const SECURITY_ACTIONS = [
  'auth.sign_in_succeeded',
  'auth.sign_in_failed',
  'auth.lockout',
  'auth.signed_out',
  'auth.signed_out_everywhere',
  'auth.signed_up',
  'auth.email_verified',
  'auth.password_changed',
  'auth.password_reset_requested',
  'auth.password_reset',
  'auth.mfa_enabled',
  'auth.mfa_disabled',
  'auth.mfa_challenge_failed',
  'auth.mfa_recovery_code_used',
  'auth.mfa_recovery_codes_regenerated',
  'auth.mfa_lockout',
  'auth.reauthenticated',
] as const;
export type SecurityAction = (typeof SECURITY_ACTIONS)[number];

export const ZSecurityEventInput = z.strictObject({
  action: z.enum(SECURITY_ACTIONS),
  userId: z.uuid().nullish(),
  ip: z.string().max(100).nullish(),
  requestId: z.string().max(100).nullish(),
  metadata: ZAuditMetadata.default({}),
});
export type TSecurityEventInput = z.input<typeof ZSecurityEventInput>;

const validIp = (ip: string | null | undefined): string | null =>
  ip && (z.ipv4().safeParse(ip).success || z.ipv6().safeParse(ip).success) ? ip : null;

export async function recordSecurityEvent(input: TSecurityEventInput): Promise<void> {
  const event = ZSecurityEventInput.parse(input);
  const ip = validIp(event.ip);
  await appDb().securityEvent.create({
    data: {
      action: event.action,
      userId: event.userId ?? null,
      ip,
      requestId: event.requestId ?? null,
      metadata: event.metadata,
    },
  });
  if (!event.userId) return;
  const userId = event.userId;
  const organizations = await listUserOrganizations(userId, 20);
  for (const org of organizations) {
    await withTenant(org.id, (tx) =>
      recordAuditEvent(tx, {
        organizationId: org.id,
        actorType: 'USER',
        actorId: userId,
        action: event.action,
        targetType: 'user',
        targetId: userId,
        ip,
        requestId: event.requestId ?? null,
        metadata: event.metadata,
      }),
    );
  }
}

/** Records without failing the caller: a lost audit line must not turn a sign-in into a 500. */
export async function recordSecurityEventSafely(input: TSecurityEventInput): Promise<void> {
  try {
    await recordSecurityEvent(input);
  } catch (error) {
    getLogger().error({ err: error, action: input.action }, 'security event not recorded');
  }
}
