'use client';
// The inventory screens' forms: each a ScanForm bound to one server action.
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { ScanForm, type ScanField } from '@/components/inventory/scan-form.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Input } from '@/components/ui/input.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import {
  bulkCreateLocationsAction,
  createCountTaskAction,
  createLocationAction,
  createProductAction,
  createWarehouseAction,
  receiveByScanAction,
  reviewCountAction,
  submitCountAction,
  transferByScanAction,
} from './actions.ts';
import { LOCATION_TYPE_OPTIONS } from './location-types.ts';

type Input_ = Record<string, unknown>;

export function ReceiveForm({ orgSlug }: { orgSlug: string }) {
  const fields: ScanField[] = [
    { name: 'binCode', label: 'Bin', kind: 'scan', required: true, sticky: true, placeholder: 'Scan bin' },
    { name: 'sku', label: 'SKU or barcode', kind: 'scan', required: true, placeholder: 'Scan product' },
    { name: 'lotNumber', label: 'Lot', kind: 'scan', hint: 'Required for lot-tracked products' },
    {
      name: 'expiresOn',
      label: 'Expires on',
      kind: 'date',
      hint: 'For a new lot of an expiry-tracked product',
    },
    { name: 'quantity', label: 'Quantity', kind: 'number', required: true },
    { name: 'reference', label: 'Reference', kind: 'text', sticky: true, placeholder: 'PO / delivery note' },
  ];
  return (
    <ScanForm
      label="Receive stock"
      fields={fields}
      submitLabel="Receive"
      run={(input: Input_) => receiveByScanAction(orgSlug, input as never)}
      success={(d) => `Received ${d.quantity} × ${d.sku} into ${d.binCode}`}
    />
  );
}

export function TransferForm({ orgSlug }: { orgSlug: string }) {
  const fields: ScanField[] = [
    { name: 'fromBinCode', label: 'From bin', kind: 'scan', required: true, placeholder: 'Scan bin' },
    { name: 'sku', label: 'SKU or barcode', kind: 'scan', required: true, placeholder: 'Scan product' },
    { name: 'lotNumber', label: 'Lot', kind: 'scan' },
    { name: 'quantity', label: 'Quantity', kind: 'number', required: true },
    { name: 'toBinCode', label: 'To bin', kind: 'scan', required: true, placeholder: 'Scan bin' },
    { name: 'reference', label: 'Note', kind: 'text' },
  ];
  return (
    <ScanForm
      label="Transfer stock"
      fields={fields}
      submitLabel="Transfer"
      run={(input: Input_) => transferByScanAction(orgSlug, input as never)}
      success={(d) => `Moved ${d.quantity} × ${d.sku} from ${d.from} to ${d.to}`}
    />
  );
}

export function CountTaskForm({ orgSlug }: { orgSlug: string }) {
  const router = useRouter();
  const fields: ScanField[] = [
    { name: 'binCode', label: 'Bin to count', kind: 'scan', required: true, placeholder: 'Scan bin' },
    { name: 'blind', label: 'Blind count (hide expected quantities)', kind: 'checkbox', defaultValue: 'on' },
  ];
  return (
    <ScanForm
      label="Create a count task"
      fields={fields}
      submitLabel="Create count"
      run={async (input: Input_) => {
        const result = await createCountTaskAction(orgSlug, input as never);
        if (result.ok) router.push(`/${orgSlug}/inventory/counts/${result.data.id}`);
        return result;
      }}
      success={() => 'Count task created'}
    />
  );
}

export function CreateProductForm({ orgSlug }: { orgSlug: string }) {
  const fields: ScanField[] = [
    { name: 'sku', label: 'SKU', kind: 'scan', required: true },
    { name: 'name', label: 'Name', kind: 'text', required: true },
    { name: 'barcode', label: 'Barcode (GTIN)', kind: 'scan' },
    { name: 'weightGrams', label: 'Weight (g)', kind: 'number' },
    { name: 'lotTracked', label: 'Lot-tracked', kind: 'checkbox' },
    { name: 'expiryTracked', label: 'Expiry-tracked', kind: 'checkbox' },
    { name: 'expiryExclusionDays', label: 'Do not allocate within (days of expiry)', kind: 'number' },
    {
      name: 'reorderPoint',
      label: 'Reorder point',
      kind: 'number',
      hint: 'Low stock at or below this many available units',
    },
  ];
  return (
    <ScanForm
      label="Create a product"
      fields={fields}
      submitLabel="Create product"
      run={(input: Input_) => createProductAction(orgSlug, input as never)}
      success={(d) => `Product ${d.sku} created`}
    />
  );
}

export function CreateWarehouseForm({ orgSlug }: { orgSlug: string }) {
  const fields: ScanField[] = [
    { name: 'code', label: 'Code', kind: 'text', required: true, placeholder: 'e.g. MAIN' },
    { name: 'name', label: 'Name', kind: 'text', required: true },
    { name: 'priority', label: 'Allocation priority', kind: 'number', hint: 'Lower numbers allocate first' },
  ];
  return (
    <ScanForm
      label="Create a warehouse"
      fields={fields}
      submitLabel="Create warehouse"
      run={(input: Input_) => createWarehouseAction(orgSlug, input as never)}
      success={(d) => `Warehouse ${d.code} created`}
    />
  );
}

