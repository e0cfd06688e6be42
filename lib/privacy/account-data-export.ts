// An account holder's own data (merchant staff are data subjects too): everything Packline holds
// about the signed-in person, as JSON (access and portability). Their profile, their
// memberships, their account security events, and what the audit chains of their organizations
// record them doing (ids, actions and times: audit rows never hold PII values). Secrets
// (password hash, MFA secret, recovery codes) are described, never exported.
import { z } from 'zod';
import { appDb } from '../db/client.ts';
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { listUserOrganizations } from '../auth/list-user-organizations.ts';

/** Audit rows per organization in one export (the chain keeps 12 months). */
export const ACCOUNT_EXPORT_AUDIT_LIMIT = 5_000;

export async function exportAccountData(userIdInput: string, now: Date) {
  const userId = z.uuid().parse(userIdInput);
  const user = await appDb().user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      createdAt: true,
      passwordChangedAt: true,
      mfaEnabledAt: true,
    },
  });
  if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in again.');
  const organizations = await listUserOrganizations(userId);
  const securityEvents = await appDb().securityEvent.findMany({
    where: { userId },
    orderBy: { at: 'asc' },
    select: { at: true, action: true, ip: true, metadata: true },
  });
  const activity = [];
  for (const org of organizations) {
    const events = await withTenant(org.id, (tx) =>
      tx.auditEvent.findMany({
        where: { organizationId: org.id, actorId: userId },
        orderBy: { seq: 'asc' },
        take: ACCOUNT_EXPORT_AUDIT_LIMIT,
        select: { at: true, action: true, targetType: true, targetId: true, purpose: true, ip: true },
      }),
    );
    activity.push({ organization: org.name, role: org.role, events });
  }
  return {
    format: 'packline.account-export.v1',
    generatedAt: now.toISOString(),
    account: {
      ...user,
      password: user.passwordChangedAt ? 'set (stored only as a hash, not exported)' : 'not set',
      twoFactor: user.mfaEnabledAt ? 'on (secret not exported)' : 'off',
    },
    memberships: organizations.map((o) => ({ organization: o.name, slug: o.slug, role: o.role })),
    securityEvents,
    activity,
  };
}
