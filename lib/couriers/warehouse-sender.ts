// The ship-from address of a warehouse (business address, set in shipping settings), as the
// couriers' neutral Address. Null until the warehouse has one: labels need it.
import type { TenantTx } from '../db/tenant.ts';
import type { Address } from './courier-adapter.ts';

export async function warehouseSender(
  tx: TenantTx,
  organizationId: string,
  warehouseId: string,
): Promise<Address | null> {
  const w = await tx.warehouse.findFirst({
    where: { organizationId, id: warehouseId },
    select: {
      name: true,
      senderName: true,
      senderLine1: true,
      senderLine2: true,
      senderCity: true,
      senderPostcode: true,
      senderCountryCode: true,
      senderPhone: true,
    },
  });
  if (!w?.senderLine1 || !w.senderCity || !w.senderCountryCode) return null;
  return {
    name: w.senderName ?? w.name,
    company: w.senderName ?? undefined,
    line1: w.senderLine1,
    line2: w.senderLine2 ?? undefined,
    city: w.senderCity,
    postcode: w.senderPostcode ?? undefined,
    countryCode: w.senderCountryCode,
    phone: w.senderPhone ?? undefined,
  };
}
