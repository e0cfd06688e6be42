import type { Location, Warehouse } from '../db/generated/prisma/client.ts';

export type WarehouseView = Omit<Warehouse, 'organizationId'>;
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
