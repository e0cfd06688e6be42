'use server';
// Terminating the organization (owners): request it (typed name + fresh proof of identity; runs
// after a 7-day grace period) or cancel it. lib/privacy/termination-requests.ts.
import { z } from 'zod';
import { tenantAction } from '@/lib/auth/tenant-action.ts';
import {
  cancelTermination,
  requestTermination,
  ZRequestTerminationInput,
} from '@/lib/privacy/termination-requests.ts';

export const requestTerminationAction = tenantAction(
  ZRequestTerminationInput,
  'organization.delete',
  async ({ ctx, input }) => {
    const { scheduledFor } = await requestTermination(ctx, input, new Date());
    return { scheduledFor: scheduledFor.toISOString() };
  },
);

export const cancelTerminationAction = tenantAction(z.strictObject({}), 'organization.delete', ({ ctx }) =>
  cancelTermination(ctx, new Date()),
);
