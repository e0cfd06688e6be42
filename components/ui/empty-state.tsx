import type { ReactNode } from 'react';
import type { LucideIcon } from 'lucide-react';
import { cn } from './cn.ts';

export interface EmptyStateProps {
  icon?: LucideIcon;
  title: ReactNode;
  description?: ReactNode;
  /** Usually one primary action (a ButtonLink or Button). */
  action?: ReactNode;
  /** `compact` fits inside cards; `page` fills a section. */
  size?: 'compact' | 'page';
  /** `start` left-aligns the content (inside cards next to other left-aligned text). */
  align?: 'center' | 'start';
  className?: string;
}

export function EmptyState({
  icon: Icon,
  title,
  description,
  action,
  size = 'page',
  align = 'center',
  className,
}: EmptyStateProps) {
  const compact = size === 'compact';
  return (
    <div
      className={cn(
        'flex flex-col',
        align === 'center' ? 'items-center justify-center text-center' : 'items-start text-left',
        compact ? 'gap-2 px-4 py-6' : 'gap-3 rounded-card border border-dashed border-line-strong px-6 py-14',
        className,
      )}
    >
      {Icon ? (
        <span
          className={cn(
            'flex items-center justify-center rounded-full bg-zinc-100 text-ink-subtle',
            compact ? 'size-8' : 'size-11',
          )}
        >
          <Icon aria-hidden className={compact ? 'size-4' : 'size-5'} />
        </span>
      ) : null}
      <div className="max-w-sm space-y-1">
        <p className={cn('font-medium text-ink', compact ? 'text-sm' : 'text-base')}>{title}</p>
        {description ? (
          <p className={cn('text-ink-muted', compact ? 'text-[13px]' : 'text-sm')}>{description}</p>
        ) : null}
      </div>
      {action ? <div className="mt-1">{action}</div> : null}
    </div>
  );
}
