import type { Metadata } from 'next';
import Link from 'next/link';
import { ArrowLeft, KeyRound, LogOut, Mail, ShieldCheck } from 'lucide-react';
import { Brand } from '@/components/shell/brand.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { Button, ButtonLink } from '@/components/ui/button.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { isEmailVerified } from '@/lib/auth/email-verification.ts';
import { listUserOrganizations } from '@/lib/auth/list-user-organizations.ts';
import {
  currentMfaEnrolment,
  mfaRequiredByAnOrganization,
  remainingRecoveryCodes,
} from '@/lib/auth/mfa/mfa.ts';
import { recentAuthentication } from '@/lib/auth/recent-auth.ts';
import { loadSessionState } from '@/lib/auth/session-state.ts';
import { requireSessionUser } from '@/lib/auth/session.ts';
import { submitSignOutEverywhere } from './actions.ts';
import { ChangePasswordForm, MfaPanel, ReauthenticateForm } from './security-forms.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Account security' };

export default async function AccountSecurityPage() {
  const user = await requireSessionUser();
  const [state, enrolment, organizations, emailVerified, mfaRequired, standing] = await Promise.all([
    loadSessionState(user.userId),
    currentMfaEnrolment(user.userId),
    listUserOrganizations(user.userId, 1),
    isEmailVerified(user.userId),
    mfaRequiredByAnOrganization(user.userId),
    recentAuthentication(),
  ]);
  const mfaOn = state?.mfaEnabled ?? false;
  // Where an organization requires MFA, enrolling needs a recent sign-in or password re-entry.
  const enrolNeedsReauth = !mfaOn && mfaRequired && !standing?.recent;
  const codesLeft = mfaOn ? await remainingRecoveryCodes(user.userId) : 0;
  const back = organizations[0] ? `/${organizations[0].slug}` : '/';

  return (
    <div className="min-h-dvh">
      <header className="flex h-14 items-center justify-between border-b border-line bg-surface px-4">
        <Brand />
        <Link href={back} className="flex items-center gap-1 text-sm text-ink-muted hover:text-ink">
          <ArrowLeft aria-hidden className="size-4" /> Back to Packline
        </Link>
      </header>
      <main className="mx-auto max-w-2xl space-y-6 px-4 py-8">
        <div>
          <h1 className="text-xl font-semibold text-ink">Account security</h1>
          <p className="mt-1 text-sm text-ink-muted">
            Signed in as {user.name} ({user.email}).{' '}
            <Link href="/account" className="text-accent-700 hover:underline">
              Your data and account deletion
            </Link>
          </p>
        </div>

        <Card>
          <CardHeader
            title="Email address"
            icon={<Mail aria-hidden className="size-4" />}
            description={
              emailVerified
                ? 'Confirmed: you can accept invitations and sign in with Google.'
                : 'Not confirmed yet: open the link we emailed you to accept invitations and sign in with Google.'
            }
            action={
              emailVerified ? (
                <Badge tone="success">Confirmed</Badge>
              ) : (
                <ButtonLink href="/verify-email">Confirm</ButtonLink>
              )
            }
          />
        </Card>

        <Card>
          <CardHeader title="Password" icon={<KeyRound aria-hidden className="size-4" />} />
          <div className="p-4">
            <ChangePasswordForm />
          </div>
        </Card>

        <Card>
          <CardHeader
            title="Two-factor authentication"
            icon={<ShieldCheck aria-hidden className="size-4" />}
            description="A code from an authenticator app at every sign-in."
            action={mfaOn ? <Badge tone="success">On</Badge> : <Badge tone="neutral">Off</Badge>}
          />
          <div className="p-4">
            {enrolNeedsReauth ? (
              <ReauthenticateForm
                method="password"
                reason="Your organization requires two-factor authentication. To set it up, confirm it is you with your password."
              />
            ) : (
              <MfaPanel
                mfaOn={mfaOn}
                codesLeft={codesLeft}
                enrolment={
                  enrolment
                    ? { qrDataUrl: enrolment.qrDataUrl, secretForDisplay: enrolment.secretForDisplay }
                    : null
                }
              />
            )}
          </div>
        </Card>

        <Card>
          <CardHeader
            title="Sessions"
            icon={<LogOut aria-hidden className="size-4" />}
            description="Sign out of Packline on every device and browser, including this one."
          />
          <div className="p-4">
            <form action={submitSignOutEverywhere}>
              <Button type="submit" variant="danger">
                Sign out everywhere
              </Button>
            </form>
          </div>
        </Card>
      </main>
    </div>
  );
}
