import { z } from 'zod';
import { ZDelegablePermissions } from '../api-clients/schemas.ts';

/** Break-glass grants last at most this long. */
export const MAX_GRANT_HOURS = 24;

export const ZCreateBreakGlassGrantInput = z.strictObject({
  operatorEmail: z
    .email()
    .max(320)
    .transform((v) => v.trim().toLowerCase()),
  reason: z.string().trim().min(10, 'give a reason of at least 10 characters').max(500),
  hours: z.coerce.number().int().min(1).max(MAX_GRANT_HOURS),
  permissions: ZDelegablePermissions,
});
export type TCreateBreakGlassGrantInput = z.input<typeof ZCreateBreakGlassGrantInput>;

export const ZBreakGlassGrantRef = z.strictObject({ grantId: z.uuid() });
