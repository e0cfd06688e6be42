import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { Badge } from '@/components/ui/badge.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import {
  DISPOSITION_LABEL,
  REASON_LABEL,
  RETURN_STATUS_LABEL,
  RETURN_STATUS_TONE,
} from '@/components/returns/labels.ts';
import { holds, requireTenant } from '@/lib/auth/require-tenant.ts';
import { isAppError } from '@/lib/errors/app-error.ts';
import { getReturn } from '@/lib/returns/get-return.ts';
import { minorDigits } from '@/lib/returns/money.ts';
import { CloseReturnButton, ReceiveReturnForm, RefundForm, ReleaseQuarantineForm } from '../forms.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Return' };

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

function amount(minor: bigint, currency: string): string {
  const digits = minorDigits(currency);
  const value = Number(minor) / 10 ** digits;
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(value);
}

/** One return: what is expected, the receipt form (scanner-friendly), receipts, ledger, refunds. */
export default async function ReturnPage({ params }: { params: Promise<{ org: string; returnId: string }> }) {
  const { org: slug, returnId } = await params;
  const tenant = await requireTenant(slug, 'orders.read');
  if (!z.uuid().safeParse(returnId).success) notFound();
  const rma = await getReturn(tenant.ctx, returnId).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'NOT_FOUND') return null;
    throw error;
  });
  if (!rma) notFound();
  const orgSlug = tenant.organization.slug;
  const canManage = holds(tenant, 'returns.manage');
  const open = rma.status !== 'CLOSED';

  return (
    <>
      <PageHeader
        title={`Return ${rma.number}`}
        description={`${rma.quantityExpected} × ${rma.product.sku} — ${rma.product.name}`}
        actions={
          <div className="flex items-center gap-3">
            <Badge tone={RETURN_STATUS_TONE[rma.status]}>{RETURN_STATUS_LABEL[rma.status]}</Badge>
            {canManage && open ? <CloseReturnButton orgSlug={orgSlug} returnId={rma.id} /> : null}
            <Link href={`/${orgSlug}/returns`}>All returns</Link>
          </div>
        }
      />
      <div className="mb-6 grid gap-6 md:grid-cols-2">
        <Card>
          <CardHeader title="Return" />
          <dl className="grid grid-cols-[9rem_1fr] gap-1 p-4 text-sm">
            <dt className="text-ink-muted">Order</dt>
            <dd>
              <Link href={`/${orgSlug}/orders/${rma.order.id}`}>
                {rma.order.amazonOrderId ?? rma.order.id}
              </Link>
            </dd>
            <dt className="text-ink-muted">Line</dt>
            <dd>
              {rma.orderLine.sku} {rma.orderLine.title ? `· ${rma.orderLine.title}` : ''} (shipped{' '}
              {rma.orderLine.quantityShipped})
            </dd>
            <dt className="text-ink-muted">Reason</dt>
            <dd>
              {REASON_LABEL[rma.reason]}
              {rma.reasonNote ? ` — ${rma.reasonNote}` : ''}
            </dd>
            <dt className="text-ink-muted">Expected</dt>
            <dd>
              {rma.quantityExpected} unit(s){rma.expectedOn ? ` by ${day.format(rma.expectedOn)}` : ''}
            </dd>
            <dt className="text-ink-muted">Received</dt>
            <dd data-testid="return-received">
              {rma.quantityReceived} of {rma.quantityExpected}
            </dd>
            <dt className="text-ink-muted">Created</dt>
            <dd>{when.format(rma.createdAt)} UTC</dd>
            {rma.closedAt ? (
              <>
                <dt className="text-ink-muted">Closed</dt>
                <dd>{when.format(rma.closedAt)} UTC</dd>
              </>
            ) : null}
          </dl>
        </Card>
        {canManage && open && rma.quantityReceived < rma.quantityExpected ? (
          <Card>
            <CardHeader title="Receive" />
            <div className="p-4">
              <ReceiveReturnForm orgSlug={orgSlug} returnId={rma.id} />
            </div>
          </Card>
        ) : null}
      </div>

      <Table caption="Receipts" showCaption>
        <TableHead>
          <tr>
            <TableHeaderCell>Received</TableHeaderCell>
            <TableHeaderCell>Disposition</TableHeaderCell>
            <TableHeaderCell align="right">Units</TableHeaderCell>
            <TableHeaderCell>Location</TableHeaderCell>
            <TableHeaderCell>Lot</TableHeaderCell>
            <TableHeaderCell>Note</TableHeaderCell>
            <TableHeaderCell>Quarantine</TableHeaderCell>
          </tr>
        </TableHead>
        <TableBody>
          {rma.receipts.length === 0 ? (
            <TableRow>
              <TableCell colSpan={7} className="text-ink-muted">
                Nothing received yet.
              </TableCell>
            </TableRow>
          ) : (
            rma.receipts.map((r) => {
              const held = r.quantity - r.quantityReleased;
              return (
                <TableRow key={r.id}>
                  <TableCell>{when.format(r.receivedAt)} UTC</TableCell>
                  <TableCell>{DISPOSITION_LABEL[r.disposition]}</TableCell>
                  <TableCell align="right" numeric>
                    {r.quantity}
                  </TableCell>
                  <TableCell>{r.location.code}</TableCell>
                  <TableCell>{r.lot?.lotNumber ?? '—'}</TableCell>
                  <TableCell>{r.note ?? ''}</TableCell>
                  <TableCell>
                    {r.disposition !== 'QUARANTINE' ? (
                      '—'
                    ) : held === 0 ? (
                      'All released'
                    ) : (
                      <div className="space-y-2">
                        <p>{held} held</p>
                        {canManage ? <ReleaseQuarantineForm orgSlug={orgSlug} receiptId={r.id} /> : null}
                      </div>
                    )}
                  </TableCell>
                </TableRow>
              );
            })
          )}
        </TableBody>
      </Table>

      <div className="mt-6">
        <Table caption="Stock ledger for this return" showCaption>
          <TableHead>
            <tr>
              <TableHeaderCell>At</TableHeaderCell>
              <TableHeaderCell>Movement</TableHeaderCell>
              <TableHeaderCell align="right">Units</TableHeaderCell>
              <TableHeaderCell>From</TableHeaderCell>
              <TableHeaderCell>To</TableHeaderCell>
              <TableHeaderCell>Lot</TableHeaderCell>
            </tr>
          </TableHead>
          <TableBody>
            {rma.movements.map((m) => (
              <TableRow key={m.id}>
                <TableCell>{when.format(m.at)} UTC</TableCell>
                <TableCell>{m.type}</TableCell>
                <TableCell align="right" numeric>
                  {m.quantity}
                </TableCell>
                <TableCell>{m.fromLocation?.code ?? '—'}</TableCell>
                <TableCell>{m.toLocation?.code ?? '—'}</TableCell>
                <TableCell>{m.lot?.lotNumber ?? '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>

      <Card className="mt-6">
        <CardHeader title="Refunds" />
        <div className="space-y-4 p-4 text-sm">
          {rma.refunds.length === 0 ? (
            <p className="text-ink-muted">No refund recorded.</p>
          ) : (
            <ul className="space-y-1" aria-label="Refunds">
              {rma.refunds.map((f) => (
                <li key={f.id}>
                  {amount(f.amountMinor, f.currency)} — {f.reason}{' '}
                  <span className="text-ink-muted">({when.format(f.refundedAt)} UTC)</span>
                </li>
              ))}
            </ul>
          )}
          <p className="text-ink-muted">
            Refunds are recorded in Packline only. For Amazon merchant-fulfilled orders, issue the refund in
            Seller Central (Amazon takes it through the Feeds API, POST_PAYMENT_ADJUSTMENT_DATA, which
            Packline does not push yet).
          </p>
          {canManage ? (
            <RefundForm orgSlug={orgSlug} returnId={rma.id} currency={rma.order.currency} />
          ) : null}
        </div>
      </Card>
    </>
  );
}
