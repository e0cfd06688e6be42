import { z } from 'zod';

export const MEMBERS_PAGE_SIZE = 25;

export const ZListMembersInput = z
  .object({
    organizationId: z.uuid(),
    /** Opaque cursor: return the page after this position. */
    after: z.string().optional(),
    /** Opaque cursor: return the page before this position. Ignored when `after` is set. */
    before: z.string().optional(),
    limit: z.number().int().min(1).max(100).default(MEMBERS_PAGE_SIZE),
  })
  .strict();

export type TListMembersInput = z.input<typeof ZListMembersInput>;

const ZRole = z.enum(['OWNER', 'ADMIN', 'MANAGER', 'WAREHOUSE', 'VIEWER']);

export const INVITATION_TTL_DAYS = 7;

export const ZInviteMemberInput = z.strictObject({
  email: z
    .email()
    .max(320)
    .transform((v) => v.trim().toLowerCase()),
  role: ZRole,
});
export type TInviteMemberInput = z.input<typeof ZInviteMemberInput>;

export const ZChangeMemberRoleInput = z.strictObject({ membershipId: z.uuid(), role: ZRole });
export type TChangeMemberRoleInput = z.input<typeof ZChangeMemberRoleInput>;

export const ZMembershipRef = z.strictObject({ membershipId: z.uuid() });
export type TMembershipRef = z.input<typeof ZMembershipRef>;

export const ZSetMemberDisabledInput = z.strictObject({ membershipId: z.uuid(), disabled: z.boolean() });
export type TSetMemberDisabledInput = z.input<typeof ZSetMemberDisabledInput>;

export const ZInvitationToken = z.strictObject({
  token: z.string().regex(/^inv_[A-Za-z0-9_-]{43}$/, 'not an invitation token'),
});
export type TInvitationToken = z.input<typeof ZInvitationToken>;

export const ZInvitationRef = z.strictObject({ invitationId: z.uuid() });
