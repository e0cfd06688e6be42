// Identity and access (issue 3, items 5, 6, 9, 10) against a real database: the tenant resolver
// behind tenantAction/withTenantRoute/requireTenant, member management with its invariants and
// audit trail, break-glass grants, operators (TOTP always) and organization suspension.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorize, resolveTenantContext } from '../../lib/auth/resolve-tenant-context.ts';
import { validateOperatorToken } from '../../lib/auth/operator-session.ts';
import {
  createBreakGlassGrant,
  revokeBreakGlassGrant,
} from '../../lib/break-glass/create-break-glass-grant.ts';
import { systemDb } from '../../lib/db/system.ts';
import { setEmailTransportForTests, type TEmailMessage } from '../../lib/email/send-email.ts';
import { acceptInvitation, previewInvitation } from '../../lib/members/accept-invitation.ts';
import { changeMemberRole } from '../../lib/members/change-member-role.ts';
import { inviteMember } from '../../lib/members/invite-member.ts';
import { leaveOrganization, removeMember } from '../../lib/members/remove-member.ts';
import { setMemberDisabled } from '../../lib/members/set-member-disabled.ts';
import { createOperator } from '../../lib/operators/create-operator.ts';
import { signInOperator } from '../../lib/operators/sign-in-operator.ts';
import { suspendOrganization } from '../../lib/operators/suspend-organization.ts';
import { currentTotp } from '../../lib/operators/totp.ts';
import { userContext } from '../../lib/tenancy/tenant-context.ts';
import { addMember, createOrganization, createUser } from '../factories.ts';
import { disconnectLimitsRedis } from '../../lib/redis/limits-redis.ts';

const sent: TEmailMessage[] = [];
const asUser = (userId: string, mfaVerified = false) => ({ kind: 'user' as const, userId, mfaVerified });
const code = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: string }) => e.code ?? String(e),
  );
const auditActions = async (organizationId: string) =>
  (await systemDb().auditEvent.findMany({ where: { organizationId }, orderBy: { seq: 'asc' } })).map(
    (e) => e.action,
  );

beforeAll(() => setEmailTransportForTests({ send: async (m) => void sent.push(m) }));
afterAll(async () => {
  setEmailTransportForTests(undefined);
  await disconnectLimitsRedis();
});

describe('tenant resolver', () => {
  it('resolves an active member to their role’s permissions; anyone else gets a 404', async () => {
    const org = await createOrganization();
    const other = await createOrganization();
    const user = await createUser();
    await addMember(org.id, user.id, 'VIEWER');
    const resolved = await resolveTenantContext(asUser(user.id), { slug: org.slug });
    expect(resolved.ctx).toMatchObject({
      organizationId: org.id,
      role: 'VIEWER',
      actor: { type: 'USER', id: user.id },
    });
    expect(resolved.ctx.permissions.has('members.read')).toBe(true);
    // Another tenant's organization, and an unknown slug, are indistinguishable.
    expect(await code(resolveTenantContext(asUser(user.id), { slug: other.slug }))).toBe('NOT_FOUND');
    expect(await code(resolveTenantContext(asUser(user.id), { slug: 'no-such-org' }))).toBe('NOT_FOUND');
  });

  it('refuses a missing permission with a 403 and a security audit event', async () => {
    const org = await createOrganization();
    const user = await createUser();
    await addMember(org.id, user.id, 'VIEWER');
    const resolved = await resolveTenantContext(asUser(user.id), { slug: org.slug });
    expect(await code(authorize(resolved, 'members.invite'))).toBe('FORBIDDEN');
    const event = await systemDb().auditEvent.findFirstOrThrow({
      where: { organizationId: org.id, action: 'security.permission_denied' },
    });
    expect(event.metadata).toEqual({ permission: 'members.invite', reason: 'not_granted' });
  });

  it('withholds PII permissions from a session without MFA when the organization requires it', async () => {
    const org = await createOrganization();
    await systemDb().organization.update({ where: { id: org.id }, data: { requireMfaForPii: true } });
    const picker = await createUser();
    await addMember(org.id, picker.id, 'WAREHOUSE');
    const noMfa = await resolveTenantContext(asUser(picker.id, false), { slug: org.slug });
    await expect(authorize(noMfa, 'pii.print')).rejects.toThrow(/multi-factor/);
    await expect(authorize(noMfa, 'fulfilment.pick')).resolves.toBeUndefined();
    const withMfa = await resolveTenantContext(asUser(picker.id, true), { slug: org.slug });
    await expect(authorize(withMfa, 'pii.print')).resolves.toBeUndefined();
  });
});

