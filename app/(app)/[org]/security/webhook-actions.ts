'use server';
// Security alert webhook settings (organization.update) and canary records (privacy.manage).
// Where security alerts go is a security setting: changing it needs a recent authentication.
import { requireRecentAuthentication } from '@/lib/auth/recent-auth.ts';
import { tenantAction } from '@/lib/auth/tenant-action.ts';
import { plantPiiCanary, ZPlantCanaryInput } from '@/lib/privacy/pii-canaries.ts';
import {
  removeSecurityWebhook,
  saveSecurityWebhook,
  ZSaveWebhookInput,
} from '@/lib/privacy/webhooks/security-webhook.ts';
import { z } from 'zod';

export const saveSecurityWebhookAction = tenantAction(
  ZSaveWebhookInput,
  'organization.update',
  async ({ ctx, input }) => {
    await requireRecentAuthentication();
    await saveSecurityWebhook(ctx, input);
    return { saved: true };
  },
);

export const removeSecurityWebhookAction = tenantAction(
  z.strictObject({}),
  'organization.update',
  async ({ ctx }) => {
    await requireRecentAuthentication();
    return { removed: await removeSecurityWebhook(ctx) };
  },
);

export const plantPiiCanaryAction = tenantAction(
  ZPlantCanaryInput,
  'privacy.manage',
  async ({ ctx, input }) => {
    await plantPiiCanary(ctx, input);
    return { planted: true };
  },
);
