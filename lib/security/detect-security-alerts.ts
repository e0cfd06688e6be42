// Security alerts for unauthorised access attempts (docs/privacy-conformance.md, promise 13).
// The `security.alert-scan` job runs `scanSecurityEvent` for each security event whose kind may
// mean an attack (ALERT_SCANNED_ACTIONS in lib/auth/security-events.ts), and raises alerts to the
// owners and admins of the organizations concerned through the existing channels (email and the
// security webhook, lib/privacy/security-notifier.ts):
//
//   account_lockout          an account locked after repeated failed sign-ins     (high)
//   failed_sign_ins_account  SECURITY_ALERT_ACCOUNT_FAILURES failures to one account in the window
//   failed_sign_ins_ip       SECURITY_ALERT_IP_FAILURES failures from one address in the window;
//                            each organization whose members were targeted, told only its own
//   mfa_failure / mfa_lockout  a wrong MFA code after a correct password          (high)
//   pii_permission_denied    a member asked the vault for buyer PII without the permission
//   refresh_token_reused     an API client's rotated refresh token presented again (high)
//
// Debounced per organization, kind and subject (the account, the address, the API client) for
// SECURITY_ALERT_DEBOUNCE_MINUTES with one Redis SET NX EX (docs/decisions/0015-security-alerts.md).
// Each alert is a security_events row of its own (`alert.<kind>`, tagged with the organization,
// pointing at the event that raised it), so the Security events screen lists it. Alerts carry ids
// and counts only: never buyer PII, passwords, tokens or email addresses.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { listUserOrganizations } from '../auth/list-user-organizations.ts';
import { appDb } from '../db/client.ts';
import { getEnv } from '../env.ts';
import { limitsRedis, redisKey } from '../redis/limits-redis.ts';
import {
  raiseSecurityEvent,
  type SecurityAlert,
  type SecuritySeverity,
} from '../privacy/security-notifier.ts';

