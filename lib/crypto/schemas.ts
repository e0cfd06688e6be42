// Configuration schema of the key provider. lib/env.ts (the one reader of the environment) merges
// `keyProviderEnvShape` into its schema and applies `refineKeyProviderConfig`, or parses the
// environment with `ZKeyProviderConfig` directly; createKeyProvider (create-key-provider.ts)
// takes the parsed value. Dev defaults, if any, belong in lib/env.ts.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { DATA_KEY_PURPOSES } from './key-provider.ts';

const BASE64_32_BYTES = /^[A-Za-z0-9+/]{43}=$/;

/**
 * The local provider's master key in development and tests when LOCAL_MASTER_KEY is unset
 * (lib/env.ts). PUBLIC — it is in this file — so it protects nothing: it only lets `npm run dev`
 * work without setup. lib/env.ts refuses it in production, as LocalKeyProvider refuses production.
 */
export const DEV_LOCAL_MASTER_KEY = createHash('sha256')
  .update('packline local provider PUBLIC development master key v1 - never use in production')
  .digest('base64');
/** AWS region names: `eu-west-2`, `us-gov-west-1`, `ap-southeast-4`. */
const AWS_REGION = /^[a-z]{2}(-[a-z0-9]+)+-\d+$/;

export const keyProviderEnvShape = {
  /** Which KeyProvider wraps the data keys. */
  KEY_PROVIDER: z.enum(['local', 'aws-kms']),
  /** local: 32-byte master key, standard base64 (`openssl rand -base64 32`). */
  LOCAL_MASTER_KEY: z
    .string()
    .trim()
    .regex(BASE64_32_BYTES, 'must be 32 bytes in standard base64 (openssl rand -base64 32)')
    .optional(),
  /** local: lets a production deploy use the local provider anyway (a self-hosted demo). */
  LOCAL_KEY_PROVIDER_ALLOW_IN_PRODUCTION: z.stringbool().default(false),
  /** aws-kms: key id, key ARN, alias (`alias/packline`) or alias ARN. */
  KMS_KEY_ID: z.string().trim().min(1).max(2048).optional(),
  /** aws-kms: region of the key, e.g. `eu-west-2`. */
  KMS_REGION: z.string().trim().regex(AWS_REGION, 'must be an AWS region such as eu-west-2').optional(),
  /** aws-kms: endpoint override, e.g. the simulator at `http://127.0.0.1:4599`. */
  KMS_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
};

type TKeyProviderShapeOutput = z.infer<z.ZodObject<typeof keyProviderEnvShape>>;

/** The variables each provider needs; usable as `.superRefine` on a schema that spreads the shape. */
export function refineKeyProviderConfig(value: TKeyProviderShapeOutput, ctx: z.RefinementCtx): void {
  const need = (field: keyof TKeyProviderShapeOutput) => {
    if (value[field] === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: `required when KEY_PROVIDER=${value.KEY_PROVIDER}`,
      });
    }
  };
  if (value.KEY_PROVIDER === 'local') need('LOCAL_MASTER_KEY');
  if (value.KEY_PROVIDER === 'aws-kms') {
    need('KMS_KEY_ID');
    need('KMS_REGION');
  }
}

export const ZKeyProviderConfig = z.object(keyProviderEnvShape).superRefine(refineKeyProviderConfig);
export type TKeyProviderConfig = z.infer<typeof ZKeyProviderConfig>;
export type TKeyProviderConfigInput = z.input<typeof ZKeyProviderConfig>;

/** A data-key purpose as accepted from outside (job payloads, admin input). */
export const ZDataKeyPurpose = z.enum(DATA_KEY_PURPOSES);

/** Admin input of a key rotation (API and screen). */
export const ZRotateDataKeyInput = z.strictObject({ purpose: ZDataKeyPurpose });
export type TRotateDataKeyInput = z.input<typeof ZRotateDataKeyInput>;
