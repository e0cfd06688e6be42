'use client';

import { useId } from 'react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/components/ui/cn.ts';
import { NAV_GROUPS, isNavItemActive, navHref } from './nav-items.ts';

export interface SidebarNavProps {
  orgSlug: string;
  /**
   * `responsive`: full labels from lg, an icon rail between md and lg (labels stay readable by
   * screen readers and appear as tooltips). `full`: always labelled (the drawer).
   */
  variant?: 'responsive' | 'full';
  onNavigate?: () => void;
}

export function SidebarNav({ orgSlug, variant = 'responsive', onNavigate }: SidebarNavProps) {
  const pathname = usePathname() ?? '';
  const rail = variant === 'responsive';
  const idBase = useId();

  return (
    <nav aria-label="Main" className="flex flex-col gap-5">
      {NAV_GROUPS.map((group, index) => (
        <div key={group.label ?? index} className="flex flex-col gap-0.5">
          {group.label ? (
            <>
              <p
                className={cn(
                  'px-2.5 pb-1 text-[11px] font-medium tracking-wide text-ink-subtle uppercase',
                  rail && 'md:max-lg:sr-only',
                )}
                id={`${idBase}-group-${index}`}
              >
                {group.label}
              </p>
              {rail ? <hr aria-hidden className="mx-3 mb-2 hidden border-line md:max-lg:block" /> : null}
            </>
          ) : null}
          <ul
            className="flex flex-col gap-0.5"
            aria-labelledby={group.label ? `${idBase}-group-${index}` : undefined}
          >
            {group.items.map((item) => {
              const active = isNavItemActive(pathname, orgSlug, item.segment);
              const Icon = item.icon;
              return (
                <li key={item.segment} className="group/item relative">
                  <Link
                    href={navHref(orgSlug, item.segment)}
                    aria-current={active ? 'page' : undefined}
                    onClick={onNavigate}
                    className={cn(
                      'flex h-8 items-center gap-2.5 rounded-control px-2.5 text-sm font-medium transition-colors',
                      active
                        ? 'bg-accent-50 text-accent-700'
                        : 'text-ink-muted hover:bg-zinc-100 hover:text-ink',
                      rail && 'md:max-lg:mx-auto md:max-lg:size-10 md:max-lg:justify-center md:max-lg:px-0',
                    )}
                  >
                    <Icon
                      aria-hidden
                      className={cn('size-4 shrink-0', active ? 'text-accent-600' : 'text-ink-subtle')}
                    />
                    <span className={cn('flex-1 truncate', rail && 'md:max-lg:sr-only')}>{item.label}</span>
                    {!item.ready ? (
                      <span
                        className={cn(
                          'rounded px-1 text-[10px] font-medium tracking-wide text-ink-subtle uppercase ring-1 ring-line ring-inset',
                          rail && 'md:max-lg:hidden',
                        )}
                      >
                        Soon
                      </span>
                    ) : null}
                  </Link>
                  {rail ? (
                    <span
                      aria-hidden
                      className="pointer-events-none absolute top-1/2 left-full z-50 ml-2 hidden -translate-y-1/2 rounded-control bg-zinc-900 px-2 py-1 text-xs font-medium whitespace-nowrap text-white shadow-overlay md:max-lg:group-focus-within/item:block md:max-lg:group-hover/item:block"
                    >
                      {item.label}
                      {!item.ready ? ' · soon' : ''}
                    </span>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
