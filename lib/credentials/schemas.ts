// The credentials store's inputs (lib/credentials): marketplace refresh tokens, courier secrets.
import { z } from 'zod';
import type { Permission } from '../auth/permissions.ts';

export const CREDENTIALS_TABLE = 'credentials';
export const CREDENTIALS_COLUMN = 'secret';

/** Storing, reading and deleting a secret: connecting and running integrations. */
export const CREDENTIALS_PERMISSION: Permission = 'integrations.manage';

/** What a credential is, e.g. `amazon-refresh-token`, `courier-api-secret`. */
export const ZCredentialKind = z.string().regex(/^[a-z][a-z0-9-]{1,59}$/, 'a kebab-case kind');

/** What it belongs to: an id (integration, courier account), never the secret itself. */
export const ZCredentialOwnerId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9._:-]+$/, 'owner ids are ids: letters, digits and . _ : -');

export const ZCredentialRef = z.strictObject({ kind: ZCredentialKind, ownerId: ZCredentialOwnerId });
export type TCredentialRef = z.input<typeof ZCredentialRef>;

export const ZStoreCredentialInput = z.strictObject({
  kind: ZCredentialKind,
  ownerId: ZCredentialOwnerId,
  /** The secret. Up to 4 KiB (LWA refresh tokens are ~ 400 characters). */
  secret: z.string().min(1).max(4096),
});
export type TStoreCredentialInput = z.input<typeof ZStoreCredentialInput>;

/** Parses without ever echoing the secret: issues name paths and codes only. */
export function parseCredentialInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.code}`);
    throw new CredentialInputError(problems.join('; '));
  }
  return parsed.data;
}

export class CredentialInputError extends Error {
  override readonly name = 'CredentialInputError';
}
