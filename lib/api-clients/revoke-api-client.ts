// Revokes an API client: its refresh tokens die with it, and its access tokens stop working on the
// next request (the resolver checks the client on every request).
//
// Revoking a client also revokes the access it created (docs/decisions/0019-tenant-access-boundaries.md).
// Clients can no longer manage access, but one that held `api_clients.manage` or
// `members.invite` before may have minted API clients or invited members. The audit trail is the
// record of who created what (audit rows name the actor), so the revocation follows it: API
// clients the client created are revoked with theirs in turn, its pending invitations are revoked,
// and memberships that came from its invitations are disabled (an admin can re-enable one after
// checking it). One `api_client.revoked` event lists all of it.
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { withTenant, type TenantTx } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { auditActor, lockMemberships } from '../members/owner-guard.ts';
import { assertAccessManager, type TenantContext } from '../tenancy/tenant-context.ts';
import { ZApiClientRef } from './schemas.ts';

/** Audit metadata lists at most this many ids per kind (ZAuditMetadata's array bound). */
const LISTED = 50;

export async function revokeApiClient(ctx: TenantContext, input: { apiClientId: string }): Promise<void> {
  assertAccessManager(ctx, 'api_clients.manage');
  const { apiClientId } = ZApiClientRef.parse(input);
  const { organizationId } = ctx;
  await withTenant(organizationId, async (tx) => {
    const now = new Date();
    const done = await tx.apiClient.updateMany({
      where: { id: apiClientId, organizationId, revokedAt: null },
      data: { revokedAt: now },
    });
    if (done.count !== 1) throw new AppError('NOT_FOUND', 'API client not found');
    const created = await accessCreatedBy(tx, organizationId, apiClientId);
    await tx.apiClient.updateMany({
      where: { organizationId, id: { in: created.apiClientIds }, revokedAt: null },
      data: { revokedAt: now },
    });
    await tx.apiRefreshToken.updateMany({
      where: { organizationId, apiClientId: { in: [apiClientId, ...created.apiClientIds] }, revokedAt: null },
      data: { revokedAt: now },
    });
    await tx.invitation.updateMany({
      where: { organizationId, id: { in: created.invitationIds }, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    // An owner since promoted by a person stays: that was a person's decision (and the last
    // owner must never be disabled).
    await lockMemberships(tx, organizationId);
    const disabled = await tx.membership.findMany({
      where: { organizationId, id: { in: created.membershipIds }, disabledAt: null, role: { not: 'OWNER' } },
      select: { id: true },
    });
    await tx.membership.updateMany({
      where: { organizationId, id: { in: disabled.map((m) => m.id) } },
      data: { disabledAt: now },
    });
    await recordAuditEvent(tx, {
      ...auditActor(ctx),
      action: 'api_client.revoked',
      targetType: 'api_client',
      targetId: apiClientId,
      metadata: {
        revokedApiClientIds: created.apiClientIds.slice(0, LISTED),
        revokedInvitationIds: created.invitationIds.slice(0, LISTED),
        disabledMembershipIds: disabled.map((m) => m.id).slice(0, LISTED),
      },
    });
  });
}

/** API clients (transitively), invitations and the memberships accepted from them, created by a client. */
async function accessCreatedBy(tx: TenantTx, organizationId: string, apiClientId: string) {
  const apiClientIds: string[] = [];
  const invitationIds: string[] = [];
  const queue = [apiClientId];
  for (let creator = queue.shift(); creator; creator = queue.shift()) {
    const events = await tx.auditEvent.findMany({
      where: {
        organizationId,
        actorType: 'API_CLIENT',
        actorId: creator,
        action: { in: ['api_client.created', 'member.invited'] },
      },
      select: { action: true, targetId: true },
    });
    for (const { action, targetId } of events) {
      if (!targetId) continue;
      if (action === 'member.invited') invitationIds.push(targetId);
      else if (targetId !== apiClientId && !apiClientIds.includes(targetId)) {
        apiClientIds.push(targetId);
        queue.push(targetId);
      }
    }
  }
  const accepted = invitationIds.length
    ? await tx.$queryRaw<{ target_id: string }[]>`
        SELECT target_id FROM audit_events
         WHERE organization_id = ${organizationId}::uuid
           AND action = 'member.invitation_accepted'
           AND target_id IS NOT NULL
           AND metadata->>'invitationId' = ANY(${invitationIds}::text[])`
    : [];
  return { apiClientIds, invitationIds, membershipIds: accepted.map((r) => r.target_id) };
}
