// The one permission matrix (ARCHITECTURE.md §3): every route, server action and job checks a
// named permission (`resource.verb`) here, never a role directly.
import type { MembershipRole } from '../db/generated/prisma/enums.ts';

export const ROLES = [
  'OWNER',
  'ADMIN',
  'MANAGER',
  'WAREHOUSE',
  'VIEWER',
] as const satisfies readonly MembershipRole[];

export const PERMISSIONS = [
  'organization.read',
  'organization.update',
  'organization.delete',
  'members.read',
  'members.invite',
  'members.update',
  'members.remove',
  'api_clients.manage',
  'audit.read',
  'security.read',
  'integrations.read',
  'integrations.manage',
  'orders.read',
  'orders.update',
  'inventory.read',
  'inventory.update',
  'inventory.approve',
  'fulfilment.pick',
  'fulfilment.pack',
  'fulfilment.ship',
  'returns.manage',
  /** Print packing slips and labels: buyer PII decrypted for those documents only. */
  'pii.print',
  /** Reveal a buyer's details on screen for customer service, with a purpose, audited. */
  'pii.reveal',
  'privacy.manage',
  'privacy.dsr',
  'keys.rotate',
  /** Let a platform operator into the organization for a short, stated time (break-glass). OWNER only. */
  'break_glass.grant',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const VIEW: Permission[] = [
  'organization.read',
  'members.read',
  'integrations.read',
  'orders.read',
  'inventory.read',
];
const WAREHOUSE: Permission[] = [
  ...VIEW,
  'inventory.update',
  'fulfilment.pick',
  'fulfilment.pack',
  'fulfilment.ship',
  'returns.manage',
  'pii.print',
];
const MANAGER: Permission[] = [
  ...WAREHOUSE,
  'orders.update',
  'inventory.approve',
  'pii.reveal',
  'audit.read',
];
const ADMIN: Permission[] = [
  ...MANAGER,
  'organization.update',
  'members.invite',
  'members.update',
  'members.remove',
  'api_clients.manage',
  'security.read',
  'integrations.manage',
  'privacy.manage',
  'privacy.dsr',
  'keys.rotate',
];
const OWNER: Permission[] = [...ADMIN, 'organization.delete', 'break_glass.grant'];

export const ROLE_PERMISSIONS: Readonly<Record<MembershipRole, ReadonlySet<Permission>>> = {
  OWNER: new Set(OWNER),
  ADMIN: new Set(ADMIN),
  MANAGER: new Set(MANAGER),
  WAREHOUSE: new Set(WAREHOUSE),
  VIEWER: new Set(VIEW),
};

export const permissionsOf = (role: MembershipRole): ReadonlySet<Permission> => ROLE_PERMISSIONS[role];

export const can = (role: MembershipRole, permission: Permission): boolean =>
  ROLE_PERMISSIONS[role].has(permission);

/** Roles whose members can read buyer PII in any form: the ones an organization may require MFA for. */
export const PII_ROLES: readonly MembershipRole[] = ROLES.filter(
  (r) => can(r, 'pii.print') || can(r, 'pii.reveal') || can(r, 'privacy.dsr'),
);

/** Permissions that read buyer PII: refused to an MFA-less session when the organization requires MFA. */
export const PII_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>([
  'pii.print',
  'pii.reveal',
  'privacy.dsr',
]);

/**
 * Access management: minting credentials (API clients), members (invitations, roles, removal) and
 * operator grants. Held by people only: an API client or an operator under a break-glass grant
 * never holds them, whatever its stored permissions say, so temporary or machine access cannot
 * create access that outlives it (docs/decisions/0019-tenant-access-boundaries.md).
 */
export const ACCESS_MANAGEMENT_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>([
  'members.invite',
  'members.update',
  'members.remove',
  'api_clients.manage',
  'break_glass.grant',
]);

/** Of the permissions `held`, those an API client or an operator grant may be given, sorted. */
export const delegablePermissions = (held: Iterable<Permission>): Permission[] =>
  [...held].filter((p) => !ACCESS_MANAGEMENT_PERMISSIONS.has(p)).sort();

export const isPermission = (value: string): value is Permission =>
  (PERMISSIONS as readonly string[]).includes(value);
