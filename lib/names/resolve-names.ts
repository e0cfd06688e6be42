// The names people read for the ids a screen shows (docs/decisions/0029-readable-history.md): a
// member's name and email, a product's SKU, an order's Amazon order number, a bin's code, a lot's
// number, a warehouse's code and name. Resolved at display time, so a renamed product or a deleted
// account shows as it is now ("Deleted user", never a stale name). Only this organization's rows
// are read (tenant transaction under RLS, and every query names the organization); another
// tenant's id, or an id of a kind not listed here, stays unresolved and is shown raw. Buyer details
// are never read: an order resolves to its channel number only.
import { z } from 'zod';
import { withTenant } from '../db/tenant.ts';
import { DELETED_USER_NAME, deletedUserEmail } from '../privacy/delete-user-account.ts';
import type { TenantContext } from '../tenancy/tenant-context.ts';

export type RefKind = 'user' | 'member' | 'product' | 'order' | 'location' | 'lot' | 'warehouse';

export interface RefName {
  kind: RefKind;
  label: string;
  /** A second line: the member's email, the bin's warehouse. */
  detail?: string;
}

export type NameBook = ReadonlyMap<string, RefName>;

/** At most this many distinct ids per call (a page of rows and their references). */
const MAX_IDS = 2000;
const isUuid = (v: string) => z.uuid().safeParse(v).success;

/** Names for the ids among `values` (anything not an id, null or unknown is skipped). */
export async function resolveNames(
  ctx: TenantContext,
  values: Iterable<string | null | undefined>,
): Promise<NameBook> {
  const ids = [...new Set([...values].filter((v): v is string => typeof v === 'string' && isUuid(v)))];
  const book = new Map<string, RefName>();
  if (ids.length === 0) return book;
  const wanted = z.array(z.uuid()).max(MAX_IDS).parse(ids);
  const organizationId = ctx.organizationId;
  await withTenant(organizationId, async (tx) => {
    const memberships = await tx.membership.findMany({
      where: { organizationId, OR: [{ userId: { in: wanted } }, { id: { in: wanted } }] },
      select: { id: true, userId: true, user: { select: { name: true, email: true } } },
    });
    for (const m of memberships) {
      const detail = m.user.email;
      if (wanted.includes(m.userId)) book.set(m.userId, { kind: 'user', label: m.user.name, detail });
      if (wanted.includes(m.id)) book.set(m.id, { kind: 'member', label: m.user.name, detail });
    }
    // An account deleted since: its row is anonymised and carries no name to show. Matched by the
    // pseudonymous address derived from the id, so nothing else about any user is read here.
    const unresolved = wanted.filter((id) => !book.has(id));
    const deleted = await tx.user.findMany({
      where: { id: { in: unresolved }, email: { in: unresolved.map(deletedUserEmail) } },
      select: { id: true },
    });
    for (const u of deleted) book.set(u.id, { kind: 'user', label: DELETED_USER_NAME });

    // One after another: a transaction is one connection.
    const products = await tx.product.findMany({
      where: { organizationId, id: { in: wanted } },
      select: { id: true, sku: true },
    });
    const orders = await tx.order.findMany({
      where: { organizationId, id: { in: wanted } },
      select: { id: true, amazonOrderId: true, channel: true },
    });
    const locations = await tx.location.findMany({
      where: { organizationId, id: { in: wanted } },
      select: { id: true, code: true, warehouse: { select: { code: true } } },
    });
    const lots = await tx.lot.findMany({
      where: { organizationId, id: { in: wanted } },
      select: { id: true, lotNumber: true },
    });
    const warehouses = await tx.warehouse.findMany({
      where: { organizationId, id: { in: wanted } },
      select: { id: true, code: true, name: true },
    });
    for (const p of products) book.set(p.id, { kind: 'product', label: p.sku });
    for (const o of orders)
      book.set(o.id, { kind: 'order', label: o.amazonOrderId ?? `${o.channel.toLowerCase()} order` });
    for (const l of locations)
      book.set(l.id, { kind: 'location', label: l.code, detail: `warehouse ${l.warehouse.code}` });
    for (const l of lots) book.set(l.id, { kind: 'lot', label: l.lotNumber });
    for (const w of warehouses) book.set(w.id, { kind: 'warehouse', label: w.code, detail: w.name });
  });
  return book;
}
