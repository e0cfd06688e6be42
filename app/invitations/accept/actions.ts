'use server';
// Invitation links (issue 3, item 6). Not tenant actions — the caller is not a member yet — so both
// are on the commented allow-list of tests/unit/permission-coverage.test.ts. The token comes from
// the link's fragment, read in the browser, so it never appears in a URL a server logs.
import { headers } from 'next/headers';
import { toErrorEnvelope } from '@/lib/auth/error-envelope.ts';
import { metaFromHeaders } from '@/lib/auth/principal.ts';
import { getSessionUser } from '@/lib/auth/session.ts';
import type { ActionResult } from '@/lib/auth/tenant-action.ts';
import { AppError } from '@/lib/errors/app-error.ts';
import {
  acceptInvitation,
  previewInvitation,
  type InvitationPreview,
} from '@/lib/members/accept-invitation.ts';

/** Public: which organization and role a token is for (no email, nothing else). */
export async function previewInvitationAction(token: string): Promise<ActionResult<InvitationPreview>> {
  try {
    return { ok: true, data: await previewInvitation({ token: String(token) }) };
  } catch (error) {
    return { ok: false, ...toErrorEnvelope(error).body };
  }
}

/** Signed-in users only: accepts for the session's own account, whose email must match. */
export async function acceptInvitationAction(
  token: string,
): Promise<ActionResult<{ organizationSlug: string }>> {
  const meta = metaFromHeaders(await headers());
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError('UNAUTHENTICATED', 'sign in or create an account to accept');
    return { ok: true, data: await acceptInvitation(user.userId, { token: String(token) }, meta) };
  } catch (error) {
    return { ok: false, ...toErrorEnvelope(error, meta.requestId).body };
  }
}
