import type { ReactNode } from 'react';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ShieldCheck } from 'lucide-react';
import { AppShell } from '@/components/shell/app-shell.tsx';
import { OrganizationSwitcher } from '@/components/shell/organization-switcher.tsx';
import { UserMenu } from '@/components/shell/user-menu.tsx';
import { popoverItemClasses } from '@/components/ui/popover-menu.tsx';
import { SignOutButton } from '@/components/auth/sign-out-button.tsx';
import { listUserOrganizations } from '@/lib/auth/list-user-organizations.ts';
import { requireSessionUser } from '@/lib/auth/session.ts';

export const dynamic = 'force-dynamic';

// Layouts do not guard anything (they do not run for server actions or route handlers): each page
// resolves the organization and membership again and authorises itself (STYLE.md,
// lib/auth/require-tenant.ts). Here the session only picks what the shell shows: the switcher
// lists the signed-in user's own organizations, nothing else.
export default async function OrganizationLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ org: string }>;
}) {
  const { org: slug } = await params;
  const user = await requireSessionUser();
  const organizations = await listUserOrganizations(user.userId);
  const org = organizations.find((o) => o.slug === slug);
  // Not a member (or no such organization): the same 404 either way.
  if (!org) notFound();

  return (
    <AppShell
      orgSlug={org.slug}
      organizationSwitcher={
        <OrganizationSwitcher
          organizations={organizations.map(({ slug, name }) => ({ slug, name }))}
          currentSlug={org.slug}
        />
      }
      userMenu={
        <UserMenu user={{ name: user.name, email: user.email }}>
          <Link href="/account/security" className={popoverItemClasses}>
            <ShieldCheck aria-hidden className="size-4" />
            Account security
          </Link>
          <SignOutButton />
        </UserMenu>
      }
    >
      {children}
    </AppShell>
  );
}
