// The one wrapper for tenant server actions (issue 3, item 5; shaped like formbricks'
// authenticatedActionClient): the same resolution as withTenantRoute — principal → organization
// (the slug argument) → membership → TenantContext → permission → zod-parsed input — and a result
// instead of a throw, with errors in the one envelope. Server Actions are public endpoints
// (ENVIRONMENT.md: Origin checks and middleware are not enough), so this runs inside every action.
// The declared permission is read by tests/unit/permission-coverage.test.ts.
import { headers } from 'next/headers';
import type { z } from 'zod';
import type { OrganizationSummary } from '../organizations/find-organization-by-slug.ts';
import type { TenantContext } from '../tenancy/tenant-context.ts';
import { currentPrincipal } from './current-principal.ts';
import { toErrorEnvelope, type ErrorEnvelope } from './error-envelope.ts';
import type { Permission } from './permissions.ts';
import type { Principal } from './principal.ts';
import { metaFromHeaders } from './principal.ts';
import { authorize, resolveTenantContext } from './resolve-tenant-context.ts';

export type ActionResult<T> = { ok: true; data: T } | ({ ok: false } & ErrorEnvelope);

export interface TenantActionArgs<I> {
  ctx: TenantContext;
  organization: OrganizationSummary;
  principal: Principal;
  input: I;
}

export function tenantAction<S extends z.ZodType, R>(
  schema: S,
  permission: Permission,
  fn: (args: TenantActionArgs<z.output<S>>) => Promise<R>,
) {
  const action = async (orgSlug: string, input: z.input<S>): Promise<ActionResult<R>> => {
    const meta = metaFromHeaders(await headers());
    try {
      const principal = await currentPrincipal(await headers());
      const resolved = await resolveTenantContext(principal, { slug: String(orgSlug) }, meta);
      await authorize(resolved, permission);
      const parsed = schema.parse(input);
      const data = await fn({
        ctx: resolved.ctx,
        organization: resolved.organization,
        principal,
        input: parsed,
      });
      return { ok: true, data };
    } catch (error) {
      return { ok: false, ...toErrorEnvelope(error, meta.requestId).body };
    }
  };
  return Object.assign(action, { permission });
}
