import { z } from 'zod';
import { ACCESS_MANAGEMENT_PERMISSIONS, PERMISSIONS } from '../auth/permissions.ts';

export const ZPermissionName = z.enum(PERMISSIONS);

/**
 * Permissions an API client or an operator grant may be given: never access management (members,
 * API clients, operator grants), which only people hold (lib/auth/permissions.ts).
 */
export const ZDelegablePermissions = z
  .array(ZPermissionName)
  .min(1)
  .max(PERMISSIONS.length)
  .refine(
    (list) => list.every((p) => !ACCESS_MANAGEMENT_PERMISSIONS.has(p)),
    `access management (${[...ACCESS_MANAGEMENT_PERMISSIONS].join(', ')}) is for members only`,
  );

export const ZCreateApiClientInput = z.strictObject({
  name: z.string().trim().min(1).max(80),
  permissions: ZDelegablePermissions,
});
export type TCreateApiClientInput = z.input<typeof ZCreateApiClientInput>;

export const ZApiClientRef = z.strictObject({ apiClientId: z.uuid() });

/** POST /api/v1/auth/token body (form-encoded or JSON), per RFC 6749 §4.4 and §6. */
export const ZTokenRequest = z.discriminatedUnion('grant_type', [
  z.object({
    grant_type: z.literal('client_credentials'),
    client_id: z.string().regex(/^plc_[A-Za-z0-9_-]{22}$/, 'invalid client_id'),
    client_secret: z.string().regex(/^pls_[A-Za-z0-9_-]{43}$/, 'invalid client_secret'),
  }),
  z.object({
    grant_type: z.literal('refresh_token'),
    refresh_token: z.string().regex(/^plr_[A-Za-z0-9_-]{43}$/, 'invalid refresh_token'),
  }),
]);
export type TTokenRequest = z.infer<typeof ZTokenRequest>;
