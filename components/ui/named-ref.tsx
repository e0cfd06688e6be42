import type { NameBook } from '@/lib/names/resolve-names.ts';

/**
 * An id as people read it (a member's name and email, a SKU, an order number, a bin code), with
 * the raw id one click away. An id the book does not know is shown raw.
 */
export function NamedRef({ id, names }: { id: string | null | undefined; names: NameBook }) {
  if (!id) return <span className="text-ink-muted">—</span>;
  const name = names.get(id);
  if (!name) return <code className="text-xs">{id}</code>;
  return (
    <details className="inline-block align-top" data-testid="named-ref" data-kind={name.kind}>
      <summary className="cursor-pointer">
        <span className="font-medium">{name.label}</span>
        {name.detail ? <span className="ml-1 text-ink-muted">{name.detail}</span> : null}
      </summary>
      <code className="text-xs text-ink-muted">{id}</code>
    </details>
  );
}
