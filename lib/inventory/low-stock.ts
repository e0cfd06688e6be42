// Low stock: a product with a reorder point whose available units (availability.ts) are at or
// below it. One statement shared by the products screen's filter and the dashboard's count.
import { Prisma } from '../db/generated/prisma/client.ts';
import { availableQuantitySql } from './availability.ts';

/** SELECT of the ids (`id`) of the organization's low-stock products. */
export const lowStockProductIds = (organizationId: string, now: Date): Prisma.Sql => Prisma.sql`
  SELECT p.id FROM products p
   WHERE p.organization_id = ${organizationId}::uuid AND p.reorder_point IS NOT NULL
     AND coalesce((
           SELECT sum(${availableQuantitySql(now)})
             FROM stock_levels s
             JOIN locations loc ON loc.organization_id = s.organization_id AND loc.id = s.location_id
             LEFT JOIN lots lot ON lot.organization_id = s.organization_id AND lot.id = s.lot_id
            WHERE s.organization_id = p.organization_id AND s.product_id = p.id), 0) <= p.reorder_point`;
