import { z } from 'zod';

/**
 * An organization slug as it may appear in a URL: lower-case letters, digits, `-` and `_`, starting
 * with a letter or digit. Lenient on purpose (it guards lookups; creation may be stricter).
 */
export const ZOrganizationSlug = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9][a-z0-9_-]*$/);

export const ZListOrganizationsInput = z
  .object({
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();

export type TListOrganizationsInput = z.input<typeof ZListOrganizationsInput>;
