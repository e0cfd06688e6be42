import Link from 'next/link';

const TABS = [
  ['', 'Stock'],
  ['products', 'Products'],
  ['listings', 'Listings'],
  ['warehouses', 'Warehouses & bins'],
  ['deliveries', 'Deliveries'],
  ['receive', 'Receive'],
  ['putaway', 'Put away'],
  ['transfer', 'Transfer'],
  ['quarantine', 'Quarantine'],
  ['counts', 'Counts'],
  ['ledger', 'Ledger'],
  ['backorders', 'Backorders'],
] as const;

/** The inventory section's sub-navigation. */
export function InventoryTabs({ orgSlug, current }: { orgSlug: string; current: (typeof TABS)[number][0] }) {
  return (
    <nav aria-label="Inventory" className="mb-6 flex flex-wrap gap-1 border-b border-line">
      {TABS.map(([segment, label]) => (
        <Link
          key={segment}
          href={`/${orgSlug}/inventory${segment ? `/${segment}` : ''}`}
          aria-current={segment === current ? 'page' : undefined}
          className={
            segment === current
              ? '-mb-px border-b-2 border-accent px-3 py-2 text-sm font-medium text-ink'
              : 'px-3 py-2 text-sm text-ink-muted hover:text-ink'
          }
        >
          {label}
        </Link>
      ))}
    </nav>
  );
}
