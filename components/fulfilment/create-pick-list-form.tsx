'use client';
// Choosing orders for a new pick list: tick orders (all ticked by default), pick the kind, create.
// Orders left out by the server (partly allocated, already on a list…) are listed with the reason.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { createPickListAction } from '@/app/(app)/[org]/fulfilment/pick-lists/actions.ts';
import { Button } from '@/components/ui/button.tsx';
import { Select } from '@/components/ui/select.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';

export interface PickableOrderRow {
  id: string;
  label: string;
  shipBy: string | null;
  serviceLevel: string | null;
  needed: number;
  allocatedHere: number;
}

const KINDS = [
  { value: 'BATCH', label: 'Batch — many orders, one walk' },
  { value: 'WAVE', label: 'Wave — one list per ship-by cutoff' },
  { value: 'SINGLE', label: 'Single order' },
] as const;

const REASONS: Record<string, string> = {
  NOT_FOUND: 'not found',
  NOT_AWAITING_FULFILMENT: 'not awaiting fulfilment',
  ON_HOLD: 'on hold (order page)',
  ON_ANOTHER_PICK_LIST: 'already on an open pick list',
  NOT_ALLOCATED: 'no stock allocated in this warehouse',
  PARTIALLY_ALLOCATED: 'only partly allocated here',
};

export function CreatePickListForm({
  orgSlug,
  warehouseId,
  orders,
}: {
  orgSlug: string;
  warehouseId: string;
  orders: readonly PickableOrderRow[];
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [selected, setSelected] = useState<Set<string>>(() => new Set(orders.map((o) => o.id)));
  const [kind, setKind] = useState<string>('BATCH');
  const [allowPartial, setAllowPartial] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [skipped, setSkipped] = useState<{ label: string | null; reason: string }[]>([]);

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  function submit() {
    start(async () => {
      const result = await createPickListAction(orgSlug, {
        warehouseId,
        kind: kind as (typeof KINDS)[number]['value'],
        orderIds: [...selected],
        allowPartial,
      });
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      setError(null);
      setSkipped(result.data.skipped);
      const first = result.data.pickLists[0];
      if (first && result.data.skipped.length === 0) {
        router.push(`/${orgSlug}/fulfilment/pick-lists/${first.id}`);
      } else {
        router.refresh();
        if (result.data.pickLists.length === 0) setError('No pick list was created.');
      }
    });
  }

  if (orders.length === 0) {
    return <p className="text-sm text-ink-muted">No orders are waiting to be picked in this warehouse.</p>;
  }
  return (
    <div className="space-y-4">
      <Table caption="Orders to pick">
        <TableHead>
          <tr>
            <TableHeaderCell>
              <input
                type="checkbox"
                aria-label="Select all orders"
                checked={selected.size === orders.length}
                onChange={(e) => setSelected(e.target.checked ? new Set(orders.map((o) => o.id)) : new Set())}
              />
            </TableHeaderCell>
            <TableHeaderCell>Order</TableHeaderCell>
            <TableHeaderCell>Ship by</TableHeaderCell>
            <TableHeaderCell>Service</TableHeaderCell>
            <TableHeaderCell>Allocated here</TableHeaderCell>
          </tr>
        </TableHead>
        <TableBody>
          {orders.map((o) => (
            <TableRow key={o.id}>
              <TableCell>
                <input
                  type="checkbox"
                  aria-label={`Select order ${o.label}`}
                  checked={selected.has(o.id)}
                  onChange={() => toggle(o.id)}
                />
              </TableCell>
              <TableCell className="font-mono">{o.label}</TableCell>
              <TableCell>{o.shipBy ?? '—'}</TableCell>
              <TableCell>{o.serviceLevel ?? '—'}</TableCell>
              <TableCell className={o.allocatedHere < o.needed ? 'text-amber-700' : undefined}>
                {o.allocatedHere}/{o.needed}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <div className="flex flex-wrap items-end gap-3">
        <label className="text-sm">
          <span className="mb-1 block text-ink-muted">Kind</span>
          <Select name="kind" value={kind} onChange={(e) => setKind(e.target.value)} options={KINDS} />
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={allowPartial} onChange={(e) => setAllowPartial(e.target.checked)} />
          Include partly allocated orders
        </label>
        <Button variant="primary" loading={pending} disabled={selected.size === 0} onClick={submit}>
          Create pick list ({selected.size} orders)
        </Button>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {skipped.length > 0 ? (
        <div role="status" className="rounded border border-line p-3 text-sm">
          <p className="font-medium">Left out:</p>
          <ul className="list-disc pl-5">
            {skipped.map((s, i) => (
              <li key={i}>
                {s.label ?? 'an order'} — {REASONS[s.reason] ?? s.reason}
              </li>
            ))}
          </ul>
          <Link className="underline" href={`/${orgSlug}/fulfilment/pick-lists`}>
            See pick lists
          </Link>
        </div>
      ) : null}
    </div>
  );
}
