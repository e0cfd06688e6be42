// The PII vault's fields, purposes and inputs (docs/pii-vault.md).
import { z } from 'zod';
import type { Permission } from '../auth/permissions.ts';

/** Encrypted fields: the API name and the `pii_records` column (also the AAD's column). */
export const PII_FIELDS = [
  { field: 'name', column: 'name' },
  { field: 'addressLine1', column: 'address_line1' },
  { field: 'addressLine2', column: 'address_line2' },
  { field: 'addressLine3', column: 'address_line3' },
  { field: 'city', column: 'city' },
  { field: 'region', column: 'region' },
  { field: 'postcode', column: 'postcode' },
  { field: 'phone', column: 'phone' },
  { field: 'email', column: 'email' },
] as const;

export type TPiiField = (typeof PII_FIELDS)[number]['field'];
export type TPiiColumn = (typeof PII_FIELDS)[number]['column'];

export const PII_TABLE = 'pii_records';

/** Whose data a vault record holds. Orders arrive with the Amazon issue; the owner id is then an order id. */
export const PII_OWNER_TYPES = ['order-recipient'] as const;
export type TPiiOwnerType = (typeof PII_OWNER_TYPES)[number];

const ADDRESS_FIELDS = [
  'name',
  'addressLine1',
  'addressLine2',
  'addressLine3',
  'city',
  'region',
  'postcode',
] as const;

/**
 * Why buyer PII is being decrypted. Each purpose needs one permission and reveals only the fields
 * it needs (data minimisation: a packing slip never decrypts the buyer's email or phone).
 */
export const PII_PURPOSES = {
  'packing-slip': { permission: 'pii.print', fields: ADDRESS_FIELDS },
  label: { permission: 'pii.print', fields: [...ADDRESS_FIELDS, 'phone'] },
  'customer-service': { permission: 'pii.reveal', fields: PII_FIELDS.map((f) => f.field) },
  'dsr-export': { permission: 'privacy.dsr', fields: PII_FIELDS.map((f) => f.field) },
} as const satisfies Record<string, { permission: Permission; fields: readonly TPiiField[] }>;

export type TPiiPurpose = keyof typeof PII_PURPOSES;
export const ZPiiPurpose = z.enum(Object.keys(PII_PURPOSES) as [TPiiPurpose, ...TPiiPurpose[]]);

/**
 * Writing buyer PII (the order sync storing a recipient, an operator correcting an address) needs
 * `orders.update`: the recipient is part of the order. Decrypting needs a purpose (above).
 */
export const PII_WRITE_PERMISSION: Permission = 'orders.update';

/** At most this many records per read: the bound on bulk decryption (and one audit event lists them all). */
export const PII_READ_BATCH_MAX = 50;
/** At most this many records per store call (one transaction). */
export const PII_STORE_BATCH_MAX = 1_000;

const piiText = (max: number) =>
  z
    .string()
    .max(max)
    .transform((v) => v.trim())
    .transform((v) => (v === '' ? null : v))
    .nullish();

export const ZStoreBuyerPiiInput = z.strictObject({
  ownerType: z.enum(PII_OWNER_TYPES),
  /** An id (order id, Amazon order id): never PII itself. */
  ownerId: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9._:-]+$/, 'owner ids are ids: letters, digits and . _ : -'),
  name: piiText(300),
  addressLine1: piiText(300),
  addressLine2: piiText(300),
  addressLine3: piiText(300),
  city: piiText(200),
  region: piiText(200),
  postcode: piiText(40),
  phone: piiText(60),
  email: piiText(320),
  /** ISO 3166-1 alpha-2; kept in clear (docs/pii-vault.md). */
  countryCode: z
    .string()
    .regex(/^[A-Za-z]{2}$/)
    .transform((v) => v.toUpperCase())
    .nullish(),
});

export type TStoreBuyerPiiInput = z.input<typeof ZStoreBuyerPiiInput>;
export type TStoreBuyerPii = z.output<typeof ZStoreBuyerPiiInput>;

export const ZRecordId = z.uuid();

export const ZFindBuyerPiiInput = z
  .strictObject({
    email: z.string().min(1).max(320).optional(),
    phone: z.string().min(1).max(60).optional(),
    postcode: z.string().min(1).max(40).optional(),
  })
  .refine((v) => v.email !== undefined || v.phone !== undefined || v.postcode !== undefined, {
    message: 'give an email, phone or postcode',
  });

export type TFindBuyerPiiInput = z.input<typeof ZFindBuyerPiiInput>;

/** Decrypted buyer PII: the fields the purpose allows (others are absent), null when not stored. */
export type BuyerPii = {
  recordId: string;
  ownerType: string;
  ownerId: string;
  /** In clear, always returned. */
  countryCode: string | null;
} & Partial<Record<TPiiField, string | null>>;
