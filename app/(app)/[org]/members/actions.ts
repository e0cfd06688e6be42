'use server';
// Member management actions (issue 3, item 6). Each is a tenantAction: it resolves the caller's
// membership and checks its permission itself (tests/unit/permission-coverage.test.ts).
import { z } from 'zod';
import { tenantAction } from '@/lib/auth/tenant-action.ts';
import { changeMemberRole } from '@/lib/members/change-member-role.ts';
import { inviteMember } from '@/lib/members/invite-member.ts';
import { leaveOrganization, removeMember } from '@/lib/members/remove-member.ts';
import { revokeInvitation } from '@/lib/members/revoke-invitation.ts';
import {
  ZChangeMemberRoleInput,
  ZInvitationRef,
  ZInviteMemberInput,
  ZMembershipRef,
  ZSetMemberDisabledInput,
} from '@/lib/members/schemas.ts';
import { setMemberDisabled } from '@/lib/members/set-member-disabled.ts';

export const inviteMemberAction = tenantAction(
  ZInviteMemberInput,
  'members.invite',
  async ({ ctx, organization, input }) => {
    const { expiresAt } = await inviteMember(ctx, input, organization.name);
    return { expiresAt: expiresAt.toISOString() };
  },
);

export const changeMemberRoleAction = tenantAction(
  ZChangeMemberRoleInput,
  'members.update',
  ({ ctx, input }) => changeMemberRole(ctx, input),
);

export const setMemberDisabledAction = tenantAction(
  ZSetMemberDisabledInput,
  'members.update',
  ({ ctx, input }) => setMemberDisabled(ctx, input),
);

export const removeMemberAction = tenantAction(ZMembershipRef, 'members.remove', ({ ctx, input }) =>
  removeMember(ctx, input),
);

export const revokeInvitationAction = tenantAction(ZInvitationRef, 'members.invite', ({ ctx, input }) =>
  revokeInvitation(ctx, input),
);

/** Every member may leave (the last owner excepted: lib/members/owner-guard.ts). */
export const leaveOrganizationAction = tenantAction(z.strictObject({}), 'organization.read', ({ ctx }) =>
  leaveOrganization(ctx),
);
