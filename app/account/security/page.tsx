import type { Metadata } from 'next';
import Link from 'next/link';
import { KeyRound, LogOut, ShieldCheck } from 'lucide-react';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { currentMfaEnrolment, remainingRecoveryCodes } from '@/lib/auth/mfa/mfa.ts';
import { loadSessionState } from '@/lib/auth/session-state.ts';
import { requireSessionUser } from '@/lib/auth/session.ts';
import { AccountPageShell } from '../account-page-shell.tsx';
import { submitSignOutEverywhere } from './actions.ts';
import { ChangePasswordForm, MfaPanel } from './security-forms.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Account security' };

export default async function AccountSecurityPage() {
  const user = await requireSessionUser();
  const [state, enrolment] = await Promise.all([
    loadSessionState(user.userId),
    currentMfaEnrolment(user.userId),
  ]);
  const mfaOn = state?.mfaEnabled ?? false;
  const codesLeft = mfaOn ? await remainingRecoveryCodes(user.userId) : 0;

  return (
    <AccountPageShell
      user={user}
      title="Account security"
      links={
        <Link href="/account" className="text-accent-700 hover:underline">
          Your data and account deletion
        </Link>
      }
    >
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
          <MfaPanel
            mfaOn={mfaOn}
            codesLeft={codesLeft}
            enrolment={
              enrolment
                ? { qrDataUrl: enrolment.qrDataUrl, secretForDisplay: enrolment.secretForDisplay }
                : null
            }
          />
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
    </AccountPageShell>
  );
}
