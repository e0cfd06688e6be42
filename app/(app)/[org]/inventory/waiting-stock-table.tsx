import type { ReactNode } from 'react';
import Link from 'next/link';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import type { WaitingStock } from '@/lib/inventory/list-stock-by-location-type.ts';

/** Stock waiting in receiving or quarantine bins, with an extra column (suggestions, age…). */
export function WaitingStockTable({
  orgSlug,
  caption,
  rows,
  extra,
}: {
  orgSlug: string;
  caption: string;
  rows: WaitingStock[];
  extra: { header: string; cell: (row: WaitingStock, index: number) => ReactNode };
}) {
  return (
    <Table caption={caption}>
      <TableHead>
        <tr>
          <TableHeaderCell>Bin</TableHeaderCell>
          <TableHeaderCell>SKU</TableHeaderCell>
          <TableHeaderCell>Lot</TableHeaderCell>
          <TableHeaderCell>Expires</TableHeaderCell>
          <TableHeaderCell align="right">On hand</TableHeaderCell>
          <TableHeaderCell>{extra.header}</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {rows.map((r, i) => (
          <TableRow key={`${r.locationId}:${r.productId}:${r.lotNumber ?? ''}`} data-testid="waiting-row">
            <TableCell className="font-medium">
              <Link className="hover:underline" href={`/${orgSlug}/inventory/locations/${r.locationId}`}>
                {r.locationCode}
              </Link>
            </TableCell>
            <TableCell>
              <Link className="hover:underline" href={`/${orgSlug}/inventory/products/${r.productId}`}>
                {r.sku}
              </Link>
            </TableCell>
            <TableCell>{r.lotNumber ?? '—'}</TableCell>
            <TableCell>{r.expiresOn ?? '—'}</TableCell>
            <TableCell numeric>{r.onHand}</TableCell>
            <TableCell>{extra.cell(r, i)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
