import type { ComponentProps, ReactNode } from 'react';
import { cn } from './cn.ts';

export interface TableProps extends ComponentProps<'table'> {
  /** Describes the table for screen readers; shown visually only when `showCaption` is set. */
  caption?: ReactNode;
  showCaption?: boolean;
  /** Classes for the scrolling frame around the table. */
  frameClassName?: string;
}

/** A dense data table in a bordered card that scrolls sideways on narrow screens. */
export function Table({ caption, showCaption, frameClassName, className, children, ...props }: TableProps) {
  return (
    <div
      className={cn('overflow-x-auto rounded-card border border-line bg-surface shadow-card', frameClassName)}
    >
      <table className={cn('w-full border-collapse text-left text-sm', className)} {...props}>
        {caption ? (
          <caption className={showCaption ? 'px-4 py-3 text-left text-sm font-medium' : 'sr-only'}>
            {caption}
          </caption>
        ) : null}
        {children}
      </table>
    </div>
  );
}

export function TableHead({ className, ...props }: ComponentProps<'thead'>) {
  return <thead className={cn('border-b border-line bg-zinc-50/80', className)} {...props} />;
}

export function TableBody({ className, ...props }: ComponentProps<'tbody'>) {
  return <tbody className={cn('divide-y divide-zinc-100', className)} {...props} />;
}

export function TableRow({ className, ...props }: ComponentProps<'tr'>) {
  return <tr className={cn('transition-colors hover:bg-zinc-50/70', className)} {...props} />;
}

export interface TableHeaderCellProps extends ComponentProps<'th'> {
  align?: 'left' | 'right';
}

export function TableHeaderCell({
  className,
  align = 'left',
  scope = 'col',
  ...props
}: TableHeaderCellProps) {
  return (
    <th
      scope={scope}
      className={cn(
        'h-9 px-3 text-xs font-medium whitespace-nowrap text-ink-subtle first:pl-4 last:pr-4',
        align === 'right' && 'text-right',
        className,
      )}
      {...props}
    />
  );
}

export interface TableCellProps extends ComponentProps<'td'> {
  align?: 'left' | 'right';
  /** Tabular figures, for numbers and dates in columns. */
  numeric?: boolean;
}

export function TableCell({ className, align = 'left', numeric, ...props }: TableCellProps) {
  return (
    <td
      className={cn(
        'h-10 px-3 py-2 align-middle first:pl-4 last:pr-4',
        align === 'right' && 'text-right',
        numeric && 'tabular-nums',
        className,
      )}
      {...props}
    />
  );
}

/** A footer bar under a table: row summary on the left, pager on the right. */
export function TableFooter({ className, ...props }: ComponentProps<'div'>) {
  return (
    <div
      className={cn(
        'mt-3 flex flex-wrap items-center justify-between gap-3 text-xs text-ink-subtle',
        className,
      )}
      {...props}
    />
  );
}
