'use client';
// The returns screens' forms, each a ScanForm (keyboard-wedge scanners: Enter moves to the next
// empty field, then submits) bound to one server action.
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { ScanForm, type ScanField } from '@/components/inventory/scan-form.tsx';
import { Button } from '@/components/ui/button.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import {
  closeReturnAction,
  createReturnAction,
  receiveReturnAction,
  recordRefundAction,
  releaseReturnAction,
} from './actions.ts';
import { DISPOSITION_LABEL, optionsOf, REASON_LABEL } from '@/components/returns/labels.ts';

type Input_ = Record<string, unknown>;

export function CreateReturnForm({
  orgSlug,
  lines,
}: {
  orgSlug: string;
  lines: readonly { id: string; label: string }[];
}) {
  const fields: ScanField[] = [
    {
      name: 'orderLineId',
      label: 'Line',
      kind: 'select',
      required: true,
      options: lines.map((l) => ({ value: l.id, label: l.label })),
    },
    { name: 'quantity', label: 'Quantity', kind: 'number', required: true },
    { name: 'reason', label: 'Reason', kind: 'select', required: true, options: optionsOf(REASON_LABEL) },
    { name: 'reasonNote', label: 'Note', kind: 'text' },
    { name: 'expectedOn', label: 'Expected back', kind: 'date' },
  ];
  return (
    <ScanForm
      label="Create return"
      fields={fields}
      submitLabel="Create return"
      run={(input: Input_) => createReturnAction(orgSlug, input as never)}
      success={(d) => `Return ${d.number} created`}
    />
  );
}

export function ReceiveReturnForm({ orgSlug, returnId }: { orgSlug: string; returnId: string }) {
  const fields: ScanField[] = [
    {
      name: 'disposition',
      label: 'Disposition',
      kind: 'select',
      required: true,
      sticky: true,
      options: optionsOf(DISPOSITION_LABEL),
    },
    {
      name: 'binCode',
      label: 'Bin',
      kind: 'scan',
      required: true,
      placeholder: 'Scan bin',
      hint: 'Restock: pick face or bulk bin · Quarantine: quarantine location · Scrap: returns area',
    },
    { name: 'lotNumber', label: 'Lot', kind: 'scan', hint: 'Required for lot-tracked products' },
    {
      name: 'expiresOn',
      label: 'Expires on',
      kind: 'date',
      hint: 'For a new lot of an expiry-tracked product',
    },
    { name: 'quantity', label: 'Quantity', kind: 'number', required: true },
    { name: 'note', label: 'Inspection note', kind: 'text' },
  ];
  return (
    <ScanForm
      label="Receive return"
      fields={fields}
      submitLabel="Receive"
      fixed={{ returnId }}
      run={(input: Input_) => receiveReturnAction(orgSlug, input as never)}
      success={(d) =>
        `${d.quantity} unit(s) received (${DISPOSITION_LABEL[d.disposition]}) into ${d.binCode}`
      }
    />
  );
}

export function ReleaseQuarantineForm({ orgSlug, receiptId }: { orgSlug: string; receiptId: string }) {
  const fields: ScanField[] = [
    { name: 'binCode', label: 'To bin', kind: 'scan', required: true, placeholder: 'Scan bin' },
    { name: 'quantity', label: 'Quantity', kind: 'number', required: true },
  ];
  return (
    <ScanForm
      label="Release from quarantine"
      fields={fields}
      submitLabel="Release to bin"
      fixed={{ receiptId }}
      run={(input: Input_) => releaseReturnAction(orgSlug, input as never)}
      success={(d) => `${d.quantity} unit(s) released to ${d.binCode}`}
    />
  );
}

export function RefundForm({
  orgSlug,
  returnId,
  currency,
}: {
  orgSlug: string;
  returnId: string;
  currency: string | null;
}) {
  const fields: ScanField[] = [
    { name: 'amount', label: 'Amount', kind: 'text', required: true, placeholder: '12.50' },
    {
      name: 'currency',
      label: 'Currency',
      kind: 'text',
      required: true,
      defaultValue: currency ?? 'EUR',
      sticky: true,
    },
    { name: 'reason', label: 'Reason', kind: 'text', required: true },
  ];
  return (
    <ScanForm
      label="Record refund"
      fields={fields}
      submitLabel="Record refund"
      fixed={{ returnId }}
      run={(input: Input_) => recordRefundAction(orgSlug, input as never)}
      success={(d) => `Refund recorded on ${d.number}`}
    />
  );
}

export function CloseReturnButton({ orgSlug, returnId }: { orgSlug: string; returnId: string }) {
  const router = useRouter();
  const { toast } = useToast();
  const [pending, start] = useTransition();
  return (
    <Button
      variant="secondary"
      loading={pending}
      onClick={() =>
        start(async () => {
          const result = await closeReturnAction(orgSlug, { returnId });
          if (result.ok) toast({ title: `Return ${result.data.number} closed`, tone: 'success' });
          else toast({ title: result.error.message, tone: 'error' });
          router.refresh();
        })
      }
    >
      Close return
    </Button>
  );
}
