// Who is acting, for which organization, with which permissions: resolved once per request or job
// (by lib/auth for users and API clients, by the worker for system jobs) and passed to every use
// case. Use cases take `ctx` and never choose the tenant themselves.
import type { ActorType, MembershipRole } from '../db/generated/prisma/enums.ts';
import { ACCESS_MANAGEMENT_PERMISSIONS, permissionsOf, type Permission } from '../auth/permissions.ts';
import { AppError } from '../errors/app-error.ts';

export interface Actor {
  type: ActorType;
  /** User, API client or operator id; null for the system. */
  id: string | null;
}

export interface TenantContext {
  readonly organizationId: string;
  readonly actor: Actor;
  /** The membership role for a user; null for API clients, the system and operators. */
  readonly role: MembershipRole | null;
  readonly permissions: ReadonlySet<Permission>;
  readonly requestId?: string;
  readonly ip?: string;
}

export function userContext(input: {
  organizationId: string;
  userId: string;
  role: MembershipRole;
  requestId?: string;
  ip?: string;
}): TenantContext {
  return {
    organizationId: input.organizationId,
    actor: { type: 'USER', id: input.userId },
    role: input.role,
    permissions: permissionsOf(input.role),
    requestId: input.requestId,
    ip: input.ip,
  };
}

/** The worker acting for an organization: only the permissions its job needs. */
export function systemContext(organizationId: string, permissions: readonly Permission[]): TenantContext {
  return {
    organizationId,
    actor: { type: 'SYSTEM', id: null },
    role: null,
    permissions: new Set(permissions),
  };
}

export function assertPermission(ctx: TenantContext, permission: Permission): void {
  if (!ctx.permissions.has(permission)) {
    throw new AppError('FORBIDDEN', `missing permission ${permission}`);
  }
}

/**
 * Access management (ACCESS_MANAGEMENT_PERMISSIONS): the permission AND a person acting — never an
 * API client or an operator, whose access is machine or temporary and must not mint lasting access.
 */
export function assertAccessManager(ctx: TenantContext, permission: Permission): void {
  if (ctx.actor.type !== 'USER' && ACCESS_MANAGEMENT_PERMISSIONS.has(permission)) {
    throw new AppError(
      'FORBIDDEN',
      'members, API clients and operator access are managed by members of the organization only',
    );
  }
  assertPermission(ctx, permission);
}
