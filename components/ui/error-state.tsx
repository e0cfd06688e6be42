import type { ReactNode } from 'react';
import { TriangleAlert } from 'lucide-react';
import { cn } from './cn.ts';

export interface ErrorStateProps {
  title?: ReactNode;
  description?: ReactNode;
  /** A support reference (e.g. Next's error digest) the user can quote. Never a stack or message. */
  reference?: string;
  /** Usually a "Try again" button. */
  action?: ReactNode;
  className?: string;
}

export function ErrorState({
  title = 'Something went wrong',
  description = 'The page could not be loaded. Try again; if it keeps happening, contact support.',
  reference,
  action,
  className,
}: ErrorStateProps) {
  return (
    <div
      role="alert"
      className={cn(
        'flex flex-col items-center justify-center gap-3 rounded-card border border-red-200 bg-red-50/40 px-6 py-14 text-center',
        className,
      )}
    >
      <span className="flex size-11 items-center justify-center rounded-full bg-red-100 text-red-700">
        <TriangleAlert aria-hidden className="size-5" />
      </span>
      <div className="max-w-md space-y-1">
        <p className="text-base font-medium text-ink">{title}</p>
        <p className="text-sm text-ink-muted">{description}</p>
        {reference ? (
          <p className="pt-1 text-xs text-ink-subtle">
            Reference: <code className="font-mono">{reference}</code>
          </p>
        ) : null}
      </div>
      {action ? <div className="mt-1">{action}</div> : null}
    </div>
  );
}