export function CreateBinForm({ orgSlug, warehouseId }: { orgSlug: string; warehouseId: string }) {
  const fields: ScanField[] = [
    { name: 'code', label: 'Bin code', kind: 'scan', required: true },
    {
      name: 'type',
      label: 'Type',
      kind: 'select',
      options: LOCATION_TYPE_OPTIONS,
      defaultValue: 'PICK_FACE',
    },
    { name: 'zone', label: 'Zone', kind: 'text' },
    { name: 'pickSequence', label: 'Pick sequence', kind: 'number' },
  ];
  return (
    <ScanForm
      label="Create a bin"
      fields={fields}
      fixed={{ warehouseId }}
      submitLabel="Create bin"
      run={(input: Input_) => createLocationAction(orgSlug, input as never)}
      success={(d) => `Bin ${d.code} created`}
    />
  );
}

export function BulkBinsForm({ orgSlug, warehouseId }: { orgSlug: string; warehouseId: string }) {
  const fields: ScanField[] = [
    {
      name: 'pattern',
      label: 'Pattern',
      kind: 'text',
      required: true,
      placeholder: 'A-01-01..A-20-05',
      hint: 'Aisle-shelf-level ranges; existing codes are skipped',
    },
    {
      name: 'type',
      label: 'Type',
      kind: 'select',
      options: LOCATION_TYPE_OPTIONS,
      defaultValue: 'PICK_FACE',
    },
    { name: 'zone', label: 'Zone', kind: 'text' },
  ];
  return (
    <ScanForm
      label="Create bins by pattern"
      fields={fields}
      fixed={{ warehouseId }}
      submitLabel="Create bins"
      run={(input: Input_) => bulkCreateLocationsAction(orgSlug, input as never)}
      success={(d) => `${d.created} bins created, ${d.skipped} already existed`}
    />
  );
}

export interface CountLine {
  lineId: string;
  locationCode: string;
  sku: string;
  lotNumber: string | null;
}

/** The counter's sheet: one quantity per line; expected quantities are never sent here when blind. */
export function SubmitCountForm({
  orgSlug,
  countTaskId,
  lines,
}: {
  orgSlug: string;
  countTaskId: string;
  lines: CountLine[];
}) {
  const router = useRouter();
  const { toast } = useToast();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      aria-label="Submit count"
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const counted = lines.map((l) => ({
          lineId: l.lineId,
          countedQuantity: Number(String(data.get(l.lineId) ?? '').trim() || Number.NaN),
        }));
        if (counted.some((c) => !Number.isInteger(c.countedQuantity) || c.countedQuantity < 0)) {
          setError('Enter a whole number (0 or more) for every line');
          return;
        }
        start(async () => {
          const result = await submitCountAction(orgSlug, { countTaskId, lines: counted, found: [] });
          if (!result.ok) {
            setError(result.error.message);
            return;
          }
          setError(null);
          toast({
            title:
              result.data.status === 'COMPLETED'
                ? 'Count completed: no variance'
                : 'Variance sent for approval',
            tone: 'success',
          });
          router.refresh();
        });
      }}
    >
      <ul className="space-y-2">
        {lines.map((l) => (
          <li key={l.lineId} className="flex flex-wrap items-center gap-3 text-sm">
            <label htmlFor={`count-${l.lineId}`} className="min-w-64">
              <span className="font-medium">{l.sku}</span> in {l.locationCode}
              {l.lotNumber ? ` · lot ${l.lotNumber}` : ''}
            </label>
            <Input
              id={`count-${l.lineId}`}
              name={l.lineId}
              type="number"
              inputMode="numeric"
              min={0}
              className="w-28"
              aria-label={`Counted ${l.sku} in ${l.locationCode}`}
            />
          </li>
        ))}
      </ul>
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" loading={pending}>
          Submit count
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

export function ReviewCountButtons({ orgSlug, countTaskId }: { orgSlug: string; countTaskId: string }) {
  const router = useRouter();
  const { toast } = useToast();
  const [pending, start] = useTransition();
  const decide = (decision: 'APPROVE' | 'REJECT') =>
    start(async () => {
      const result = await reviewCountAction(orgSlug, { countTaskId, decision });
      toast(
        result.ok
          ? {
              title: decision === 'APPROVE' ? 'Variance approved and posted' : 'Count rejected',
              tone: 'success',
            }
          : { title: 'Not done', description: result.error.message, tone: 'error' },
      );
      router.refresh();
    });
  return (
    <div className="flex gap-2">
      <Button variant="primary" loading={pending} onClick={() => decide('APPROVE')}>
        Approve variance
      </Button>
      <Button variant="danger" loading={pending} onClick={() => decide('REJECT')}>
        Reject
      </Button>
    </div>
  );
}
