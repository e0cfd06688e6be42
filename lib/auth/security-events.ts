// Account security events (sign-in success/failure, lockout, MFA changes, password changes and
// resets, sign out everywhere). Each goes to the global security_events table — the only place
// for events with no organization, like a failed sign-in for an unknown email — and, when the user
// is known, to the audit chain of each organization they belong to, so its admins see it.
// Metadata passes the audit schema (ids and reasons only): never passwords, tokens, secrets or seeds.
// An event about one organization (a PII permission denial, a reused API refresh token) names it:
// it is tagged with it (its Security events screen) and audited there only. The kinds that may
// mean an attack are then scanned for security alerts by the `security.alert-scan` job
// (lib/security/detect-security-alerts.ts), so the request that recorded them never waits for mail.
import { z } from 'zod';
import { appDb } from '../db/client.ts';
import { withTenant } from '../db/tenant.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { ZAuditMetadata } from '../audit/schemas.ts';
import { enqueue, jobIdFor } from '../jobs/registry.ts';
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
  /** A member's request for buyer PII refused for want of the permission (lib/pii). */
  'auth.pii_permission_denied',
  /** A rotated API refresh token presented again: its family was revoked (lib/api-clients). */
  'auth.refresh_token_reused',
] as const;
export type SecurityAction = (typeof SECURITY_ACTIONS)[number];

/** The kinds the alert scan looks at (lib/security/detect-security-alerts.ts). */
export const ALERT_SCANNED_ACTIONS: ReadonlySet<SecurityAction> = new Set<SecurityAction>([
  'auth.sign_in_failed',
  'auth.lockout',
  'auth.mfa_challenge_failed',
  'auth.mfa_lockout',
  'auth.pii_permission_denied',
  'auth.refresh_token_reused',
]);

export const ZSecurityEventInput = z.strictObject({
  action: z.enum(SECURITY_ACTIONS),
  userId: z.uuid().nullish(),
  /** The one organization the event concerns, when there is one. */
  organizationId: z.uuid().nullish(),
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
  const organizationId = event.organizationId ?? null;
  const row = await appDb().securityEvent.create({
    data: {
      action: event.action,
      userId: event.userId ?? null,
      ip,
      requestId: event.requestId ?? null,
      metadata: organizationId ? { ...event.metadata, organizationId } : event.metadata,
    },
    select: { id: true },
  });
  if (ALERT_SCANNED_ACTIONS.has(event.action)) await queueAlertScan(row.id, event.action);
  if (!event.userId) return;
  const userId = event.userId;
  const organizations = organizationId ? [{ id: organizationId }] : await listUserOrganizations(userId, 20);
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

/** A lost scan loses an alert, never the event: logged, not thrown. */
async function queueAlertScan(securityEventId: string, action: SecurityAction): Promise<void> {
  try {
    await enqueue(
      'security.alert-scan',
      { securityEventId },
      { jobId: jobIdFor('security.alert-scan', securityEventId) },
    );
  } catch (error) {
    getLogger().error({ err: error, action }, 'security alert scan not queued');
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
