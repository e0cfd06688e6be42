import Link from 'next/link';
import { ChevronLeft, ChevronRight } from 'lucide-react';
import { buildPagerHref, type SearchParamsRecord } from '@/lib/pagination/pager-href.ts';
import { buttonClasses } from './button.tsx';

export interface KeysetPagerProps {
  /** The page's path, e.g. `/acme/members`. */
  pathname: string;
  /** The current search params; all but the cursor are kept in the links. */
  searchParams: SearchParamsRecord;
  /** Cursor for `?before=`; null on the first page. */
  prevCursor: string | null;
  /** Cursor for `?after=`; null on the last page. */
  nextCursor: string | null;
  /** Names the list, e.g. "Members pages". */
  label?: string;
}

const linkClasses = buttonClasses({ variant: 'secondary', size: 'sm' });

/**
 * Previous / next links driven by opaque cursors in the URL. No page numbers: keyset paging knows
 * where a page starts, not how many came before it. Plain links, so it works without JavaScript
 * and each page has a shareable URL.
 */
export function KeysetPager({
  pathname,
  searchParams,
  prevCursor,
  nextCursor,
  label = 'Pagination',
}: KeysetPagerProps) {
  if (!prevCursor && !nextCursor) return null;
  return (
    <nav aria-label={label} className="flex items-center gap-2">
      {prevCursor ? (
        <Link
          className={linkClasses}
          href={buildPagerHref(pathname, searchParams, 'before', prevCursor)}
          rel="prev"
        >
          <ChevronLeft aria-hidden />
          Previous
        </Link>
      ) : (
        <span className={linkClasses} aria-disabled="true">
          <ChevronLeft aria-hidden />
          Previous
        </span>
      )}
      {nextCursor ? (
        <Link
          className={linkClasses}
          href={buildPagerHref(pathname, searchParams, 'after', nextCursor)}
          rel="next"
        >
          Next
          <ChevronRight aria-hidden />
        </Link>
      ) : (
        <span className={linkClasses} aria-disabled="true">
          Next
          <ChevronRight aria-hidden />
        </span>
      )}
    </nav>
  );
}
