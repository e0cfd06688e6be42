import Link from 'next/link';
import type { WarehouseView } from '@/lib/warehouse/views.ts';

/** Links that narrow a list to one warehouse (`?warehouseId=`), or show all. */
export function WarehouseFilter({
  base,
  warehouses,
  current,
}: {
  base: string;
  warehouses: WarehouseView[];
  current: string | undefined;
}) {
  if (warehouses.length < 2) return null;
  const options = [
    { id: undefined, label: 'All warehouses' },
    ...warehouses.map((w) => ({ id: w.id, label: w.code })),
  ];
  return (
    <nav aria-label="Warehouse" className="mb-4 flex flex-wrap gap-2 text-sm">
      {options.map((o) => (
        <Link
          key={o.id ?? 'all'}
          href={o.id ? `${base}?warehouseId=${o.id}` : base}
          aria-current={o.id === current ? 'page' : undefined}
          className={
            o.id === current
              ? 'rounded-full bg-accent px-3 py-1 font-medium text-white'
              : 'rounded-full border border-line px-3 py-1 text-ink-muted hover:text-ink'
          }
        >
          {o.label}
        </Link>
      ))}
    </nav>
  );
}

/** The `warehouseId` search parameter when it names one of the tenant's warehouses. */
export function chosenWarehouse(
  warehouses: WarehouseView[],
  searchParams: Record<string, string | string[] | undefined>,
): string | undefined {
  const id = searchParams.warehouseId;
  return typeof id === 'string' && warehouses.some((w) => w.id === id) ? id : undefined;
}
