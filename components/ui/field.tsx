import { useId, type ReactNode } from 'react';
import { CircleAlert } from 'lucide-react';
import { Input, type InputProps } from './input.tsx';
import { Label } from './label.tsx';
import { cn } from './cn.ts';

/** Props a Field hands to its control so label, hint and error are wired up for assistive tech. */
export interface FieldControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
  required?: boolean;
}

export interface FieldProps {
  label: ReactNode;
  /** Help text shown under the control. */
  hint?: ReactNode;
  /** Validation message; when set, the control is marked invalid. */
  error?: ReactNode;
  required?: boolean;
  /** Fixed id for the control; generated when omitted. */
  id?: string;
  className?: string;
  children: (control: FieldControlProps) => ReactNode;
}

/**
 * Label + control + hint/error, wired with ids:
 * `<Field label="Email" error={errors.email}>{(p) => <Input type="email" name="email" {...p} />}</Field>`
 */
export function Field({ label, hint, error, required, id, className, children }: FieldProps) {
  const generated = useId();
  const controlId = id ?? `field-${generated}`;
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;

  return (
    <div className={cn('space-y-1.5', className)}>
      <Label htmlFor={controlId} required={required}>
        {label}
      </Label>
      {children({
        id: controlId,
        'aria-describedby': describedBy,
        'aria-invalid': error ? true : undefined,
        required,
      })}
      {hint ? (
        <p id={hintId} className="text-xs text-ink-subtle">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="flex items-start gap-1 text-xs font-medium text-red-700">
          <CircleAlert aria-hidden className="mt-px size-3.5 shrink-0" />
          <span>{error}</span>
        </p>
      ) : null}
    </div>
  );
}

export type InputFieldProps = Pick<FieldProps, 'label' | 'hint' | 'error' | 'id' | 'className'> &
  Omit<InputProps, 'id' | 'className'>;

/** The common Field: a labelled Input. `<InputField label="Name" name="name" required />` */
export function InputField({ label, hint, error, id, className, ...input }: InputFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} id={id} className={className}>
      {(control) => <Input {...control} {...input} />}
    </Field>
  );
}
