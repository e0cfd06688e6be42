import { z } from 'zod';

export const ZOperatorEmail = z
  .email()
  .max(320)
  .transform((v) => v.trim().toLowerCase());

export const ZOperatorSignInInput = z.strictObject({
  email: ZOperatorEmail,
  password: z.string().min(1).max(200),
  /** The 6-digit TOTP code; absent on the first step of enrolment. */
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'enter the 6-digit code')
    .optional(),
});
export type TOperatorSignInInput = z.input<typeof ZOperatorSignInInput>;

export const ZSuspendOrganizationInput = z.strictObject({
  organizationId: z.uuid(),
  suspended: z.boolean(),
  reason: z.string().trim().min(5).max(500),
});
export type TSuspendOrganizationInput = z.input<typeof ZSuspendOrganizationInput>;
