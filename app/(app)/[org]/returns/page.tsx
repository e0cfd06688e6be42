import type { Metadata } from 'next';
import Link from 'next/link';
import { Undo2 } from 'lucide-react';
import { Badge } from '@/components/ui/badge.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { KeysetPager } from '@/components/ui/keyset-pager.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { REASON_LABEL, RETURN_STATUS_LABEL, RETURN_STATUS_TONE } from '@/components/returns/labels.ts';
import { requireTenant } from '@/lib/auth/require-tenant.ts';
import { listReturns } from '@/lib/returns/list-returns.ts';
import { RETURN_STATUSES, ZListReturnsInput } from '@/lib/returns/schemas.ts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Returns' };

type SP = Record<string, string | string[] | undefined>;
const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

/** Returns (RMAs), newest first, filtered by status. RMAs are created from an order's page. */
export default async function ReturnsPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<SP>;
}) {
  const { org: slug } = await params;
  const tenant = await requireTenant(slug, 'orders.read');
  const sp = await searchParams;
  const one = (k: string) => (typeof sp[k] === 'string' ? (sp[k] as string) : undefined);
  const input = { status: one('status'), after: one('after') };
  const parsed = ZListReturnsInput.safeParse(input);
  const page = parsed.success ? await listReturns(tenant.ctx, parsed.data) : null;
  const base = `/${tenant.organization.slug}/returns`;
  const total = page ? Object.values(page.counts).reduce((a, b) => a + b, 0) : 0;

  return (
    <>
      <PageHeader
        title="Returns"
        description="Returned items: receive them into stock, quarantine or scrap, and record refunds. Create a return from the order’s page."
      />
      <nav aria-label="Return status" className="mb-4 flex flex-wrap gap-2 text-sm">
        <Link href={base} className={!input.status ? 'font-semibold' : ''}>
          All ({total})
        </Link>
        {RETURN_STATUSES.map((s) => (
          <Link key={s} href={`${base}?status=${s}`} className={input.status === s ? 'font-semibold' : ''}>
            {RETURN_STATUS_LABEL[s]} ({page?.counts[s] ?? 0})
          </Link>
        ))}
      </nav>
      {!page ? (
        <p role="alert" className="text-sm text-red-700">
          Those filters are not valid.
        </p>
      ) : page.returns.length === 0 ? (
        <EmptyState icon={Undo2} title="No returns" description="Returns created from orders appear here." />
      ) : (
        <>
          <Table caption="Returns">
            <TableHead>
              <tr>
                <TableHeaderCell>Return</TableHeaderCell>
                <TableHeaderCell>Order</TableHeaderCell>
                <TableHeaderCell>SKU</TableHeaderCell>
                <TableHeaderCell>Reason</TableHeaderCell>
                <TableHeaderCell align="right">Received</TableHeaderCell>
                <TableHeaderCell>Expected</TableHeaderCell>
                <TableHeaderCell>Status</TableHeaderCell>
              </tr>
            </TableHead>
            <TableBody>
              {page.returns.map((r) => (
                <TableRow key={r.id}>
                  <TableCell className="font-medium">
                    <Link href={`${base}/${r.id}`}>{r.number}</Link>
                  </TableCell>
                  <TableCell>
                    <Link href={`/${tenant.organization.slug}/orders/${r.order.id}`}>
                      {r.order.amazonOrderId ?? r.order.id}
                    </Link>
                  </TableCell>
                  <TableCell>{r.product.sku}</TableCell>
                  <TableCell>{REASON_LABEL[r.reason]}</TableCell>
                  <TableCell align="right" numeric>
                    {r.quantityReceived} / {r.quantityExpected}
                  </TableCell>
                  <TableCell>{r.expectedOn ? day.format(r.expectedOn) : '—'}</TableCell>
                  <TableCell>
                    <Badge tone={RETURN_STATUS_TONE[r.status]}>{RETURN_STATUS_LABEL[r.status]}</Badge>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <KeysetPager
            pathname={base}
            searchParams={sp}
            prevCursor={null}
            nextCursor={page.nextCursor}
            label="Returns pages"
          />
        </>
      )}
    </>
  );
}