export const ALERT_KINDS = [
  'account_lockout',
  'failed_sign_ins_account',
  'failed_sign_ins_ip',
  'mfa_failure',
  'mfa_lockout',
  'pii_permission_denied',
  'refresh_token_reused',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** The security_events action of an alert of this kind. */
export const alertAction = (kind: AlertKind) => `alert.${kind}`;

interface AlertCandidate {
  organizationId: string;
  kind: AlertKind;
  /** What the debounce is per: the account, the address or the API client. */
  subject: string;
  severity: SecuritySeverity;
  summary: string;
  userId: string | null;
  metadata: Record<string, string | number>;
}

/** No address or id in Redis key names: a hash of the subject. */
const debounceKey = (c: AlertCandidate) =>
  redisKey(
    'security-alert',
    c.organizationId,
    c.kind,
    createHash('sha256').update(c.subject).digest('hex').slice(0, 32),
  );

/** Raises the alert unless one of its organization, kind and subject was raised within the debounce. */
async function raiseDebounced(
  candidate: AlertCandidate,
  source: { id: string; ip: string | null },
): Promise<SecurityAlert | null> {
  const key = debounceKey(candidate);
  const seconds = getEnv().SECURITY_ALERT_DEBOUNCE_MINUTES * 60;
  if ((await limitsRedis().set(key, source.id, 'EX', seconds, 'NX')) !== 'OK') return null;
  try {
    return await raiseSecurityEvent({
      organizationId: candidate.organizationId,
      action: alertAction(candidate.kind),
      severity: candidate.severity,
      userId: candidate.userId,
      ip: source.ip,
      metadata: { ...candidate.metadata, kind: candidate.kind, sourceEventId: source.id },
      summary: candidate.summary,
    });
  } catch (error) {
    // Not raised: the job's retry may raise it.
    await limitsRedis().del(key);
    throw error;
  }
}

const ZTaggedMetadata = z.looseObject({
  organizationId: z.uuid().optional(),
  apiClientId: z.uuid().optional(),
  actorType: z.string().max(20).optional(),
  actorId: z.uuid().nullish(),
  purpose: z.string().max(100).optional(),
});

async function organizationsOf(userId: string): Promise<string[]> {
  return (await listUserOrganizations(userId, 20)).map((o) => o.id);
}

/** One alert per organization of the user. */
async function forUser(
  userId: string,
  alert: Omit<AlertCandidate, 'organizationId' | 'subject' | 'userId'>,
): Promise<AlertCandidate[]> {
  return (await organizationsOf(userId)).map((organizationId) => ({
    organizationId,
    subject: userId,
    userId,
    ...alert,
  }));
}

const failedSignIns = (where: { userId?: string; ip?: string }, since: Date, now: Date) =>
  appDb().securityEvent.findMany({
    where: { action: 'auth.sign_in_failed', at: { gt: since, lte: now }, ...where },
    select: { userId: true },
    take: 10_000,
  });

/** The alerts one security event calls for (before the debounce). */
async function candidatesFor(
  event: { action: string; userId: string | null; ip: string | null; metadata: unknown },
  now: Date,
): Promise<AlertCandidate[]> {
  const env = getEnv();
  const minutes = env.SECURITY_ALERT_WINDOW_MINUTES;
  const since = new Date(now.getTime() - minutes * 60_000);
  const tagged = ZTaggedMetadata.safeParse(event.metadata);
  const meta = tagged.success ? tagged.data : {};
  const { userId } = event;
  switch (event.action) {
    case 'auth.lockout':
      return userId
        ? forUser(userId, {
            kind: 'account_lockout',
            severity: 'high',
            summary: `The account of member ${userId} was locked after repeated failed sign-ins.`,
            metadata: {},
          })
        : [];
    case 'auth.mfa_challenge_failed':
      return userId
        ? forUser(userId, {
            kind: 'mfa_failure',
            severity: 'high',
            summary: `A wrong MFA code was entered for member ${userId} after a correct password: someone else may know the password.`,
            metadata: {},
          })
        : [];
    case 'auth.mfa_lockout':
      return userId
        ? forUser(userId, {
            kind: 'mfa_lockout',
            severity: 'high',
            summary: `MFA for member ${userId} was locked after repeated wrong codes following a correct password.`,
            metadata: {},
          })
        : [];
    case 'auth.sign_in_failed': {
      const alerts: AlertCandidate[] = [];
      if (userId) {
        const failures = (await failedSignIns({ userId }, since, now)).length;
        if (failures >= env.SECURITY_ALERT_ACCOUNT_FAILURES) {
          alerts.push(
            ...(await forUser(userId, {
              kind: 'failed_sign_ins_account',
              severity: 'medium',
              summary: `${failures} failed sign-ins to the account of member ${userId} in ${minutes} minutes.`,
              metadata: { failures, windowMinutes: minutes },
            })),
          );
        }
      }
      if (event.ip) {
        const rows = await failedSignIns({ ip: event.ip }, since, now);
        if (rows.length >= env.SECURITY_ALERT_IP_FAILURES) {
          // Each organization hears only about its own members' accounts.
          const perOrganization = new Map<string, { accounts: Set<string>; failures: number }>();
          const users = [...new Set(rows.flatMap((r) => (r.userId ? [r.userId] : [])))].slice(0, 100);
          for (const user of users) {
            const failures = rows.filter((r) => r.userId === user).length;
            for (const organizationId of await organizationsOf(user)) {
              const entry = perOrganization.get(organizationId) ?? { accounts: new Set(), failures: 0 };
              entry.accounts.add(user);
              entry.failures += failures;
              perOrganization.set(organizationId, entry);
            }
          }
          for (const [organizationId, { accounts, failures }] of perOrganization) {
            alerts.push({
              organizationId,
              kind: 'failed_sign_ins_ip',
              subject: event.ip,
              severity: 'high',
              userId: null,
              summary: `${rows.length} failed sign-ins from one address in ${minutes} minutes, ${failures} of them to ${accounts.size} of your members' accounts (the address is on the Security events screen).`,
              metadata: {
                failures: rows.length,
                memberFailures: failures,
                accounts: accounts.size,
                windowMinutes: minutes,
              },
            });
          }
        }
      }
      return alerts;
    }
    case 'auth.pii_permission_denied': {
      if (!meta.organizationId) return [];
      const who = userId
        ? `Member ${userId}`
        : `An ${(meta.actorType ?? 'unknown').toLowerCase().replace('_', ' ')} (id ${meta.actorId ?? 'unknown'})`;
      return [
        {
          organizationId: meta.organizationId,
          kind: 'pii_permission_denied',
          subject: userId ?? meta.actorId ?? 'unknown',
          severity: 'medium',
          userId,
          summary: `${who} asked for buyer details (${meta.purpose ?? 'unknown purpose'}) without the permission; the request was refused.`,
          metadata: { purpose: meta.purpose ?? 'unknown' },
        },
      ];
    }
    case 'auth.refresh_token_reused':
      return meta.organizationId && meta.apiClientId
        ? [
            {
              organizationId: meta.organizationId,
              kind: 'refresh_token_reused',
              subject: meta.apiClientId,
              severity: 'high',
              userId: null,
              summary: `A used refresh token of API client ${meta.apiClientId} was presented again: its token family was revoked. Someone else may hold the client's tokens; rotate its secret.`,
              metadata: { apiClientId: meta.apiClientId },
            },
          ]
        : [];
    default:
      return [];
  }
}

/** Scans one security event and raises the alerts it calls for; returns the alerts raised. */
export async function scanSecurityEvent(
  securityEventIdInput: string,
  options: { now: Date },
): Promise<SecurityAlert[]> {
  const id = z.uuid().parse(securityEventIdInput);
  const event = await appDb().securityEvent.findUnique({
    where: { id },
    select: { id: true, action: true, userId: true, ip: true, metadata: true },
  });
  if (!event) return [];
  const raised: SecurityAlert[] = [];
  for (const candidate of await candidatesFor(event, options.now)) {
    const alert = await raiseDebounced(candidate, event);
    if (alert) raised.push(alert);
  }
  return raised;
}
