// The warehouse a page under /inventory/warehouses/[warehouseId] is about, or a 404.
import { notFound } from 'next/navigation';
import { z } from 'zod';
import type { TenantContext } from '@/lib/tenancy/tenant-context.ts';
import { listWarehouses } from '@/lib/warehouse/list-warehouses.ts';

export async function loadWarehouseOr404(ctx: TenantContext, warehouseId: string) {
  if (!z.uuid().safeParse(warehouseId).success) notFound();
  const warehouse = (await listWarehouses(ctx)).find((w) => w.id === warehouseId);
  if (!warehouse) notFound();
  return warehouse;
}
