import { z } from 'zod';

/** Email as typed by a person: trimmed and lower-cased before any lookup. */
export const ZEmail = z
  .string()
  .trim()
  .max(320)
  .toLowerCase()
  .pipe(z.email({ message: 'Enter a valid email address.' }));

/** A password as submitted; the policy (password-policy.ts) judges new ones. */
export const ZPasswordInput = z.string().min(1, 'Enter your password.').max(1024);

export const ZSignInInput = z.object({
  email: ZEmail,
  password: ZPasswordInput,
});
export type TSignInInput = z.input<typeof ZSignInInput>;

export const ZSignUpInput = z.object({
  name: z.string().trim().min(1, 'Enter your name.').max(100),
  email: ZEmail,
  password: ZPasswordInput,
  organizationName: z.string().trim().min(2, 'Enter your organization’s name.').max(100),
  /** Honeypot: a field people never see; bots fill it in. */
  website: z.string().max(200).optional(),
});
export type TSignUpInput = z.input<typeof ZSignUpInput>;

export const ZTotpCode = z
  .string()
  .trim()
  .transform((v) => v.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'Enter the 6-digit code from your app.'));

/** A TOTP code or a recovery code (xxxxx-xxxxx). */
export const ZMfaCode = z
  .string()
  .trim()
  .min(6, 'Enter the code.')
  .max(40)
  .transform((v) => v.replace(/[\s-]/g, '').toLowerCase());

export const ZResetRequestInput = z.object({
  email: ZEmail,
  website: z.string().max(200).optional(),
});

export const ZResetPasswordInput = z.object({
  token: z.string().regex(/^pwr_[A-Za-z0-9_-]{43}$/, 'This reset link is not valid or has expired.'),
  password: ZPasswordInput,
});

export const ZChangePasswordInput = z.object({
  currentPassword: ZPasswordInput,
  newPassword: ZPasswordInput,
});

/** An email-verification link's token (a signed JWT, lib/auth/email-verification.ts). */
export const ZVerifyEmailInput = z.object({
  token: z
    .string()
    .max(4096)
    .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'This link is not valid or has expired.'),
});

/** Re-authentication for a sensitive change: the password, or an MFA code when MFA is on. */
export const ZReauthenticateInput = z.object({
  secret: z.string().min(1, 'Enter it to continue.').max(1024),
});
