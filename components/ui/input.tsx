import type { ComponentProps } from 'react';
import { cn } from './cn.ts';

/** Shared look of text-like controls (input, select, textarea). */
export const controlClasses =
  'block w-full rounded-control border border-line-strong bg-surface px-2.5 text-sm text-ink shadow-xs ' +
  'placeholder:text-zinc-400 transition-colors hover:border-zinc-400 ' +
  'focus-visible:border-accent-600 focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-accent-600/25 ' +
  'disabled:cursor-not-allowed disabled:bg-zinc-50 disabled:text-ink-subtle ' +
  'aria-invalid:border-red-500 aria-invalid:focus-visible:outline-red-500/25';

export interface InputProps extends ComponentProps<'input'> {
  /** Marks the control invalid for assistive technology and styles it (see Field). */
  invalid?: boolean;
}

export function Input({
  className,
  invalid,
  type = 'text',
  'aria-invalid': ariaInvalid,
  ...props
}: InputProps) {
  return (
    <input
      type={type}
      className={cn(controlClasses, 'h-8 py-1', className)}
      {...props}
      aria-invalid={invalid || ariaInvalid || undefined}
    />
  );
}
