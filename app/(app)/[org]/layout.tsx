import type { ReactNode } from 'react';
import Link from 'next/link';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { ShieldCheck, UserRound } from 'lucide-react';
import { AppShell } from '@/components/shell/app-shell.tsx';
import { OrganizationSwitcher } from '@/components/shell/organization-switcher.tsx';
import { UserMenu } from '@/components/shell/user-menu.tsx';
import { popoverItemClasses } from '@/components/ui/popover-menu.tsx';
import { SignOutButton } from '@/components/auth/sign-out-button.tsx';
import { listUserOrganizations } from '@/lib/auth/list-user-organizations.ts';
import { getOperatorSession } from '@/lib/auth/operator-session.ts';
import { metaFromHeaders } from '@/lib/auth/principal.ts';
import { resolveTenantContext } from '@/lib/auth/resolve-tenant-context.ts';
import { getSessionUser } from '@/lib/auth/session.ts';

export const dynamic = 'force-dynamic';

// Layouts do not guard anything (they do not run for server actions or route handlers): each page
// resolves the organization and membership again and authorises itself (STYLE.md,
// lib/auth/require-tenant.ts). Here the session only picks what the shell shows: the switcher
// lists the signed-in user's own organizations, nothing else. A platform operator without a user
// session reaches an organization only through a live break-glass grant (the resolver checks it),
// and then sees that one organization with the grant's permissions.
export default async function OrganizationLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ org: string }>;
}) {
  const { org: slug } = await params;
  const user = await getSessionUser();
  if (!user) return <OperatorShell slug={slug}>{children}</OperatorShell>;
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
          <Link href="/account" className={popoverItemClasses}>
            <UserRound aria-hidden className="size-4" />
            Your account
          </Link>
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

async function OperatorShell({ slug, children }: { slug: string; children: ReactNode }) {
  const operator = await getOperatorSession();
  if (!operator) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/${slug}`)}`);
  const resolved = await resolveTenantContext(
    { kind: 'operator', operatorId: operator.operatorId },
    { slug },
    metaFromHeaders(await headers()),
  ).catch(() => null);
  // No live grant for this organization: the same 404 as for a stranger.
  if (!resolved) notFound();
  const { organization } = resolved;
  return (
    <AppShell
      orgSlug={organization.slug}
      organizationSwitcher={
        <OrganizationSwitcher
          organizations={[{ slug: organization.slug, name: organization.name }]}
          currentSlug={organization.slug}
        />
      }
      userMenu={
        <UserMenu user={{ name: 'Operator (break-glass access)', email: operator.email }}>
          <Link href="/operator" className={popoverItemClasses}>
            <ShieldCheck aria-hidden className="size-4" />
            Operator console
          </Link>
        </UserMenu>
      }
    >
      {children}
    </AppShell>
  );
}
