'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState, useTransition } from 'react';
import { Button, ButtonLink } from '@/components/ui/button.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { acceptInvitationAction, previewInvitationAction } from './actions.ts';

const STORAGE_KEY = 'packline.invitation';
const TOKEN = /^inv_[A-Za-z0-9_-]{43}$/;

type State =
  | { kind: 'loading' }
  | { kind: 'invalid'; message: string }
  | { kind: 'ready'; token: string; organizationName: string; role: string };

export function AcceptInvitation({
  signedInAs,
  emailVerified,
}: {
  signedInAs: string | null;
  emailVerified: boolean;
}) {
  const router = useRouter();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  useEffect(() => {
    const fromHash = window.location.hash.slice(1);
    if (TOKEN.test(fromHash)) {
      window.sessionStorage.setItem(STORAGE_KEY, fromHash);
      // Drop the secret from the address bar and history.
      window.history.replaceState(null, '', window.location.pathname);
    }
    const token = window.sessionStorage.getItem(STORAGE_KEY) ?? '';
    const check = TOKEN.test(token)
      ? previewInvitationAction(token)
      : Promise.resolve({
          ok: false as const,
          error: {
            code: 'BAD_REQUEST',
            message: 'This invitation link is incomplete. Open the link from the email again.',
          },
        });
    void check.then((r) =>
      setState(
        r.ok
          ? { kind: 'ready', token, organizationName: r.data.organizationName, role: r.data.role }
          : { kind: 'invalid', message: r.error.message },
      ),
    );
  }, []);

  if (state.kind === 'loading')
    return <Card className="p-6 text-sm text-ink-muted">Checking your invitation…</Card>;
  if (state.kind === 'invalid') {
    return (
      <Card className="p-6">
        <h1 className="text-base font-semibold text-ink">Invitation not available</h1>
        <p role="alert" className="mt-2 text-sm text-ink-muted">
          {state.message}
        </p>
      </Card>
    );
  }

  const accept = () =>
    start(async () => {
      const result = await acceptInvitationAction(state.token);
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      window.sessionStorage.removeItem(STORAGE_KEY);
      router.push(`/${result.data.organizationSlug}`);
    });

  return (
    <Card>
      <CardHeader
        as="h2"
        title={`Join ${state.organizationName}`}
        description={`You are invited as ${state.role.toLowerCase()}.`}
      />
      <div className="space-y-3 p-4">
        {signedInAs && !emailVerified ? (
          <>
            <p className="text-sm text-ink-muted">
              Signed in as {signedInAs}. Confirm this email address first: open the link we emailed you, then
              come back to this page to accept.
            </p>
            <ButtonLink variant="primary" href="/verify-email">
              Confirm your email address
            </ButtonLink>
          </>
        ) : signedInAs ? (
          <>
            <p className="text-sm text-ink-muted">Signed in as {signedInAs}.</p>
            <Button variant="primary" loading={pending} onClick={accept}>
              Accept invitation
            </Button>
          </>
        ) : (
          <>
            <p className="text-sm text-ink-muted">
              Sign in with the email address the invitation was sent to — or create an account with it — then
              come back to this page to accept.
            </p>
            <div className="flex gap-2">
              <ButtonLink
                variant="primary"
                href={`/sign-in?callbackUrl=${encodeURIComponent('/invitations/accept')}`}
              >
                Sign in
              </ButtonLink>
              <ButtonLink href="/sign-up">Create an account</ButtonLink>
            </div>
          </>
        )}
        {error ? (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        ) : null}
      </div>
    </Card>
  );
}
