// The one resolver of display names: each kind resolves to what people read, a deleted account
// shows as "Deleted user" (never its old name), another tenant's ids stay unresolved, and no buyer
// detail of an order (the CANARY recipient in the vault) ever comes out of it.
import { describe, expect, it } from 'vitest';
import { systemDb } from '../db/system.ts';
import { deleteUserAccount, DELETED_USER_NAME } from '../privacy/delete-user-account.ts';
import { addMember, createUser } from '../../tests/factories.ts';
import {
  createInventoryTenant,
  createTestLocation,
  createTestProduct,
  createTestWarehouse,
} from '../../tests/factories/inventory.ts';
import { createOrdersWithPii } from '../../tests/factories/orders.ts';
import { resolveNames } from './resolve-names.ts';

const CANARY = 'CANARY-names-7f3a';

async function seed() {
  const t = await createInventoryTenant();
  const organizationId = t.org.id;
  const person = await createUser({ name: `Ada ${crypto.randomUUID().slice(0, 6)}` });
  const membership = await addMember(organizationId, person.id, 'MANAGER');
  const product = await createTestProduct(organizationId);
  const warehouse = await createTestWarehouse(organizationId);
  const location = await createTestLocation(organizationId, warehouse.id);
  const lot = await systemDb().lot.create({
    data: { organizationId, productId: product.id, lotNumber: `LOT-${crypto.randomUUID().slice(0, 6)}` },
  });
  const [order] = await createOrdersWithPii(t.manager, [
    { buyer: { name: `${CANARY} Buyer`, email: `${CANARY}@example.com`, postcode: CANARY } },
  ]);
  return { ...t, person, membership, product, warehouse, location, lot, order: order! };
}

/** Every kind's id of a seeded tenant. */
const idsOf = (s: Awaited<ReturnType<typeof seed>>) => [
  s.person.id,
  s.membership.id,
  s.product.id,
  s.warehouse.id,
  s.location.id,
  s.lot.id,
  s.order.id,
];

describe('resolveNames', () => {
  it('names each kind as people read it, with the member email as detail', async () => {
    const s = await seed();
    const names = await resolveNames(s.manager, [...idsOf(s), 'not-an-id', null]);
    expect(names.get(s.person.id)).toEqual({ kind: 'user', label: s.person.name, detail: s.person.email });
    expect(names.get(s.membership.id)).toEqual({
      kind: 'member',
      label: s.person.name,
      detail: s.person.email,
    });
    expect(names.get(s.product.id)).toEqual({ kind: 'product', label: s.product.sku });
    expect(names.get(s.warehouse.id)).toEqual({
      kind: 'warehouse',
      label: s.warehouse.code,
      detail: s.warehouse.name,
    });
    expect(names.get(s.location.id)).toEqual({
      kind: 'location',
      label: s.location.code,
      detail: `warehouse ${s.warehouse.code}`,
    });
    expect(names.get(s.lot.id)).toEqual({ kind: 'lot', label: s.lot.lotNumber });
    expect(names.get(s.order.id)).toEqual({ kind: 'order', label: s.order.amazonOrderId });
    expect(names.size).toBe(7);
    // No buyer detail of the order comes out, whatever the kind.
    expect(JSON.stringify([...names.values()])).not.toContain(CANARY);
  });

  it('resolves at display time: a renamed product shows its new SKU, a deleted account "Deleted user"', async () => {
    const s = await seed();
    const leaver = await createUser({ name: 'Leaving Person' });
    await addMember(s.org.id, leaver.id, 'VIEWER');
    const before = await resolveNames(s.manager, [leaver.id, s.product.id]);
    expect(before.get(leaver.id)?.label).toBe('Leaving Person');

    await deleteUserAccount(leaver.id, new Date());
    await systemDb().product.update({ where: { id: s.product.id }, data: { sku: `${s.product.sku}-NEW` } });
    const after = await resolveNames(s.manager, [leaver.id, s.product.id]);
    expect(after.get(leaver.id)).toEqual({ kind: 'user', label: DELETED_USER_NAME });
    expect(JSON.stringify(after.get(leaver.id))).not.toContain('Leaving');
    expect(after.get(s.product.id)?.label).toBe(`${s.product.sku}-NEW`);
  });

  it("never resolves another tenant's ids (people, products, bins, lots, orders)", async () => {
    const a = await seed();
    const b = await seed();
    const names = await resolveNames(a.manager, [...idsOf(b), a.product.id]);
    expect([...names.keys()]).toEqual([a.product.id]);
  });
});
