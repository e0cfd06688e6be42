'use server';
// Organization security settings (organization.update) and data-key rotation (keys.rotate).
// Changing the sign-in policy needs a recent authentication (lib/auth/recent-auth.ts): a stolen
// or left-open session must not be able to loosen it.
import { requireRecentAuthentication } from '@/lib/auth/recent-auth.ts';
import { tenantAction } from '@/lib/auth/tenant-action.ts';
import { rotateDataKey } from '@/lib/crypto/rotate-data-key.ts';
import { ZRotateDataKeyInput } from '@/lib/crypto/schemas.ts';
import {
  updateSecuritySettings,
  ZUpdateSecuritySettingsInput,
} from '@/lib/organizations/update-security-settings.ts';

export const updateSecuritySettingsAction = tenantAction(
  ZUpdateSecuritySettingsInput,
  'organization.update',
  async ({ ctx, input }) => {
    await requireRecentAuthentication();
    return updateSecuritySettings(ctx, input);
  },
);

export const rotateDataKeyAction = tenantAction(ZRotateDataKeyInput, 'keys.rotate', ({ ctx, input }) =>
  rotateDataKey(ctx, input.purpose),
);
