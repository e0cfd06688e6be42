'use client';
// The orders list's selection and its bulk actions: tick orders (or every order of the page),
// then create a pick list from them (lib/fulfilment/create-pick-list.ts: orders that cannot be
// picked are listed with why) or export just them (the CSV export with an `ids` filter, no buyer
// PII). The rows stay server-rendered; only the checkboxes and the bar share this state.
import { createContext, useContext, useState, type ReactNode } from 'react';
import { Button, buttonClasses } from '@/components/ui/button.tsx';
import { Select } from '@/components/ui/select.tsx';
import { PickListOutcome, useCreatePickList } from '@/components/fulfilment/use-create-pick-list.tsx';

interface Selection {
  selected: ReadonlySet<string>;
  set: (ids: readonly string[], on: boolean) => void;
}

const SelectionContext = createContext<Selection | null>(null);

function useSelection(): Selection {
  const value = useContext(SelectionContext);
  if (!value) throw new Error('order selection controls must be inside <OrderSelection>');
  return value;
}

export function OrderSelection({ children }: { children: ReactNode }) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const set = (ids: readonly string[], on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  return <SelectionContext.Provider value={{ selected, set }}>{children}</SelectionContext.Provider>;
}

export function SelectOrder({ id, label }: { id: string; label: string }) {
  const { selected, set } = useSelection();
  return (
    <input
      type="checkbox"
      aria-label={`Select order ${label}`}
      checked={selected.has(id)}
      onChange={(e) => set([id], e.target.checked)}
    />
  );
}

export function SelectPage({ ids }: { ids: readonly string[] }) {
  const { selected, set } = useSelection();
  return (
    <input
      type="checkbox"
      aria-label="Select every order on this page"
      checked={ids.length > 0 && ids.every((id) => selected.has(id))}
      onChange={(e) => set(ids, e.target.checked)}
    />
  );
}

export function OrdersBulkBar({
  orgSlug,
  exportHref,
  warehouses,
}: {
  orgSlug: string;
  /** The screen's CSV export URL: the selection alone is exported (`?ids=`). */
  exportHref: string;
  /** Warehouses to pick from; empty when the member may not create pick lists. */
  warehouses: readonly { id: string; name: string }[];
}) {
  const { selected, set } = useSelection();
  const { pending, outcome, create } = useCreatePickList(orgSlug);
  const [warehouseId, setWarehouseId] = useState(warehouses[0]?.id ?? '');
  const ids = [...selected];
  const none = ids.length === 0;
  return (
    <div className="mb-3 space-y-2">
      <div
        role="toolbar"
        aria-label="Selected orders"
        className="flex flex-wrap items-center gap-2 rounded border border-line px-3 py-2 text-sm"
      >
        <span aria-live="polite">{none ? 'No orders selected' : `${ids.length} selected`}</span>
        {warehouses.length > 0 ? (
          <>
            <Select
              aria-label="Pick from warehouse"
              value={warehouseId}
              onChange={(e) => setWarehouseId(e.target.value)}
              options={warehouses.map((w) => ({ value: w.id, label: w.name }))}
            />
            <Button
              size="sm"
              variant="primary"
              disabled={none}
              loading={pending}
              onClick={() => create({ warehouseId, kind: 'BATCH', orderIds: ids })}
            >
              Create pick list
            </Button>
          </>
        ) : null}
        {none ? null : (
          <a href={`${exportHref}?ids=${ids.join(',')}`} download className={buttonClasses({ size: 'sm' })}>
            Export selected
          </a>
        )}
        {none ? null : (
          <Button size="sm" variant="ghost" onClick={() => set(ids, false)}>
            Clear selection
          </Button>
        )}
      </div>
      <PickListOutcome orgSlug={orgSlug} outcome={outcome} />
    </div>
  );
}
