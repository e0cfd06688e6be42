import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ComingSoon } from '@/components/shell/coming-soon.tsx';
import { findNavItem } from '@/components/shell/nav-items.ts';
import { requireTenant } from '@/lib/auth/require-tenant.ts';

export const dynamic = 'force-dynamic';

type Params = Promise<{ org: string; section: string[] }>;

/** Sections in the sidebar that are not built yet; anything else under the organization is a 404. */
function sectionFor(section: string[]) {
  const item = findNavItem(section[0] ?? '');
  return item && !item.ready ? item : undefined;
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { section } = await params;
  return { title: sectionFor(section)?.label ?? 'Page not found' };
}

export default async function ComingSoonPage({ params }: { params: Params }) {
  const { org: slug, section } = await params;
  const { organization: org } = await requireTenant(slug, 'organization.read');
  const item = sectionFor(section);
  if (!item) notFound();
  return <ComingSoon item={item} orgSlug={org.slug} />;
}
