// The one place a caller becomes a TenantContext (issue 3, item 5). Order of checks:
//   organization exists (else 404) → the principal belongs to it (an active membership, the
//   token's own organization, or a live break-glass grant; else 404: another tenant's
//   organization is indistinguishable from a missing one) → the organization is not suspended
//   (403) → permissions (role matrix; API scope ∩ the client's current permissions; the grant's
//   permissions, never access management: ACCESS_MANAGEMENT_PERMISSIONS are for people only) minus
//   PII permissions when the organization requires MFA and the session has none.
// Memberships, clients and grants are read on every request (no cache), so a role change,
// removal, disable, client revocation or grant expiry is effective on the very next request.
import type { MembershipRole } from '../db/generated/prisma/enums.ts';
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import {
  findOrganizationBySlug,
  type OrganizationSummary,
} from '../organizations/find-organization-by-slug.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { TenantContext } from '../tenancy/tenant-context.ts';
import { userContext } from '../tenancy/tenant-context.ts';
import {
  ACCESS_MANAGEMENT_PERMISSIONS,
  isPermission,
  PII_PERMISSIONS,
  PII_ROLES,
  type Permission,
} from './permissions.ts';
import type { Principal, RequestMeta } from './principal.ts';

export interface ResolvedTenant {
  ctx: TenantContext;
  organization: OrganizationSummary;
  /** Permissions withheld because the organization requires MFA and this session has none. */
  mfaWithheld: ReadonlySet<Permission>;
}

const notFound = () => new AppError('NOT_FOUND', 'organization not found');

export type OrganizationRef = { slug: string } | { organizationId: string };

async function loadOrganization(ref: OrganizationRef): Promise<OrganizationSummary | null> {
  if ('slug' in ref) return findOrganizationBySlug(ref.slug);
  // The organization row is visible only inside its own tenant transaction (RLS on organizations).
  return withTenant(ref.organizationId, (tx) =>
    tx.organization.findFirst({
      where: { id: ref.organizationId },
      select: { id: true, slug: true, name: true, kind: true, status: true },
    }),
  );
}

/** A permission an API client or an operator grant may carry (ACCESS_MANAGEMENT_PERMISSIONS are not). */
const isDelegable = (p: string): p is Permission => isPermission(p) && !ACCESS_MANAGEMENT_PERMISSIONS.has(p);

export async function resolveTenantContext(
  principal: Principal,
  ref: OrganizationRef,
  meta: RequestMeta = {},
): Promise<ResolvedTenant> {
  const organization = await loadOrganization(ref);
  if (!organization) throw notFound();
  const organizationId = organization.id;

  const membership = await withTenant(organizationId, async (tx) => {
    const org = await tx.organization.findFirst({
      where: { id: organizationId },
      select: { requireMfaForPii: true },
    });
    if (principal.kind === 'user') {
      const m = await tx.membership.findFirst({
        where: { organizationId, userId: principal.userId },
        select: { role: true, disabledAt: true, user: { select: { disabledAt: true } } },
      });
      return { kind: 'user' as const, requireMfaForPii: org?.requireMfaForPii ?? false, m };
    }
    if (principal.kind === 'api_client') {
      if (principal.organizationId !== organizationId) return { kind: 'none' as const };
      const client = await tx.apiClient.findFirst({
        where: { organizationId, id: principal.apiClientId },
        select: { id: true, permissions: true, revokedAt: true },
      });
      return { kind: 'api_client' as const, client };
    }
    const grants = await tx.breakGlassGrant.findMany({
      where: {
        organizationId,
        operatorId: principal.operatorId,
        revokedAt: null,
        expiresAt: { gt: new Date() },
      },
      select: { id: true, permissions: true },
    });
    return { kind: 'operator' as const, grants };
  });

  let ctx: TenantContext;
  let mfaWithheld = new Set<Permission>();
  if (membership.kind === 'user') {
    const m = membership.m;
    if (!m || m.disabledAt || m.user.disabledAt) throw notFound();
    ctx = userContext({
      organizationId,
      userId: (principal as { userId: string }).userId,
      role: m.role,
      ...meta,
    });
    if (
      membership.requireMfaForPii &&
      PII_ROLES.includes(m.role as MembershipRole) &&
      !(principal as { mfaVerified: boolean }).mfaVerified
    ) {
      mfaWithheld = new Set([...ctx.permissions].filter((p) => PII_PERMISSIONS.has(p)));
      ctx = { ...ctx, permissions: new Set([...ctx.permissions].filter((p) => !mfaWithheld.has(p))) };
    }
  } else if (membership.kind === 'api_client') {
    const client = membership.client;
    if (!client || client.revokedAt) throw new AppError('UNAUTHENTICATED', 'API client revoked');
    // Access management is for people only: never a client's, whatever it was created with.
    const current = new Set(client.permissions.filter(isDelegable));
    const scope = (principal as { scope: readonly Permission[] }).scope;
    ctx = {
      organizationId,
      actor: { type: 'API_CLIENT', id: client.id },
      role: null,
      permissions: new Set(scope.filter((p) => current.has(p))),
      ...meta,
    };
  } else if (membership.kind === 'operator') {
    if (membership.grants.length === 0) throw notFound();
    ctx = {
      organizationId,
      actor: { type: 'OPERATOR', id: (principal as { operatorId: string }).operatorId },
      role: null,
      permissions: new Set(membership.grants.flatMap((g) => g.permissions).filter(isDelegable)),
      ...meta,
    };
  } else {
    throw notFound();
  }

  if (organization.status === 'SUSPENDED') {
    throw new AppError('FORBIDDEN', 'organization is suspended');
  }
  return { ctx, organization, mfaWithheld };
}

/**
 * The permission check of every wrapper: a refusal is a 403 and a `security.permission_denied`
 * event in the organization's audit chain (ids and the permission name only).
 */
export async function authorize(resolved: ResolvedTenant, permission: Permission): Promise<void> {
  const { ctx, mfaWithheld } = resolved;
  if (ctx.permissions.has(permission)) return;
  const mfa = mfaWithheld.has(permission);
  await withTenant(ctx.organizationId, (tx) =>
    recordAuditEvent(tx, {
      organizationId: ctx.organizationId,
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      action: 'security.permission_denied',
      ip: ctx.ip,
      requestId: ctx.requestId,
      metadata: { permission, reason: mfa ? 'mfa_required' : 'not_granted' },
    }),
  );
  throw new AppError(
    'FORBIDDEN',
    mfa ? `multi-factor authentication is required for ${permission}` : `missing permission ${permission}`,
  );
}
