// Inputs of the shipping settings use cases (carrier accounts, rules, warehouse sender, preview).
import { z } from 'zod';

const country = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'a 2-letter country code');
const grams = z.coerce.number().int().min(0).max(1_000_000);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => v || null)
    .nullish();

export const ZCarrier = z.enum(['TEST', 'ROYAL_MAIL', 'DPD', 'DHL']);

export const ZConnectCarrierAccount = z.strictObject({
  carrier: ZCarrier,
  name: z.string().trim().min(1).max(80),
  accountNumber: optionalText(20),
  /** The secret fields; validated per carrier against ZCourierSecret. */
  secret: z.record(z.string(), z.string().max(200)),
});
export type TConnectCarrierAccount = z.input<typeof ZConnectCarrierAccount>;

export const ZCarrierAccountId = z.strictObject({ carrierAccountId: z.uuid() });

export const ZSetCarrierAccountEnabled = ZCarrierAccountId.extend({ enabled: z.boolean() });

export const ZShippingRuleFields = z
  .strictObject({
    name: z.string().trim().min(1).max(80),
    countryCodes: z.array(country).max(250).default([]),
    minWeightGrams: grams.nullish(),
    maxWeightGrams: grams.min(1).nullish(),
    maxValueMinor: z.coerce.number().int().min(0).max(1_000_000_000).nullish(),
    valueCurrency: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, 'a 3-letter currency code')
      .nullish(),
    channel: z.enum(['AMAZON', 'MANUAL']).nullish(),
    carrierAccountId: z.uuid(),
    serviceCode: z.string().trim().min(1).max(10),
    enabled: z.boolean().default(true),
  })
  .refine(
    (r) => r.minWeightGrams == null || r.maxWeightGrams == null || r.minWeightGrams <= r.maxWeightGrams,
    { path: ['maxWeightGrams'], message: 'must be at least the minimum weight' },
  )
  .refine((r) => r.maxValueMinor == null || r.valueCurrency != null, {
    path: ['valueCurrency'],
    message: 'is required with a maximum value',
  });
export type TShippingRuleFields = z.input<typeof ZShippingRuleFields>;

export const ZUpdateShippingRule = z.strictObject({ ruleId: z.uuid(), fields: ZShippingRuleFields });
export const ZShippingRuleId = z.strictObject({ ruleId: z.uuid() });
export const ZMoveShippingRule = ZShippingRuleId.extend({ direction: z.enum(['up', 'down']) });

export const ZPreviewParcel = z.strictObject({
  countryCode: country,
  weightGrams: z.coerce.number().int().min(1).max(1_000_000),
  valueMinor: z.coerce.number().int().min(0).max(1_000_000_000),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'a 3-letter currency code'),
  channel: z.enum(['AMAZON', 'MANUAL']),
});

export const ZWarehouseSender = z.strictObject({
  warehouseId: z.uuid(),
  senderName: z.string().trim().min(1).max(100),
  senderLine1: z.string().trim().min(1).max(100),
  senderLine2: optionalText(100),
  senderCity: z.string().trim().min(1).max(60),
  senderPostcode: optionalText(20),
  senderCountryCode: country,
  senderPhone: optionalText(25),
});
