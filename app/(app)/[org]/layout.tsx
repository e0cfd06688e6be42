import type { ReactNode } from 'react';
import { notFound } from 'next/navigation';
import { AppShell } from '@/components/shell/app-shell.tsx';
import { OrganizationSwitcher } from '@/components/shell/organization-switcher.tsx';
import { UserMenu } from '@/components/shell/user-menu.tsx';
import { findOrganizationBySlug } from '@/lib/organizations/find-organization-by-slug.ts';
import { listOrganizations } from '@/lib/organizations/list-organizations.ts';

export const dynamic = 'force-dynamic';

// Layouts do not guard anything (they do not run for server actions or route handlers): each page
// looks the organization up again and authorises itself (STYLE.md).
export default async function OrganizationLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ org: string }>;
}) {
  const { org: slug } = await params;
  const [org, organizations] = await Promise.all([findOrganizationBySlug(slug), listOrganizations()]);
  if (!org) notFound();

  const options = organizations.map(({ slug, name }) => ({ slug, name }));
  if (!options.some((o) => o.slug === org.slug)) options.unshift({ slug: org.slug, name: org.name });

  return (
    <AppShell
      orgSlug={org.slug}
      organizationSwitcher={<OrganizationSwitcher organizations={options} currentSlug={org.slug} />}
      // Authentication arrives with its own issue; until then nobody is signed in.
      userMenu={<UserMenu user={null} />}
    >
      {children}
    </AppShell>
  );
}
