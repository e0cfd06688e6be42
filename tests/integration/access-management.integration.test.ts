// Access management is for people only (docs/decisions/0019-tenant-access-boundaries.md):
// an API client or an operator under a break-glass grant never holds members.*, api_clients.manage
// or break_glass.grant — whatever its stored permissions say (rows written before this rule are
// planted directly here) — so machine or temporary access cannot mint access that outlives it.
// Revoking a client revokes what it created: clients (transitively), pending invitations, and
// memberships that came from its invitations.
import { beforeAll, describe, expect, it } from 'vitest';
import { recordAuditEvent } from '../../lib/audit/record-audit-event.ts';
import { createApiClient } from '../../lib/api-clients/create-api-client.ts';
import { revokeApiClient } from '../../lib/api-clients/revoke-api-client.ts';
import { authorize, resolveTenantContext } from '../../lib/auth/resolve-tenant-context.ts';
import { createBreakGlassGrant } from '../../lib/break-glass/create-break-glass-grant.ts';
import { withTenant } from '../../lib/db/tenant.ts';
import { setEmailTransportForTests, type TEmailMessage } from '../../lib/email/send-email.ts';
import { acceptInvitation } from '../../lib/members/accept-invitation.ts';
import { changeMemberRole } from '../../lib/members/change-member-role.ts';
import { inviteMember } from '../../lib/members/invite-member.ts';
import { removeMember } from '../../lib/members/remove-member.ts';
import { revokeInvitation } from '../../lib/members/revoke-invitation.ts';
import { setMemberDisabled } from '../../lib/members/set-member-disabled.ts';
import { createOperator } from '../../lib/operators/create-operator.ts';
import { hashOpaqueToken, newOpaqueToken, newPublicId } from '../../lib/security/opaque-token.ts';
import { userContext, type TenantContext } from '../../lib/tenancy/tenant-context.ts';
import { addMember, createOrganization, createUser } from '../factories.ts';
import { expectAppError, expectInvalidInput } from '../helpers/expect-error.ts';

const MANAGEMENT = ['members.invite', 'members.update', 'members.remove', 'api_clients.manage'] as const;
const sent: TEmailMessage[] = [];

beforeAll(() => {
  setEmailTransportForTests({ send: async (m) => void sent.push(m) });
});

/** An API client row as one created before the rule could have been: management permissions included. */
async function plantClient(organizationId: string, permissions: readonly string[], createdBy?: string) {
  return withTenant(organizationId, async (tx) => {
    const row = await tx.apiClient.create({
      data: {
        organizationId,
        name: 'legacy',
        clientId: newPublicId('plc'),
        secretHash: hashOpaqueToken(newOpaqueToken('pls')),
        permissions: [...permissions],
      },
      select: { id: true },
    });
    await tx.apiRefreshToken.create({
      data: {
        organizationId,
        apiClientId: row.id,
        familyId: crypto.randomUUID(),
        tokenHash: hashOpaqueToken(newOpaqueToken('plr')),
        expiresAt: new Date(Date.now() + 3600_000),
      },
    });
    if (createdBy) {
      await recordAuditEvent(tx, {
        organizationId,
        actorType: 'API_CLIENT',
        actorId: createdBy,
        action: 'api_client.created',
        targetType: 'api_client',
        targetId: row.id,
      });
    }
    return row.id;
  });
}

