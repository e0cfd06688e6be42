import type { ReactNode } from 'react';
import { MobileNav } from './mobile-nav.tsx';
import { Sidebar } from './sidebar.tsx';

export interface AppShellProps {
  orgSlug: string;
  /** Slot: usually <OrganizationSwitcher>. */
  organizationSwitcher: ReactNode;
  /** Slot: usually <UserMenu>. */
  userMenu: ReactNode;
  children: ReactNode;
}

/**
 * The frame of every organization screen: sidebar (labelled ≥1024px, icon rail 768–1023px),
 * header with the organization switcher and user menu, and the main content area.
 */
export function AppShell({ orgSlug, organizationSwitcher, userMenu, children }: AppShellProps) {
  return (
    <div className="min-h-dvh">
      <a
        href="#main"
        className="sr-only z-50 rounded-control bg-surface px-3 py-2 text-sm font-medium shadow-overlay focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <Sidebar orgSlug={orgSlug} />
      <div className="flex min-h-dvh flex-col md:pl-(--sidebar-rail-width) lg:pl-(--sidebar-width)">
        <header className="sticky top-0 z-20 flex h-14 shrink-0 items-center gap-2 border-b border-line bg-surface/85 px-4 backdrop-blur supports-[backdrop-filter]:bg-surface/75 md:px-6">
          <MobileNav orgSlug={orgSlug} />
          <div className="min-w-0">{organizationSwitcher}</div>
          <div className="ml-auto flex items-center gap-2">{userMenu}</div>
        </header>
        <main id="main" tabIndex={-1} className="flex-1 px-4 py-6 focus:outline-none md:px-6 lg:px-8 lg:py-8">
          <div className="mx-auto w-full max-w-6xl">{children}</div>
        </main>
      </div>
    </div>
  );
}
