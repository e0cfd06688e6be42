// Who is calling, before an organization is chosen: a signed-in user, a REST API client (bearer
// token), or a platform operator (operator console cookie). resolve-tenant-context.ts turns a
// principal plus an organization into a TenantContext, or refuses.
import type { Permission } from './permissions.ts';
import { requestMeta } from './request-meta.ts';

export type Principal =
  | { kind: 'user'; userId: string; mfaVerified: boolean }
  | {
      kind: 'api_client';
      /** ApiClient row id (the token's `sub`). */
      apiClientId: string;
      /** The token's `org` claim: an API token only ever reaches this organization. */
      organizationId: string;
      /** The token's `scope` claim. */
      scope: readonly Permission[];
    }
  | { kind: 'operator'; operatorId: string };

export interface RequestMeta {
  requestId?: string;
  ip?: string;
}

/** Request id and client address of a request (lib/auth/request-meta.ts), as a RequestMeta. */
export function metaFromHeaders(headers: Headers): RequestMeta {
  const { ip, requestId } = requestMeta(headers);
  return { ip: ip ?? undefined, requestId: requestId ?? undefined };
}
