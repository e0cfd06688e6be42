'use client';
// A form for scanner-driven work (receiving, transfers, counts, quick creates). Keyboard-wedge
// scanners type the code and press Enter: Enter in a field moves to the next empty required
// field, and submits once none is left; after a successful submit the form clears (except sticky
// fields) and the first empty scan field is focused again, ready for the next scan.
import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition, type FormEvent, type KeyboardEvent } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { Field } from '@/components/ui/field.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Select } from '@/components/ui/select.tsx';
import { useToast } from '@/components/ui/toast.tsx';

export type ActionResultLike<T> =
  { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

export interface ScanField {
  name: string;
  label: string;
  /** `scan`: a code typed by a scanner (SKU, bin, lot); `number` is sent as a number. */
  kind: 'scan' | 'text' | 'number' | 'date' | 'select' | 'checkbox';
  required?: boolean;
  options?: readonly { value: string; label: string }[];
  placeholder?: string;
  hint?: string;
  defaultValue?: string;
  /** Kept after a successful submit (e.g. the bin while receiving several SKUs into it). */
  sticky?: boolean;
  /** Sent as null when left empty (an edit form clearing an optional value); omitted otherwise. */
  nullable?: boolean;
}

export interface ScanFormProps<T> {
  label: string;
  fields: readonly ScanField[];
  submitLabel: string;
  /** Sent with every submit (e.g. the warehouse the screen is for). */
  fixed?: Record<string, unknown>;
  run: (input: Record<string, unknown>) => Promise<ActionResultLike<T>>;
  success: (data: T) => string;
}

export function ScanForm<T>({ label, fields, submitLabel, fixed, run, success }: ScanFormProps<T>) {
  const router = useRouter();
  const { toast } = useToast();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const controls = () =>
    Array.from(
      formRef.current?.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select') ?? [],
    );

  const focusFirstEmpty = () => {
    const next = controls().find(
      (c) => c.type !== 'checkbox' && c.value === '' && c.dataset.kind !== 'select',
    );
    next?.focus();
  };

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const all = controls();
    const here = all.indexOf(event.currentTarget);
    const nextEmpty = all.find((c, i) => i > here && c.required && c.value === '');
    if (nextEmpty) nextEmpty.focus();
    else formRef.current?.requestSubmit();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const input: Record<string, unknown> = { ...fixed };
    for (const f of fields) {
      if (f.kind === 'checkbox') {
        input[f.name] = data.get(f.name) === 'on';
        continue;
      }
      const raw = String(data.get(f.name) ?? '').trim();
      if (raw === '') {
        if (f.nullable) input[f.name] = null;
        continue;
      }
      input[f.name] = f.kind === 'number' ? Number(raw) : raw;
    }
    start(async () => {
      const result = await run(input);
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      setError(null);
      toast({ title: success(result.data), tone: 'success' });
      for (const f of fields) {
        if (f.sticky) continue;
        const el = form.elements.namedItem(f.name);
        if (el instanceof HTMLInputElement) {
          if (f.kind === 'checkbox') el.checked = f.defaultValue === 'on';
          else el.value = f.defaultValue ?? '';
        } else if (el instanceof HTMLSelectElement) el.value = f.defaultValue ?? el.options[0]?.value ?? '';
      }
      router.refresh();
      focusFirstEmpty();
    });
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label={label} className="space-y-3" noValidate>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {fields.map((f) =>
          f.kind === 'checkbox' ? (
            <label key={f.name} className="flex items-center gap-2 self-end text-sm">
              <input type="checkbox" name={f.name} defaultChecked={f.defaultValue === 'on'} />
              {f.label}
            </label>
          ) : (
            <Field key={f.name} label={f.label} hint={f.hint} required={f.required}>
              {(p) =>
                f.kind === 'select' ? (
                  <Select
                    {...p}
                    name={f.name}
                    data-kind="select"
                    options={f.options}
                    defaultValue={f.defaultValue}
                  />
                ) : (
                  <Input
                    {...p}
                    name={f.name}
                    data-kind={f.kind}
                    type={f.kind === 'number' ? 'number' : f.kind === 'date' ? 'date' : 'text'}
                    inputMode={f.kind === 'number' ? 'numeric' : undefined}
                    autoComplete="off"
                    autoCapitalize={f.kind === 'scan' ? 'characters' : undefined}
                    spellCheck={false}
                    placeholder={f.placeholder}
                    defaultValue={f.defaultValue}
                    onKeyDown={onKeyDown}
                  />
                )
              }
            </Field>
          ),
        )}
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" loading={pending}>
          {submitLabel}
        </Button>
        {error ? (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        ) : null}
      </div>
    </form>
  );
}
