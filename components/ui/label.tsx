import type { ComponentProps } from 'react';
import { cn } from './cn.ts';

export interface LabelProps extends ComponentProps<'label'> {
  /** Adds a visual marker; the control itself should carry `required`. */
  required?: boolean;
}

export function Label({ className, required, children, ...props }: LabelProps) {
  return (
    <label className={cn('block text-sm font-medium text-ink', className)} {...props}>
      {children}
      {required ? (
        <span aria-hidden className="ml-0.5 text-red-600">
          *
        </span>
      ) : null}
    </label>
  );
}
