import type { Location, Prisma } from '../db/generated/prisma/client.ts';

// What warehouseSelect returns: the sender address (warehouses.sender_*) is the couriers' own view.
export type WarehouseView = Prisma.WarehouseGetPayload<{ select: typeof warehouseSelect }>;
export type LocationView = Omit<Location, 'organizationId'>;

export const warehouseSelect = {
  id: true,
  code: true,
  name: true,
  priority: true,
  createdAt: true,
  updatedAt: true,
} as const;

export const locationSelect = {
  id: true,
  warehouseId: true,
  code: true,
  zone: true,
  aisle: true,
  shelf: true,
  level: true,
  type: true,
  pickSequence: true,
  createdAt: true,
  updatedAt: true,
} as const;
