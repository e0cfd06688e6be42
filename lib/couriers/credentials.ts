// A carrier account's secret in the credentials store (lib/credentials): one JSON value per
// account, kind `courier-credentials`, owner = the account id. Shapes per carrier; the account
// number (not secret) stays on the carrier_accounts row.
import { z } from 'zod';
import type { Carrier } from './courier-adapter.ts';

export const COURIER_CREDENTIALS_KIND = 'courier-credentials';

export const ZCourierSecret = {
  TEST: z.strictObject({ apiKey: z.string().min(8).max(200) }),
  ROYAL_MAIL: z.strictObject({ apiKey: z.string().min(8).max(200) }),
  DPD: z.strictObject({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }),
  DHL: z.strictObject({ apiKey: z.string().min(1).max(200), apiSecret: z.string().min(1).max(200) }),
} as const satisfies Record<Carrier, z.ZodType>;

export type CourierSecret<C extends Carrier> = z.output<(typeof ZCourierSecret)[C]>;

/** Carriers whose API needs an account number besides the secret. */
export const NEEDS_ACCOUNT_NUMBER: Record<Carrier, boolean> = {
  TEST: false,
  ROYAL_MAIL: false,
  DPD: true,
  DHL: true,
};
