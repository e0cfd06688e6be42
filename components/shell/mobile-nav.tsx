'use client';

import { useEffect, useRef, useState } from 'react';
import { usePathname } from 'next/navigation';
import { Menu, X } from 'lucide-react';
import { Button } from '@/components/ui/button.tsx';
import { Brand } from './brand.tsx';
import { SidebarNav } from './sidebar-nav.tsx';

/**
 * Below lg: a button that opens the full, labelled navigation as a drawer. The drawer is a modal
 * <dialog>, so focus stays inside it and Escape closes it.
 */
export function MobileNav({ orgSlug }: { orgSlug: string }) {
  const pathname = usePathname();
  // The drawer remembers the path it was opened on: navigating (a link, the back button) makes
  // `open` false without an effect.
  const [openedOn, setOpenedOn] = useState<string | null>(null);
  const open = openedOn !== null && openedOn === pathname;
  const setOpen = (value: boolean) => setOpenedOn(value ? pathname : null);
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  // Widening the window past lg leaves the drawer open behind the sidebar: close it.
  useEffect(() => {
    const query = window.matchMedia('(min-width: 1024px)');
    const onChange = () => query.matches && setOpenedOn(null);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);

  return (
    <>
      <Button
        variant="ghost"
        size="icon"
        className="-ml-1 lg:hidden"
        aria-label="Open navigation"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen(true)}
      >
        <Menu aria-hidden />
      </Button>
      <dialog
        ref={dialogRef}
        aria-label="Navigation"
        onClose={() => setOpen(false)}
        onClick={(event) => event.target === dialogRef.current && setOpen(false)}
        className="m-0 h-dvh max-h-none w-72 max-w-[85vw] border-r border-line bg-surface p-0 text-ink shadow-overlay"
      >
        <div className="flex h-full flex-col">
          <div className="flex h-14 shrink-0 items-center justify-between border-b border-line px-4">
            <Brand />
            <Button variant="ghost" size="icon" aria-label="Close navigation" onClick={() => setOpen(false)}>
              <X aria-hidden />
            </Button>
          </div>
          <div className="flex-1 overflow-y-auto p-3">
            <SidebarNav orgSlug={orgSlug} variant="full" onNavigate={() => setOpen(false)} />
          </div>
        </div>
      </dialog>
    </>
  );
}
