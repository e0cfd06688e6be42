'use client';
// Expected deliveries: the create form (header + one row per product, SKUs typed or scanned) and
// the close button, which asks first and says what will be recorded short.
import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition, type KeyboardEvent } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { Dialog } from '@/components/ui/dialog.tsx';
import { Field } from '@/components/ui/field.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Select } from '@/components/ui/select.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { closeInboundDeliveryAction, createInboundDeliveryAction } from '../actions.ts';

interface Line {
  key: number;
}

export function CreateDeliveryForm({
  orgSlug,
  warehouses,
}: {
  orgSlug: string;
  warehouses: { id: string; code: string; name: string }[];
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [lines, setLines] = useState<Line[]>([{ key: 0 }]);
  const nextKey = useRef(1);
  const formRef = useRef<HTMLFormElement>(null);

  const addLine = () => {
    const key = nextKey.current++;
    setLines((ls) => [...ls, { key }]);
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLInputElement>(`#sku-${key}`)?.focus());
  };

  /** Scanner flow: Enter on a SKU goes to its quantity; Enter on a quantity opens the next line. */
  const onKeyDown = (key: number, field: 'sku' | 'qty') => (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    if (field === 'sku') formRef.current?.querySelector<HTMLInputElement>(`#qty-${key}`)?.focus();
    else addLine();
  };

  return (
    <form
      ref={formRef}
      aria-label="Create an expected delivery"
      className="space-y-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const value = (name: string) => String(data.get(name) ?? '').trim();
        const rows = lines
          .map((l) => ({ sku: value(`sku-${l.key}`), quantity: value(`qty-${l.key}`) }))
          .filter((r) => r.sku !== '' || r.quantity !== '');
        const input = {
          warehouseId: value('warehouseId'),
          reference: value('reference'),
          supplier: value('supplier'),
          expectedAt: value('expectedAt'),
          lines: rows.map((r) => ({ sku: r.sku, expectedQuantity: r.quantity })),
        };
        start(async () => {
          const result = await createInboundDeliveryAction(orgSlug, input as never);
          if (!result.ok) {
            setError(result.error.message);
            return;
          }
          router.push(`/${orgSlug}/inventory/deliveries/${result.data.id}`);
        });
      }}
    >
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Field label="Warehouse" required>
          {(p) => (
            <Select
              {...p}
              name="warehouseId"
              options={warehouses.map((w) => ({ value: w.id, label: `${w.code} · ${w.name}` }))}
            />
          )}
        </Field>
        <Field label="Reference" required hint="PO or ASN number">
          {(p) => <Input {...p} name="reference" autoComplete="off" />}
        </Field>
        <Field label="Supplier">{(p) => <Input {...p} name="supplier" autoComplete="off" />}</Field>
        <Field label="Expected on">{(p) => <Input {...p} name="expectedAt" type="date" />}</Field>
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Lines</legend>
        {lines.map((l, i) => (
          <div key={l.key} className="flex flex-wrap items-end gap-2">
            <Field label={`SKU or barcode, line ${i + 1}`} id={`sku-${l.key}`} className="min-w-48 flex-1">
              {(p) => (
                <Input
                  {...p}
                  name={`sku-${l.key}`}
                  autoComplete="off"
                  spellCheck={false}
                  onKeyDown={onKeyDown(l.key, 'sku')}
                />
              )}
            </Field>
            <Field label={`Expected quantity, line ${i + 1}`} id={`qty-${l.key}`} className="w-40">
              {(p) => (
                <Input
                  {...p}
                  name={`qty-${l.key}`}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  onKeyDown={onKeyDown(l.key, 'qty')}
                />
              )}
            </Field>
            {lines.length > 1 ? (
              <Button
                variant="ghost"
                aria-label={`Remove line ${i + 1}`}
                onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))}
              >
                Remove
              </Button>
            ) : null}
          </div>
        ))}
        <Button variant="secondary" onClick={addLine}>
          Add line
        </Button>
      </fieldset>
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" loading={pending}>
          Create delivery
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

/** Closes the delivery after a confirmation that names the shortfall the close will record. */
export function CloseDeliveryButton({
  orgSlug,
  deliveryId,
  shortUnits,
}: {
  orgSlug: string;
  deliveryId: string;
  shortUnits: number;
}) {
  const router = useRouter();
  const { toast } = useToast();
  const [open, setOpen] = useState(false);
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const close = () =>
    start(async () => {
      const result = await closeInboundDeliveryAction(orgSlug, { deliveryId });
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      setOpen(false);
      toast({
        title:
          result.data.shortUnits > 0
            ? `Delivery closed: ${result.data.shortUnits} units short on ${result.data.shortLines} lines`
            : 'Delivery closed: complete',
        tone: 'success',
      });
      router.refresh();
    });
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Close delivery
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Close this delivery?"
        description={
          shortUnits > 0
            ? `${shortUnits} expected units have not arrived: they will be recorded as short. Nothing more can be received against it.`
            : 'Everything expected has arrived. Nothing more can be received against it.'
        }
        footer={
          <>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Keep open
            </Button>
            <Button variant="danger" loading={pending} onClick={close}>
              Close with discrepancies
            </Button>
          </>
        }
      >
        {error ? (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        ) : null}
      </Dialog>
    </>
  );
}
