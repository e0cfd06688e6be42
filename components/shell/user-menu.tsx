'use client';

import type { ReactNode } from 'react';
import { UserRound } from 'lucide-react';
import { PopoverMenu } from '@/components/ui/popover-menu.tsx';
import { initials } from './initials.ts';

export interface UserMenuUser {
  name: string;
  email: string;
}

export interface UserMenuProps {
  user: UserMenuUser | null;
  /** Items for the menu (profile, sign out…), styled with `popoverItemClasses`. */
  children?: ReactNode;
}

/** The signed-in user, or "Not signed in" until authentication exists. */
export function UserMenu({ user, children }: UserMenuProps) {
  if (!user) {
    return (
      <span className="flex h-8 items-center gap-2 rounded-control px-2 text-sm whitespace-nowrap text-ink-subtle">
        <UserRound aria-hidden className="size-4" />
        <span className="max-sm:sr-only">Not signed in</span>
      </span>
    );
  }

  return (
    <PopoverMenu
      align="end"
      triggerLabel={`Account: ${user.name}`}
      triggerClassName="flex size-8 items-center justify-center rounded-full hover:ring-4 hover:ring-zinc-100 aria-expanded:ring-4 aria-expanded:ring-zinc-100"
      trigger={
        <span
          aria-hidden
          className="flex size-7 items-center justify-center rounded-full bg-accent-100 text-[11px] font-semibold text-accent-800"
        >
          {initials(user.name || user.email)}
        </span>
      }
    >
      <div className="px-2 py-1.5">
        <p className="truncate text-sm font-medium text-ink">{user.name}</p>
        <p className="truncate text-xs text-ink-subtle">{user.email}</p>
      </div>
      {children ? <div className="mt-1 border-t border-line pt-1">{children}</div> : null}
    </PopoverMenu>
  );
}
