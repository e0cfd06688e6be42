import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { DatabaseZap, Building } from 'lucide-react';
import { Brand } from '@/components/shell/brand.tsx';
import { listOrganizations } from '@/lib/organizations/list-organizations.ts';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Welcome' };

/** Sends the visitor to the first organization, or explains how to create one. */
export default async function HomePage() {
  let firstSlug: string | undefined;
  let databaseReachable = true;
  try {
    const [first] = await listOrganizations({ limit: 1 });
    firstSlug = first?.slug;
  } catch (error) {
    databaseReachable = false;
    console.error('home: could not list organizations', error);
  }
  // redirect() throws by design, so it stays outside the try block.
  if (firstSlug) redirect(`/${firstSlug}`);

  const Icon = databaseReachable ? Building : DatabaseZap;
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-8 px-6 py-16">
      <Brand />
      <div className="w-full max-w-md rounded-card border border-line bg-surface p-8 shadow-card">
        <span className="flex size-11 items-center justify-center rounded-full bg-accent-50 text-accent-600">
          <Icon aria-hidden className="size-5" />
        </span>
        <h1 className="mt-4 text-lg font-semibold text-ink">
          {databaseReachable ? 'No organization yet' : 'The database is not reachable'}
        </h1>
        {databaseReachable ? (
          <p className="mt-1 text-sm text-ink-muted">
            Packline is running, but there is no organization to open. Create the demo data with:
          </p>
        ) : (
          <p className="mt-1 text-sm text-ink-muted">
            Packline could not connect to PostgreSQL. Make sure it is running, then create the database and
            demo data with:
          </p>
        )}
        <pre className="mt-4 overflow-x-auto rounded-control bg-zinc-900 px-4 py-3 font-mono text-[13px] text-zinc-100">
          {databaseReachable ? 'npm run db:seed' : 'npm run db:setup\nnpm run db:seed'}
        </pre>
        <p className="mt-4 text-xs text-ink-subtle">Then reload this page.</p>
      </div>
    </main>
  );
}
