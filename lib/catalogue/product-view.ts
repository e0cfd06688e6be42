import type { Product } from '../db/generated/prisma/client.ts';

export type ProductView = Omit<Product, 'organizationId'>;

export const productSelect = {
  id: true,
  sku: true,
  name: true,
  barcode: true,
  weightGrams: true,
  lengthMm: true,
  widthMm: true,
  heightMm: true,
  lotTracked: true,
  expiryTracked: true,
  expiryExclusionDays: true,
  imageUrl: true,
  reorderPoint: true,
  createdAt: true,
  updatedAt: true,
} as const;
