import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Building, DatabaseZap } from 'lucide-react';
import { Brand } from '@/components/shell/brand.tsx';
import { SignOutForm } from '@/components/auth/sign-out-form.tsx';
import { listUserOrganizations } from '@/lib/auth/list-user-organizations.ts';
import { getPendingMfaSession, getSessionUser } from '@/lib/auth/session.ts';
import { getLogger } from '@/lib/logger.ts';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Welcome' };

/** Signed out → sign-in; signed in → the user's first organization (or an explanation). */
export default async function HomePage() {
  let target: string | undefined;
  let databaseReachable = true;
  try {
    const user = await getSessionUser();
    if (!user) target = (await getPendingMfaSession()) ? '/sign-in/mfa' : '/sign-in';
    else {
      const [first] = await listUserOrganizations(user.userId, 1);
      if (first) target = `/${first.slug}`;
    }
  } catch (error) {
    databaseReachable = false;
    getLogger().error({ err: error }, 'home: could not read the session or organizations');
  }
  // redirect() throws by design, so it stays outside the try block.
  if (target) redirect(target);

  const Icon = databaseReachable ? Building : DatabaseZap;
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-8 px-6 py-16">
      <Brand />
      <div className="w-full max-w-md rounded-card border border-line bg-surface p-8 shadow-card">
        <span className="flex size-11 items-center justify-center rounded-full bg-accent-50 text-accent-600">
          <Icon aria-hidden className="size-5" />
        </span>
        <h1 className="mt-4 text-lg font-semibold text-ink">
          {databaseReachable ? 'You are not in any organization' : 'The database is not reachable'}
        </h1>
        {databaseReachable ? (
          <>
            <p className="mt-1 text-sm text-ink-muted">
              Your account is not a member of an active organization. Ask an owner to invite you, or sign out
              and create a new account.
            </p>
            <div className="mt-4">
              <SignOutForm />
            </div>
          </>
        ) : (
          <>
            <p className="mt-1 text-sm text-ink-muted">
              Packline could not connect to PostgreSQL. Make sure it is running, then create the database and
              demo data with:
            </p>
            <pre className="mt-4 overflow-x-auto rounded-control bg-zinc-900 px-4 py-3 font-mono text-[13px] text-zinc-100">
              {'npm run db:setup\nnpm run db:seed'}
            </pre>
            <p className="mt-4 text-xs text-ink-subtle">Then reload this page.</p>
          </>
        )}
      </div>
    </main>
  );
}
