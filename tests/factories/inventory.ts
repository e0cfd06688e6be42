// Inventory test factories: tenants with members, products, warehouses and bins, written through
// the system client (like tests/factories.ts) so they never depend on the code under test.
import { randomBytes } from 'node:crypto';
import { systemDb } from '../../lib/db/system.ts';
import type { LocationType, MembershipRole } from '../../lib/db/generated/prisma/enums.ts';
import { userContext, type TenantContext } from '../../lib/tenancy/tenant-context.ts';
import { addMember, createOrganization, createUser } from '../factories.ts';

const unique = () => randomBytes(4).toString('hex');

/** A member of the organization with the role, as the context a use case receives. */
export async function memberContext(organizationId: string, role: MembershipRole): Promise<TenantContext> {
  const user = await createUser();
  await addMember(organizationId, user.id, role);
  return userContext({ organizationId, userId: user.id, role });
}

/** A fresh organization with a MANAGER (inventory.approve), a WAREHOUSE and a VIEWER member. */
export async function createInventoryTenant() {
  const org = await createOrganization();
  return {
    org,
    manager: await memberContext(org.id, 'MANAGER'),
    warehouse: await memberContext(org.id, 'WAREHOUSE'),
    viewer: await memberContext(org.id, 'VIEWER'),
  };
}

export async function createTestProduct(
  organizationId: string,
  input: {
    sku?: string;
    barcode?: string | null;
    lotTracked?: boolean;
    expiryTracked?: boolean;
    expiryExclusionDays?: number;
  } = {},
) {
  const sku = input.sku ?? `SKU-${unique()}`;
  return systemDb().product.create({
    data: {
      organizationId,
      sku,
      name: `Product ${sku}`,
      barcode: input.barcode ?? null,
      lotTracked: input.lotTracked ?? input.expiryTracked ?? false,
      expiryTracked: input.expiryTracked ?? false,
      expiryExclusionDays: input.expiryExclusionDays ?? 0,
    },
  });
}

export async function createTestWarehouse(
  organizationId: string,
  input: { code?: string; priority?: number } = {},
) {
  const code = input.code ?? `WH${unique().toUpperCase()}`;
  return systemDb().warehouse.create({
    data: { organizationId, code, name: `Warehouse ${code}`, priority: input.priority ?? 100 },
  });
}

export async function createTestLocation(
  organizationId: string,
  warehouseId: string,
  input: { code?: string; type?: LocationType; pickSequence?: number } = {},
) {
  return systemDb().location.create({
    data: {
      organizationId,
      warehouseId,
      code: input.code ?? `L-${unique().toUpperCase()}`,
      type: input.type ?? 'PICK_FACE',
      pickSequence: input.pickSequence ?? 0,
    },
  });
}
