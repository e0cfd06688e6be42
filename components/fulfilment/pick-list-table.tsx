// A pick list's tasks in walk order: bin, SKU, product, lot, quantity, the orders in each task and
// (on screen) who picked what when. Shared by the detail page and the print view. Order numbers
// only: no buyer PII.
import type { PickListView } from '@/lib/fulfilment/get-pick-list.ts';

const STATE_LABEL = {
  OPEN: '',
  PICKED: 'picked',
  SHORT_REALLOCATED: 'short → re-allocated',
  BACKORDERED: 'short → backordered',
} as const;

export function PickListTable({ list, showProgress }: { list: PickListView; showProgress?: boolean }) {
  return (
    <table className="w-full border-collapse text-sm" aria-label={`Pick list ${list.number}`}>
      <thead>
        <tr className="border-b border-line text-left">
          <th className="py-2 pr-2">#</th>
          <th className="py-2 pr-2">Bin</th>
          <th className="py-2 pr-2">SKU</th>
          <th className="py-2 pr-2">Product</th>
          <th className="py-2 pr-2">Lot</th>
          <th className="py-2 pr-2 text-right">Qty</th>
          <th className="py-2 pr-2">Orders</th>
        </tr>
      </thead>
      <tbody>
        {list.tasks.map((task, i) => (
          <tr
            key={task.key}
            className="break-inside-avoid border-b border-line align-top"
            data-testid="pick-task"
          >
            <td className="py-2 pr-2">{i + 1}</td>
            <td className="py-2 pr-2 font-mono font-semibold">{task.locationCode}</td>
            <td className="py-2 pr-2 font-mono">{task.sku}</td>
            <td className="py-2 pr-2">{task.productName}</td>
            <td className="py-2 pr-2 font-mono">{task.lotNumber ?? ''}</td>
            <td className="py-2 pr-2 text-right font-semibold">{task.quantity}</td>
            <td className="py-2 pr-2">
              <ul>
                {task.lines.map((l) => (
                  <li key={l.id}>
                    <span className="font-mono">{l.orderLabel}</span> ×{l.quantity}
                    {showProgress && l.state !== 'OPEN' ? (
                      <span className="ml-2 text-ink-muted">
                        {STATE_LABEL[l.state]} {l.picked > 0 ? `${l.picked}` : ''}
                        {l.pickedBy ? ` by ${l.pickedBy}` : ''}
                        {l.pickedAt ? ` at ${l.pickedAt.toISOString().slice(11, 16)}` : ''}
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr className="font-semibold">
          <td className="py-2" colSpan={5}>
            Totals: {list.tasks.length} bin visits, {list.totals.lines} lines, {list.totals.orders} orders
          </td>
          <td className="py-2 pr-2 text-right">{list.totals.units}</td>
          <td />
        </tr>
      </tfoot>
    </table>
  );
}
