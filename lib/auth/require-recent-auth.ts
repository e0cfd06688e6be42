// Proof on the form itself for the irreversible account actions (terminating an organization,
// deleting one's own account; docs/decisions/0012-termination-and-account-deletion.md): stricter
// than the 10-minute recent-authentication window of lib/auth/recent-auth.ts, because these cannot
// be undone — the proof goes with the request, every time. The same checks: a code from the
// authenticator app (or a recovery code) when two-factor authentication is on, else the current
// password (confirmPassword: counted like a sign-in, same lockout). The action it guards is
// audited by its own use case.
import { z } from 'zod';
import { appDb } from '../db/client.ts';
import { AppError } from '../errors/app-error.ts';
import { verifyMfaCode } from './mfa/mfa.ts';
import { confirmPassword } from './change-password.ts';
import type { RequestMeta } from './principal.ts';

export const ZRecentAuthProof = z.union([
  z.strictObject({ mfaCode: z.string().trim().min(6, 'Enter the code from your app.').max(20) }),
  z.strictObject({ password: z.string().min(1, 'Enter your password.').max(1024) }),
]);
export type TRecentAuthProof = z.input<typeof ZRecentAuthProof>;

/** Which proof the form asks for: an MFA code when MFA is on, else the password. */
export async function recentAuthMethod(userId: string): Promise<'mfa' | 'password'> {
  const user = await appDb().user.findUnique({ where: { id: userId }, select: { mfaEnabledAt: true } });
  return user?.mfaEnabledAt ? 'mfa' : 'password';
}

/** Throws UNPROCESSABLE (field `mfaCode` / `password`) or RATE_LIMITED unless the proof is good. */
export async function requireRecentAuth(
  userId: string,
  proofInput: unknown,
  action: string,
  meta: RequestMeta = {},
): Promise<void> {
  const parsed = ZRecentAuthProof.safeParse(proofInput);
  if (!parsed.success)
    throw new AppError('BAD_REQUEST', parsed.error.issues[0]?.message ?? 'Confirm it is you.');
  const proof = parsed.data;
  const method = await recentAuthMethod(userId);
  if ('mfaCode' in proof) {
    await verifyMfaCode(userId, proof.mfaCode, meta);
  } else {
    if (method === 'mfa') {
      throw new AppError('UNPROCESSABLE', 'Two-factor authentication is on: enter a code from your app.', {
        field: 'mfaCode',
      });
    }
    await confirmPassword(userId, proof.password, meta, 'password');
  }
}

/** The proof as a form posts it (RecentAuthField): `mfaCode` or `password`, whichever is filled. */
export function proofFromForm(formData: FormData): TRecentAuthProof {
  const code = formData.get('mfaCode');
  if (typeof code === 'string' && code.trim()) return { mfaCode: code };
  const password = formData.get('password');
  return { password: typeof password === 'string' ? password : '' };
}
