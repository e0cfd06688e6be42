// The frame of the signed-in person's own pages (/account, /account/security): brand, a way back
// to their first organization, the title and who is signed in.
import type { ReactNode } from 'react';
import Link from 'next/link';
import { ArrowLeft } from 'lucide-react';
import { Brand } from '@/components/shell/brand.tsx';
import { listUserOrganizations } from '@/lib/auth/list-user-organizations.ts';
import type { SessionUser } from '@/lib/auth/session.ts';

export async function AccountPageShell({
  user,
  title,
  links,
  children,
}: {
  user: SessionUser;
  title: string;
  links?: ReactNode;
  children: ReactNode;
}) {
  const [first] = await listUserOrganizations(user.userId, 1);
  return (
    <div className="min-h-dvh">
      <header className="flex h-14 items-center justify-between border-b border-line bg-surface px-4">
        <Brand />
        <Link
          href={first ? `/${first.slug}` : '/'}
          className="flex items-center gap-1 text-sm text-ink-muted hover:text-ink"
        >
          <ArrowLeft aria-hidden className="size-4" /> Back to Packline
        </Link>
      </header>
      <main className="mx-auto max-w-2xl space-y-6 px-4 py-8">
        <div>
          <h1 className="text-xl font-semibold text-ink">{title}</h1>
          <p className="mt-1 text-sm text-ink-muted">
            Signed in as {user.name} ({user.email}). {links}
          </p>
        </div>
        {children}
      </main>
    </div>
  );
}
