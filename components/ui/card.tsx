import type { ComponentProps, ReactNode } from 'react';
import { cn } from './cn.ts';

export function Card({ className, ...props }: ComponentProps<'section'>) {
  return (
    <section className={cn('rounded-card border border-line bg-surface shadow-card', className)} {...props} />
  );
}

export interface CardHeaderProps {
  title: ReactNode;
  /** Heading level inside the page outline (h2 under a page's h1). */
  as?: 'h2' | 'h3';
  description?: ReactNode;
  action?: ReactNode;
  icon?: ReactNode;
  className?: string;
  id?: string;
}

export function CardHeader({
  title,
  as: Heading = 'h2',
  description,
  action,
  icon,
  className,
  id,
}: CardHeaderProps) {
  return (
    <div className={cn('flex items-start gap-3 px-4 pt-4', className)}>
      {icon ? <span className="mt-0.5 text-ink-subtle">{icon}</span> : null}
      <div className="min-w-0 flex-1">
        <Heading id={id} className="text-sm font-medium text-ink">
          {title}
        </Heading>
        {description ? <p className="mt-0.5 text-xs text-ink-subtle">{description}</p> : null}
      </div>
      {action}
    </div>
  );
}
