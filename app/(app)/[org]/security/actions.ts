'use server';
// Organization security settings (organization.update) and data-key rotation (keys.rotate).
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
  ({ ctx, input }) => updateSecuritySettings(ctx, input),
);

export const rotateDataKeyAction = tenantAction(ZRotateDataKeyInput, 'keys.rotate', ({ ctx, input }) =>
  rotateDataKey(ctx, input.purpose),
);
