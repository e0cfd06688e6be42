'use server';
// Retention screen (privacy engine §1): change the organization's PII retention, run retention now.
import { z } from 'zod';
import { tenantAction } from '@/lib/auth/tenant-action.ts';
import { reviewMemberAccess, ZAccessReviewInput } from '@/lib/privacy/access-review.ts';
import { getComplianceEvidence } from '@/lib/privacy/compliance-evidence.ts';
import { requestRetentionRun } from '@/lib/privacy/request-retention-run.ts';
import { updateRetentionPolicy, ZRetentionPolicyInput } from '@/lib/privacy/retention-policy.ts';

export const updateRetentionPolicyAction = tenantAction(
  ZRetentionPolicyInput,
  'privacy.manage',
  ({ ctx, input }) => updateRetentionPolicy(ctx, input),
);

export const runRetentionNowAction = tenantAction(z.strictObject({}), 'privacy.manage', ({ ctx }) =>
  requestRetentionRun(ctx, new Date()),
);

export const exportComplianceEvidenceAction = tenantAction(
  z.strictObject({}),
  'privacy.manage',
  async ({ ctx }) => JSON.stringify(await getComplianceEvidence(ctx, new Date()), null, 2),
);

export const reviewMemberAccessAction = tenantAction(ZAccessReviewInput, 'members.update', ({ ctx, input }) =>
  reviewMemberAccess(ctx, input, new Date()),
);
