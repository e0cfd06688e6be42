// User account deletion (privacy promise: "user account data anonymised when the account is
// deleted"). The users row stays, anonymised: its id becomes a pseudonym that audit and security
// events keep pointing at (they hold ids only, never names or addresses), so the organization's
// history stays intact while nothing in it identifies the person any more. Removed: every
// membership (in each organization's own tenant transaction, with an audit event there), password
// history, reset tokens, MFA secret and recovery codes; every session ends (session_version).
// Refused while the user is the last owner of an organization (ownership must move first, or the
// organization be terminated). From /account the user deletes their own account with a fresh
// proof of identity (deleteOwnAccount; docs/decisions/0012-termination-and-account-deletion.md).
// The platform-wide logs go further: in security_events (user id, metadata) and
// operator_audit_events (metadata) the user's id is replaced by one random pseudonym
// (security_logs_pseudonymise_user(), migration *_log_expiry_rules, in the same transaction), so
// those events stay countable together but no longer lead to the account
// (docs/decisions/0014-security-log-expiry-and-pseudonyms.md). The organizations' hash-chained
// audit events keep the id: rewriting them would break the chain, and the id now names only
// "Deleted user".
import { z } from 'zod';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { requireRecentAuth } from '../auth/require-recent-auth.ts';
import type { RequestMeta } from '../auth/principal.ts';
import { systemDb } from '../db/system.ts';
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';

export const DELETED_USER_NAME = 'Deleted user';
export const deletedUserEmail = (userId: string) => `deleted-${userId}@deleted.invalid`;

/** The organizations (id, name) this user is the last enabled owner of. */
export async function lastOwnedOrganizations(userIdInput: string): Promise<{ id: string; name: string }[]> {
  const userId = z.uuid().parse(userIdInput);
  const db = systemDb();
  const owned = await db.membership.findMany({
    where: { userId, role: 'OWNER' },
    select: { organization: { select: { id: true, name: true } } },
  });
  const last: { id: string; name: string }[] = [];
  for (const { organization } of owned) {
    const others = await db.membership.count({
      where: { organizationId: organization.id, role: 'OWNER', disabledAt: null, NOT: { userId } },
    });
    if (others === 0) last.push(organization);
  }
  return last;
}

async function assertNotLastOwner(userId: string): Promise<void> {
  const last = await lastOwnedOrganizations(userId);
  if (last.length > 0) {
    throw new AppError(
      'CONFLICT',
      `You are the last owner of ${last.map((o) => o.name).join(', ')}: make someone else an owner (or terminate the organization) first.`,
      { organizationIds: last.map((o) => o.id) },
    );
  }
}

/** Deleting one's own account (/account): last-owner check, then a fresh proof of identity. */
export async function deleteOwnAccount(
  userId: string,
  proof: unknown,
  now: Date,
  meta: RequestMeta = {},
): Promise<{ memberships: number }> {
  await assertNotLastOwner(userId);
  await requireRecentAuth(userId, proof, 'account.deleted', meta);
  return deleteUserAccount(userId, now);
}

export async function deleteUserAccount(userIdInput: string, now: Date): Promise<{ memberships: number }> {
  const userId = z.uuid().parse(userIdInput);
  const db = systemDb();
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!user) throw new AppError('NOT_FOUND', 'user not found');
  await assertNotLastOwner(userId);
  const memberships = await db.membership.findMany({
    where: { userId },
    select: { id: true, organizationId: true, role: true },
  });
  for (const m of memberships) {
    await withTenant(m.organizationId, async (tx) => {
      await tx.membership.deleteMany({ where: { organizationId: m.organizationId, id: m.id } });
      await recordAuditEvent(tx, {
        organizationId: m.organizationId,
        actorType: 'SYSTEM',
        action: 'member.account_deleted',
        targetType: 'membership',
        targetId: m.id,
        metadata: { role: m.role, userId },
      });
    });
  }
  await db.$transaction([
    db.passwordHistory.deleteMany({ where: { userId } }),
    db.passwordResetToken.deleteMany({ where: { userId } }),
    db.mfaRecoveryCode.deleteMany({ where: { userId } }),
    db.user.update({
      where: { id: userId },
      data: {
        email: deletedUserEmail(userId),
        name: DELETED_USER_NAME,
        passwordHash: null,
        passwordChangedAt: null,
        totpSecretEnc: null,
        mfaEnabledAt: null,
        totpLastStep: null,
        disabledAt: now,
        sessionVersion: { increment: 1 },
      },
    }),
    db.$queryRaw`SELECT pseudonym FROM security_logs_pseudonymise_user(${userId}::uuid)`,
  ]);
  return { memberships: memberships.length };
}
