import Link from 'next/link';

const TABS = [
  ['pick-lists', 'Pick lists'],
  ['pack', 'Packing'],
  ['shipments', 'Shipments'],
] as const;

export type FulfilmentTab = (typeof TABS)[number][0];

/** The fulfilment section's sub-navigation (pick lists; packing and shipments). */
export function FulfilmentNav({ orgSlug, current }: { orgSlug: string; current: FulfilmentTab }) {
  return (
    <nav aria-label="Fulfilment" className="mb-6 flex flex-wrap gap-1 border-b border-line print:hidden">
      {TABS.map(([segment, label]) => (
        <Link
          key={segment}
          href={`/${orgSlug}/fulfilment/${segment}`}
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
