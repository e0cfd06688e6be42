import Link from 'next/link';
import { Brand } from './brand.tsx';
import { SidebarNav } from './sidebar-nav.tsx';

/**
 * The fixed left sidebar from md up: a labelled sidebar from lg (1024px), an icon rail between md
 * and lg (tablets). Below md the drawer (mobile-nav.tsx) takes over.
 */
export function Sidebar({ orgSlug }: { orgSlug: string }) {
  return (
    <aside className="fixed inset-y-0 left-0 z-30 hidden w-(--sidebar-rail-width) flex-col border-r border-line bg-surface md:flex lg:w-(--sidebar-width)">
      <div className="flex h-14 shrink-0 items-center px-4 md:max-lg:justify-center md:max-lg:px-0">
        <Link href={`/${orgSlug}`} className="rounded-control" aria-label="Packline — dashboard">
          <Brand collapsible />
        </Link>
      </div>
      {/* The rail is short enough not to scroll; visible overflow lets its tooltips stick out. */}
      <div className="flex-1 overflow-y-auto px-3 py-3 md:max-lg:overflow-visible md:max-lg:px-2">
        <SidebarNav orgSlug={orgSlug} />
      </div>
    </aside>
  );
}