/** An invitation as a client would have sent it (row + audit event naming the client). */
async function plantInvitation(organizationId: string, apiClientId: string, email: string) {
  const token = newOpaqueToken('inv');
  const id = await withTenant(organizationId, async (tx) => {
    const row = await tx.invitation.create({
      data: {
        organizationId,
        email,
        role: 'ADMIN',
        tokenHash: hashOpaqueToken(token),
        expiresAt: new Date(Date.now() + 86_400_000),
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      organizationId,
      actorType: 'API_CLIENT',
      actorId: apiClientId,
      action: 'member.invited',
      targetType: 'invitation',
      targetId: row.id,
      metadata: { role: 'ADMIN' },
    });
    return row.id;
  });
  return { id, token };
}

const asClient = (organizationId: string, apiClientId: string) => ({
  kind: 'api_client' as const,
  apiClientId,
  organizationId,
  scope: [...MANAGEMENT, 'members.read' as const],
});

async function setup() {
  const org = await createOrganization();
  const owner = await createUser();
  const member = await createUser();
  await addMember(org.id, owner.id, 'OWNER');
  const membershipId = (await addMember(org.id, member.id, 'VIEWER')).id;
  const ownerCtx = userContext({ organizationId: org.id, userId: owner.id, role: 'OWNER' });
  return { org, owner, ownerCtx, membershipId };
}

/** Every access-management use case, as `ctx`. */
function manageAll(ctx: TenantContext, membershipId: string): (() => Promise<unknown>)[] {
  return [
    () => createApiClient(ctx, { name: 'minted', permissions: ['orders.read'] }),
    () => revokeApiClient(ctx, { apiClientId: crypto.randomUUID() }),
    () => inviteMember(ctx, { email: `minted-${Date.now()}@example.test`, role: 'ADMIN' }, 'Org'),
    () => revokeInvitation(ctx, { invitationId: crypto.randomUUID() }),
    () => changeMemberRole(ctx, { membershipId, role: 'ADMIN' }),
    () => setMemberDisabled(ctx, { membershipId, disabled: true }),
    () => removeMember(ctx, { membershipId }),
  ];
}

describe('access management by people only', () => {
  it('an API client holding management permissions from before gets none of them, and every management use case refuses it', async () => {
    const { org, membershipId } = await setup();
    const clientId = await plantClient(org.id, [...MANAGEMENT, 'members.read']);
    const resolved = await resolveTenantContext(asClient(org.id, clientId), { slug: org.slug });
    expect([...resolved.ctx.permissions]).toEqual(['members.read']);
    for (const permission of MANAGEMENT) {
      await expectAppError(authorize(resolved, permission), 'FORBIDDEN');
    }
    // Even a context claiming the permissions (the use cases' own check).
    const claiming: TenantContext = {
      ...resolved.ctx,
      permissions: new Set([...MANAGEMENT, 'orders.read' as const]),
    };
    for (const attempt of manageAll(claiming, membershipId)) await expectAppError(attempt(), 'FORBIDDEN');
    const left = await withTenant(org.id, async (tx) => ({
      clients: await tx.apiClient.count(),
      invitations: await tx.invitation.count(),
      viewer: await tx.membership.findFirst({
        where: { id: membershipId },
        select: { role: true, disabledAt: true },
      }),
    }));
    expect(left).toEqual({ clients: 1, invitations: 0, viewer: { role: 'VIEWER', disabledAt: null } });
  });

  it('an operator grant carries no management permission, and the use cases refuse an operator', async () => {
    const { org, ownerCtx, membershipId } = await setup();
    const email = `op-am-${Date.now()}@packline.test`;
    const { operatorId } = await createOperator({ email }, { cost: 4 });
    // New grants cannot list management permissions …
    for (const permission of [...MANAGEMENT, 'break_glass.grant' as const]) {
      await expectInvalidInput(
        createBreakGlassGrant(ownerCtx, {
          operatorEmail: email,
          reason: 'Ticket 7: members cannot sign in',
          hours: 1,
          permissions: ['members.read', permission],
        }),
        'permissions',
      );
    }
    // … and one stored before the rule gives none of them.
    await withTenant(org.id, (tx) =>
      tx.breakGlassGrant.create({
        data: {
          organizationId: org.id,
          operatorId,
          reason: 'legacy grant',
          permissions: [...MANAGEMENT, 'break_glass.grant', 'members.read'],
          expiresAt: new Date(Date.now() + 3600_000),
        },
      }),
    );
    const resolved = await resolveTenantContext({ kind: 'operator', operatorId }, { slug: org.slug });
    expect([...resolved.ctx.permissions]).toEqual(['members.read']);
    await expectAppError(authorize(resolved, 'api_clients.manage'), 'FORBIDDEN');
    const claiming: TenantContext = {
      ...resolved.ctx,
      permissions: new Set([...MANAGEMENT, 'break_glass.grant' as const, 'orders.read' as const]),
    };
    for (const attempt of manageAll(claiming, membershipId)) await expectAppError(attempt(), 'FORBIDDEN');
    await expectAppError(
      createBreakGlassGrant(claiming, {
        operatorEmail: email,
        reason: 'extending my own access',
        hours: 24,
        permissions: ['orders.read'],
      }),
      'FORBIDDEN',
    );
  });

  it('a member cannot give an API client management permissions', async () => {
    const { ownerCtx } = await setup();
    for (const permission of MANAGEMENT) {
      await expectInvalidInput(
        createApiClient(ownerCtx, { name: 'too strong', permissions: ['orders.read', permission] }),
        'permissions',
      );
    }
  });

  it('revoking a client revokes the clients it created (transitively), its pending invitations, and disables members it brought in', async () => {
    const { org, ownerCtx, membershipId } = await setup();
    const root = await plantClient(org.id, [...MANAGEMENT]);
    const child = await plantClient(org.id, ['orders.read', 'api_clients.manage'], root);
    const grandchild = await plantClient(org.id, ['orders.read'], child);
    const unrelated = (await createApiClient(ownerCtx, { name: 'ERP', permissions: ['orders.read'] })).id;
    const pending = await plantInvitation(org.id, root, `pending-${Date.now()}@example.test`);
    const joiner = await createUser();
    const accepted = await plantInvitation(org.id, child, joiner.email.toLowerCase());
    await acceptInvitation(joiner.id, { token: accepted.token });

    await revokeApiClient(ownerCtx, { apiClientId: root });

    const state = await withTenant(org.id, async (tx) => ({
      clients: Object.fromEntries(
        (await tx.apiClient.findMany({ select: { id: true, revokedAt: true } })).map((c) => [
          c.id,
          c.revokedAt !== null,
        ]),
      ),
      liveRefreshTokens: await tx.apiRefreshToken.count({
        where: { apiClientId: { in: [root, child, grandchild] }, revokedAt: null },
      }),
      invitations: Object.fromEntries(
        (await tx.invitation.findMany({ select: { id: true, revokedAt: true } })).map((i) => [
          i.id,
          i.revokedAt !== null,
        ]),
      ),
      memberships: Object.fromEntries(
        (await tx.membership.findMany({ select: { userId: true, id: true, disabledAt: true } })).map((m) => [
          m.id,
          m.disabledAt !== null,
        ]),
      ),
      joinerMembership: await tx.membership.findFirstOrThrow({
        where: { userId: joiner.id },
        select: { id: true },
      }),
      event: await tx.auditEvent.findFirstOrThrow({
        where: { action: 'api_client.revoked', targetId: root },
        select: { metadata: true },
      }),
    }));
    expect(state.clients).toEqual({ [root]: true, [child]: true, [grandchild]: true, [unrelated]: false });
    expect(state.liveRefreshTokens).toBe(0);
    expect(state.invitations).toEqual({ [pending.id]: true, [accepted.id]: false });
    expect(state.memberships[state.joinerMembership.id]).toBe(true);
    expect(state.memberships[membershipId]).toBe(false);
    expect(state.event.metadata).toEqual({
      revokedApiClientIds: expect.arrayContaining([child, grandchild]),
      revokedInvitationIds: [pending.id, accepted.id],
      disabledMembershipIds: [state.joinerMembership.id],
    });
    // The revoked clients' tokens stop at once.
    for (const id of [root, child, grandchild]) {
      await expectAppError(resolveTenantContext(asClient(org.id, id), { slug: org.slug }), 'UNAUTHENTICATED');
    }
    await expectAppError(resolveTenantContext(asUser(joiner.id), { slug: org.slug }), 'NOT_FOUND');
  });

  it('another organization cannot revoke a client, nor reach what it created', async () => {
    const a = await setup();
    const b = await setup();
    const root = await plantClient(a.org.id, ['api_clients.manage']);
    const child = await plantClient(a.org.id, ['orders.read'], root);
    await expectAppError(revokeApiClient(b.ownerCtx, { apiClientId: root }), 'NOT_FOUND');
    const live = await withTenant(a.org.id, (tx) =>
      tx.apiClient.count({ where: { id: { in: [root, child] }, revokedAt: null } }),
    );
    expect(live).toBe(2);
  });
});

function asUser(userId: string) {
  return { kind: 'user' as const, userId, mfaVerified: false };
}