describe('members', () => {
  it('invite → accept (matching email only, once) → role change and removal apply on the next request; all audited', async () => {
    const org = await createOrganization({ name: 'Invite Co' });
    const owner = await createUser();
    await addMember(org.id, owner.id, 'OWNER');
    const ownerCtx = userContext({ organizationId: org.id, userId: owner.id, role: 'OWNER' });
    const invitee = await createUser({ email: `Invitee-${Date.now()}@Example.test` });
    const stranger = await createUser();

    sent.length = 0;
    await inviteMember(ownerCtx, { email: invitee.email, role: 'VIEWER' }, org.name);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toBe(invitee.email.toLowerCase());
    const token = /#(inv_[A-Za-z0-9_-]{43})/.exec(sent[0]!.text)![1]!;
    expect(sent[0]!.text).toContain(`/invitations/accept#${token}`);
    const stored = await systemDb().invitation.findFirstOrThrow({ where: { organizationId: org.id } });
    expect(stored.tokenHash).not.toContain(token.slice(4));

    expect(await previewInvitation({ token })).toEqual({ organizationName: 'Invite Co', role: 'VIEWER' });
    expect(await code(acceptInvitation(stranger.id, { token }))).toBe('FORBIDDEN');
    expect(await acceptInvitation(invitee.id, { token })).toEqual({ organizationSlug: org.slug });
    expect(await code(acceptInvitation(invitee.id, { token }))).toBe('NOT_FOUND');

    const before = await resolveTenantContext(asUser(invitee.id), { slug: org.slug });
    expect(before.ctx.role).toBe('VIEWER');
    expect(await code(authorize(before, 'members.invite'))).toBe('FORBIDDEN');

    await changeMemberRole(ownerCtx, {
      membershipId: (await membership(org.id, invitee.id)).id,
      role: 'ADMIN',
    });
    const after = await resolveTenantContext(asUser(invitee.id), { slug: org.slug });
    expect(after.ctx.role).toBe('ADMIN');
    await expect(authorize(after, 'members.invite')).resolves.toBeUndefined();

    await setMemberDisabled(ownerCtx, {
      membershipId: (await membership(org.id, invitee.id)).id,
      disabled: true,
    });
    expect(await code(resolveTenantContext(asUser(invitee.id), { slug: org.slug }))).toBe('NOT_FOUND');
    await setMemberDisabled(ownerCtx, {
      membershipId: (await membership(org.id, invitee.id)).id,
      disabled: false,
    });
    expect((await resolveTenantContext(asUser(invitee.id), { slug: org.slug })).ctx.role).toBe('ADMIN');

    await removeMember(ownerCtx, { membershipId: (await membership(org.id, invitee.id)).id });
    expect(await code(resolveTenantContext(asUser(invitee.id), { slug: org.slug }))).toBe('NOT_FOUND');

    expect(await auditActions(org.id)).toEqual([
      'member.invited',
      'member.invitation_accepted',
      'security.permission_denied',
      'member.role_changed',
      'member.disabled',
      'member.enabled',
      'member.removed',
    ]);
    const rows = await systemDb().auditEvent.findMany({ where: { organizationId: org.id } });
    const text = JSON.stringify(rows.map((r) => r.metadata));
    expect(text).not.toContain(token);
    expect(text.toLowerCase()).not.toContain(invitee.email.toLowerCase());
  });

  it('refuses an expired invitation', async () => {
    const org = await createOrganization();
    const owner = await createUser();
    await addMember(org.id, owner.id, 'OWNER');
    const invitee = await createUser();
    sent.length = 0;
    await inviteMember(
      userContext({ organizationId: org.id, userId: owner.id, role: 'OWNER' }),
      { email: invitee.email, role: 'VIEWER' },
      'X',
    );
    const token = /#(inv_[A-Za-z0-9_-]{43})/.exec(sent[0]!.text)![1]!;
    await systemDb().invitation.updateMany({
      where: { organizationId: org.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await code(acceptInvitation(invitee.id, { token }))).toBe('NOT_FOUND');
  });

  it('keeps a last owner and reserves the owner role to owners', async () => {
    const org = await createOrganization();
    const owner = await createUser();
    const admin = await createUser();
    const ownerM = await addMember(org.id, owner.id, 'OWNER');
    const adminM = await addMember(org.id, admin.id, 'ADMIN');
    const ownerCtx = userContext({ organizationId: org.id, userId: owner.id, role: 'OWNER' });
    const adminCtx = userContext({ organizationId: org.id, userId: admin.id, role: 'ADMIN' });

    expect(await code(changeMemberRole(ownerCtx, { membershipId: ownerM.id, role: 'ADMIN' }))).toBe(
      'CONFLICT',
    );
    expect(await code(removeMember(ownerCtx, { membershipId: ownerM.id }))).toBe('CONFLICT');
    expect(await code(leaveOrganization(ownerCtx))).toBe('CONFLICT');
    expect(await code(changeMemberRole(adminCtx, { membershipId: adminM.id, role: 'OWNER' }))).toBe(
      'FORBIDDEN',
    );
    expect(await code(removeMember(adminCtx, { membershipId: ownerM.id }))).toBe('FORBIDDEN');
    expect(await code(setMemberDisabled(adminCtx, { membershipId: ownerM.id, disabled: true }))).toBe(
      'FORBIDDEN',
    );

    // With a second owner, the first may step down.
    await changeMemberRole(ownerCtx, { membershipId: adminM.id, role: 'OWNER' });
    await changeMemberRole(ownerCtx, { membershipId: ownerM.id, role: 'ADMIN' });
    expect((await membership(org.id, owner.id)).role).toBe('ADMIN');
  });

  it('treats another tenant’s membership as not found', async () => {
    const a = await createOrganization();
    const b = await createOrganization();
    const ownerA = await createUser();
    await addMember(a.id, ownerA.id, 'OWNER');
    const memberB = await addMember(b.id, (await createUser()).id, 'VIEWER');
    const ctx = userContext({ organizationId: a.id, userId: ownerA.id, role: 'OWNER' });
    expect(await code(changeMemberRole(ctx, { membershipId: memberB.id, role: 'ADMIN' }))).toBe('NOT_FOUND');
    expect(await code(removeMember(ctx, { membershipId: memberB.id }))).toBe('NOT_FOUND');
    expect((await systemDb().membership.findUniqueOrThrow({ where: { id: memberB.id } })).role).toBe(
      'VIEWER',
    );
  });
});

describe('platform operators', () => {
  it('are created by the CLI use case and must enrol and use TOTP; a code cannot be replayed', async () => {
    const email = `op-${Date.now()}@packline.test`;
    const { oneTimePassword } = await createOperator({ email }, { cost: 4 });
    expect(await code(signInOperator({ email, password: 'wrong-password' }))).toBe('UNAUTHENTICATED');
    const enrol = await signInOperator({ email, password: oneTimePassword });
    expect(enrol.status).toBe('enrol');
    const secret = (enrol as { secret: string }).secret;
    // Sealed at rest, never the base32 secret itself.
    const row = await systemDb().operator.findUniqueOrThrow({ where: { email } });
    expect(row.totpSecret).toMatch(/^v1\./);
    expect(row.totpSecret).not.toContain(secret);
    const signedIn = await signInOperator({ email, password: oneTimePassword, code: currentTotp(secret) });
    expect(signedIn.status).toBe('signed_in');
    const session = await validateOperatorToken((signedIn as { token: string }).token);
    expect(session?.operatorId).toBeTruthy();
    // Same code again: refused (replay); no code: asked for one.
    expect(await code(signInOperator({ email, password: oneTimePassword, code: currentTotp(secret) }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(await signInOperator({ email, password: oneTimePassword })).toEqual({ status: 'code_required' });
    // An operator token is not an API or session token, and vice versa.
    const actions = (
      await systemDb().operatorAuditEvent.findMany({ where: { operatorId: session!.operatorId } })
    ).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['operator.created', 'operator.mfa_enrolled', 'operator.signed_in']),
    );
  });

  it('reach a tenant only through a live break-glass grant from its owner, audited on both sides', async () => {
    const org = await createOrganization();
    const owner = await createUser();
    const admin = await createUser();
    await addMember(org.id, owner.id, 'OWNER');
    await addMember(org.id, admin.id, 'ADMIN');
    const email = `op-bg-${Date.now()}@packline.test`;
    const { operatorId } = await createOperator({ email }, { cost: 4 });
    const asOperator = { kind: 'operator' as const, operatorId };

    expect(await code(resolveTenantContext(asOperator, { slug: org.slug }))).toBe('NOT_FOUND');
    const adminCtx = userContext({ organizationId: org.id, userId: admin.id, role: 'ADMIN' });
    expect(
      await code(
        createBreakGlassGrant(adminCtx, {
          operatorEmail: email,
          reason: 'Ticket 42: stock looks wrong',
          hours: 2,
          permissions: ['inventory.read'],
        }),
      ),
    ).toBe('FORBIDDEN');

    const ownerCtx = userContext({ organizationId: org.id, userId: owner.id, role: 'OWNER' });
    const { grantId } = await createBreakGlassGrant(ownerCtx, {
      operatorEmail: email,
      reason: 'Ticket 42: stock looks wrong',
      hours: 2,
      permissions: ['inventory.read', 'organization.read'],
    });
    const resolved = await resolveTenantContext(asOperator, { slug: org.slug });
    expect(resolved.ctx.actor).toEqual({ type: 'OPERATOR', id: operatorId });
    expect([...resolved.ctx.permissions].sort()).toEqual(['inventory.read', 'organization.read']);
    expect(await code(authorize(resolved, 'orders.read'))).toBe('FORBIDDEN');

    await revokeBreakGlassGrant(ownerCtx, { grantId });
    expect(await code(resolveTenantContext(asOperator, { slug: org.slug }))).toBe('NOT_FOUND');

    expect(await auditActions(org.id)).toEqual(
      expect.arrayContaining(['break_glass.granted', 'security.permission_denied', 'break_glass.revoked']),
    );
    const operatorSide = (await systemDb().operatorAuditEvent.findMany({ where: { operatorId } })).map(
      (e) => e.action,
    );
    expect(operatorSide).toEqual(expect.arrayContaining(['break_glass.granted', 'break_glass.revoked']));
  });

  it('suspend an organization: its members are refused on the next request, and reinstated after', async () => {
    const org = await createOrganization();
    const user = await createUser();
    await addMember(org.id, user.id, 'OWNER');
    const { operatorId } = await createOperator({ email: `op-s-${Date.now()}@packline.test` }, { cost: 4 });
    await suspendOrganization(operatorId, {
      organizationId: org.id,
      suspended: true,
      reason: 'Unpaid invoices',
    });
    expect(await code(resolveTenantContext(asUser(user.id), { slug: org.slug }))).toBe('FORBIDDEN');
    await suspendOrganization(operatorId, { organizationId: org.id, suspended: false, reason: 'Paid up' });
    expect((await resolveTenantContext(asUser(user.id), { slug: org.slug })).ctx.role).toBe('OWNER');
    expect(await auditActions(org.id)).toEqual(['organization.suspended', 'organization.reinstated']);
  });
});

async function membership(organizationId: string, userId: string) {
  return systemDb().membership.findFirstOrThrow({ where: { organizationId, userId } });
}
