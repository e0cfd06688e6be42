'use client';

import Link from 'next/link';
import { Check, ChevronsUpDown } from 'lucide-react';
import { PopoverMenu, popoverItemClasses } from '@/components/ui/popover-menu.tsx';
import { cn } from '@/components/ui/cn.ts';
import { initials } from './initials.ts';

export interface OrganizationOption {
  slug: string;
  name: string;
}

export interface OrganizationSwitcherProps {
  organizations: readonly OrganizationOption[];
  currentSlug: string;
}

function OrgAvatar({ name, size = 'md' }: { name: string; size?: 'sm' | 'md' }) {
  return (
    <span
      aria-hidden
      className={cn(
        'flex shrink-0 items-center justify-center rounded-md bg-zinc-900 font-semibold text-white',
        size === 'md' ? 'size-6 text-[11px]' : 'size-5 text-[10px]',
      )}
    >
      {initials(name)}
    </span>
  );
}

/** Shows the current organization and links to the others at `/<slug>`. */
export function OrganizationSwitcher({ organizations, currentSlug }: OrganizationSwitcherProps) {
  const current = organizations.find((o) => o.slug === currentSlug) ?? {
    slug: currentSlug,
    name: currentSlug,
  };

  return (
    <PopoverMenu
      triggerLabel={`Organization: ${current.name}. Switch organization`}
      triggerClassName="flex h-8 max-w-64 items-center gap-2 rounded-control px-1.5 text-sm font-medium text-ink hover:bg-zinc-100 aria-expanded:bg-zinc-100"
      trigger={
        <>
          <OrgAvatar name={current.name} />
          <span className="truncate">{current.name}</span>
          <ChevronsUpDown aria-hidden className="size-3.5 shrink-0 text-ink-subtle" />
        </>
      }
    >
      <p className="px-2 pt-1.5 pb-1 text-xs font-medium text-ink-subtle">Organizations</p>
      <ul className="max-h-80 overflow-y-auto">
        {organizations.map((org) => {
          const isCurrent = org.slug === currentSlug;
          return (
            <li key={org.slug}>
              <Link
                href={`/${org.slug}`}
                aria-current={isCurrent ? 'true' : undefined}
                className={popoverItemClasses}
              >
                <OrgAvatar name={org.name} size="sm" />
                <span className="flex-1 truncate">{org.name}</span>
                {isCurrent ? <Check aria-hidden className="size-4 text-accent-600" /> : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </PopoverMenu>
  );
}
