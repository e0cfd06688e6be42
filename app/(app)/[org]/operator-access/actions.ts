'use server';
// Break-glass grants (issue 3, item 10): only the organization's OWNER lets a Packline operator in,
// for a stated reason and a few hours at most.
import { tenantAction } from '@/lib/auth/tenant-action.ts';
import { createBreakGlassGrant, revokeBreakGlassGrant } from '@/lib/break-glass/create-break-glass-grant.ts';
import { ZBreakGlassGrantRef, ZCreateBreakGlassGrantInput } from '@/lib/break-glass/schemas.ts';

export const createBreakGlassGrantAction = tenantAction(
  ZCreateBreakGlassGrantInput,
  'break_glass.grant',
  async ({ ctx, input }) => {
    const { grantId, expiresAt } = await createBreakGlassGrant(ctx, input);
    return { grantId, expiresAt: expiresAt.toISOString() };
  },
);

export const revokeBreakGlassGrantAction = tenantAction(
  ZBreakGlassGrantRef,
  'break_glass.grant',
  ({ ctx, input }) => revokeBreakGlassGrant(ctx, input),
);
