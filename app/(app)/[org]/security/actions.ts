'use server';
// Organization security settings: a tenantAction needing organization.update.
import { tenantAction } from '@/lib/auth/tenant-action.ts';
import {
  updateSecuritySettings,
  ZUpdateSecuritySettingsInput,
} from '@/lib/organizations/update-security-settings.ts';

export const updateSecuritySettingsAction = tenantAction(
  ZUpdateSecuritySettingsInput,
  'organization.update',
  ({ ctx, input }) => updateSecuritySettings(ctx, input),
);
