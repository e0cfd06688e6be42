'use server';
// Amazon integration actions (issue 5, items 3, 4, 6): connect (website workflow start,
// self-authorization), settings, sync now, disconnect.
import { z } from 'zod';
import { tenantAction } from '@/lib/auth/tenant-action.ts';
import { enqueueManualSync } from '@/lib/channels/amazon/amazon-schedulers.ts';
import { connectAmazonSelfAuthorized } from '@/lib/channels/amazon/connect-amazon-self-authorized.ts';
import { disconnectAmazon } from '@/lib/channels/amazon/disconnect-amazon.ts';
import {
  ZAmazonRegion,
  ZConnectSelfAuthorizedInput,
  ZIntegrationIdInput,
  ZUpdateIntegrationSettingsInput,
} from '@/lib/channels/amazon/schemas.ts';
import { startAmazonConsent } from '@/lib/channels/amazon/start-amazon-consent.ts';
import { updateAmazonIntegrationSettings } from '@/lib/channels/amazon/update-amazon-integration-settings.ts';
import { withTenant } from '@/lib/db/tenant.ts';
import { AppError } from '@/lib/errors/app-error.ts';

// The state names the organization the caller was resolved in, never a slug from the client: a
// consent started in one organization must not send Amazon's redirect to another's page.
const ZStartConsentInput = z.strictObject({ region: ZAmazonRegion });

export const startAmazonConsentAction = tenantAction(
  ZStartConsentInput,
  'integrations.manage',
  async ({ ctx, organization, input }) => startAmazonConsent(ctx, organization.slug, input.region),
);

export const connectAmazonSelfAuthorizedAction = tenantAction(
  ZConnectSelfAuthorizedInput,
  'integrations.manage',
  ({ ctx, input }) => connectAmazonSelfAuthorized(ctx, input),
);

export const updateAmazonSettingsAction = tenantAction(
  ZUpdateIntegrationSettingsInput,
  'integrations.manage',
  ({ ctx, input }) => updateAmazonIntegrationSettings(ctx, input),
);

export const syncAmazonNowAction = tenantAction(
  ZIntegrationIdInput,
  'integrations.manage',
  async ({ ctx, input }) => {
    const found = await withTenant(ctx.organizationId, (tx) =>
      tx.amazonIntegration.findFirst({
        where: { organizationId: ctx.organizationId, id: input.integrationId },
        select: { status: true },
      }),
    );
    if (!found) throw new AppError('NOT_FOUND', 'integration not found');
    if (found.status === 'DISCONNECTED') throw new AppError('CONFLICT', 'the integration is disconnected');
    await enqueueManualSync(ctx.organizationId, input.integrationId);
    return { queued: true };
  },
);

export const disconnectAmazonAction = tenantAction(
  ZIntegrationIdInput,
  'integrations.manage',
  ({ ctx, input }) => disconnectAmazon(ctx, input),
);
