'use client';
// The order's stock allocation per line (lib/inventory/order-allocation.ts), with "Deallocate"
// (release every reservation: the stock is available to other orders) and "Allocate" (reserve
// the open lines again, by warehouse priority and FEFO/FIFO) for members with inventory.update.
import { useState, useTransition } from 'react';
import { Badge, type BadgeTone } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import type { LineAllocationStatus, OrderAllocation } from '@/lib/inventory/order-allocation.ts';
import { allocateOrderAction, deallocateOrderAction } from './allocation-actions.ts';

const STATUS: Record<LineAllocationStatus, { label: string; tone: BadgeTone }> = {
  ALLOCATED: { label: 'Allocated', tone: 'success' },
  PARTIAL: { label: 'Part allocated', tone: 'warning' },
  BACKORDERED: { label: 'Backordered', tone: 'danger' },
  UNMATCHED: { label: 'SKU not in catalogue', tone: 'danger' },
  NOT_NEEDED: { label: 'Not needed', tone: 'neutral' },
};

export function OrderAllocationPanel({
  orgSlug,
  allocation,
  canUpdate,
}: {
  orgSlug: string;
  allocation: OrderAllocation;
  canUpdate: boolean;
}) {
  const [pending, start] = useTransition();
  const [current, setCurrent] = useState(allocation);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const open = current.lines.some((l) => l.status !== 'NOT_NEEDED');

  const run = (action: typeof allocateOrderAction, done: (a: OrderAllocation) => string) =>
    start(async () => {
      const result = await action(orgSlug, { orderId: current.orderId });
      if (!result.ok) {
        setMessage({ tone: 'error', text: result.error.message });
        return;
      }
      setCurrent(result.data);
      setMessage({ tone: 'ok', text: done(result.data) });
    });

  return (
    <Card className="mt-6">
      <CardHeader
        title="Stock allocation"
        description={`${current.allocated} unit(s) allocated, ${current.backordered} backordered`}
        action={
          canUpdate && open ? (
            <div className="flex gap-2">
              <Button
                size="sm"
                variant="danger"
                disabled={pending || current.allocated === 0}
                onClick={() =>
                  run(deallocateOrderAction, () => 'Deallocated: the stock is free for other orders.')
                }
              >
                Deallocate
              </Button>
              <Button
                size="sm"
                disabled={pending || current.backordered === 0}
                onClick={() =>
                  run(
                    allocateOrderAction,
                    (a) =>
                      `Allocated ${a.allocated} unit(s)${a.backordered ? `, ${a.backordered} backordered` : ''}.`,
                  )
                }
              >
                Allocate
              </Button>
            </div>
          ) : null
        }
      />
      {message ? (
        <p
          role={message.tone === 'error' ? 'alert' : 'status'}
          className={`px-4 pt-3 text-sm ${message.tone === 'error' ? 'text-red-700' : 'text-ink-muted'}`}
        >
          {message.text}
        </p>
      ) : null}
      <Table caption="Allocation per line">
        <TableHead>
          <tr>
            <TableHeaderCell>SKU</TableHeaderCell>
            <TableHeaderCell align="right">Ordered</TableHeaderCell>
            <TableHeaderCell align="right">Shipped</TableHeaderCell>
            <TableHeaderCell align="right">Allocated</TableHeaderCell>
            <TableHeaderCell align="right">Backordered</TableHeaderCell>
            <TableHeaderCell>Status</TableHeaderCell>
          </tr>
        </TableHead>
        <TableBody>
          {current.lines.map((l) => (
            <TableRow key={l.orderLineId}>
              <TableCell className="font-medium">{l.sku ?? '—'}</TableCell>
              <TableCell align="right">{l.quantityOrdered}</TableCell>
              <TableCell align="right">{l.quantityShipped}</TableCell>
              <TableCell align="right">{l.allocated}</TableCell>
              <TableCell align="right">{l.backordered}</TableCell>
              <TableCell>
                <Badge tone={STATUS[l.status].tone}>{STATUS[l.status].label}</Badge>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Card>
  );
}
