import type { ComponentProps } from 'react';
import { ChevronDown } from 'lucide-react';
import { controlClasses } from './input.tsx';
import { cn } from './cn.ts';

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

export interface SelectProps extends ComponentProps<'select'> {
  invalid?: boolean;
  /** Options to render; or pass <option> children yourself. */
  options?: readonly SelectOption[];
  /** A first, empty option (e.g. "Choose a role…"). */
  placeholder?: string;
}

/** A native <select>, styled: keyboard, screen-reader and mobile pickers work as the platform does. */
export function Select({
  className,
  invalid,
  options,
  placeholder,
  children,
  'aria-invalid': ariaInvalid,
  ...props
}: SelectProps) {
  return (
    <div className={cn('relative', className)}>
      <select
        className={cn(controlClasses, 'h-8 appearance-none py-1 pr-8')}
        {...props}
        aria-invalid={invalid || ariaInvalid || undefined}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options?.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
        {children}
      </select>
      <ChevronDown
        aria-hidden
        className="pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2 text-ink-subtle"
      />
    </div>
  );
}
