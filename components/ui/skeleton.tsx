import type { ComponentProps, ReactNode } from 'react';
import { cn } from './cn.ts';

/** A grey placeholder block. Decorative: wrap loading regions in <LoadingRegion> for screen readers. */
export function Skeleton({ className, ...props }: ComponentProps<'div'>) {
  return (
    <div aria-hidden className={cn('animate-pulse rounded-control bg-zinc-200/70', className)} {...props} />
  );
}

/** Announces "Loading…" once and hides the placeholder shapes from assistive technology. */
export function LoadingRegion({
  label = 'Loading…',
  className,
  children,
}: {
  label?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div role="status" aria-live="polite" aria-busy="true" className={className}>
      <span className="sr-only">{label}</span>
      {children}
    </div>
  );
}

/** Placeholder for a data table while its page loads. */
export function TableSkeleton({ rows = 6, columns = 4 }: { rows?: number; columns?: number }) {
  return (
    <div aria-hidden className="overflow-hidden rounded-card border border-line bg-surface shadow-card">
      <div className="flex h-9 items-center gap-6 border-b border-line bg-zinc-50/80 px-4">
        {Array.from({ length: columns }, (_, c) => (
          <Skeleton key={c} className="h-2.5 flex-1 bg-zinc-200/80" />
        ))}
      </div>
      <div className="divide-y divide-zinc-100">
        {Array.from({ length: rows }, (_, r) => (
          <div key={r} className="flex h-10 items-center gap-6 px-4">
            {Array.from({ length: columns }, (_, c) => (
              <Skeleton key={c} className={cn('h-3 flex-1', c === 0 && 'max-w-48', c > 1 && 'max-w-24')} />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}

/**
 * The placeholder a list page shows while it loads (a segment's loading.tsx). Only for segments
 * whose pages never answer 404: a loading.tsx starts the response with 200 before the page runs,
 * so a notFound() beneath it could no longer set the status (docs/decisions/0020-tenancy-walk-and-404s.md).
 */
export function PageSkeleton() {
  return (
    <LoadingRegion label="Loading page…">
      <div className="mb-6 space-y-2">
        <Skeleton className="h-6 w-48" />
        <Skeleton className="h-4 w-80 max-w-full" />
      </div>
      <TableSkeleton />
    </LoadingRegion>
  );
}
