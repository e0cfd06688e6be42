// Page-level authorisation for server components under /[org] (STYLE.md: authorise in page.tsx,
// never only in layout.tsx). Same resolution as the action and route wrappers; a missing
// organization or membership is a 404, no session a redirect to sign-in, a missing permission the
// organization's "not allowed" page.
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { isAppError } from '../errors/app-error.ts';
import { currentPrincipal } from './current-principal.ts';
import type { Permission } from './permissions.ts';
import type { Principal } from './principal.ts';
import { metaFromHeaders } from './principal.ts';
import { authorize, resolveTenantContext, type ResolvedTenant } from './resolve-tenant-context.ts';

export async function requireTenant(
  slug: string,
  permission: Permission,
): Promise<ResolvedTenant & { principal: Principal }> {
  const h = await headers();
  let principal: Principal;
  try {
    principal = await currentPrincipal(h);
  } catch (error) {
    if (isAppError(error) && error.code === 'UNAUTHENTICATED') {
      redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/${slug}`)}`);
    }
    throw error;
  }
  let resolved: ResolvedTenant;
  try {
    resolved = await resolveTenantContext(principal, { slug }, metaFromHeaders(h));
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound();
    if (isAppError(error) && error.code === 'FORBIDDEN') redirect(`/suspended`);
    throw error;
  }
  try {
    await authorize(resolved, permission);
  } catch (error) {
    if (isAppError(error) && error.code === 'FORBIDDEN') {
      redirect(`/${resolved.organization.slug}/forbidden`);
    }
    throw error;
  }
  return { ...resolved, principal };
}

/** Whether the resolved caller holds a permission (for showing or hiding controls). */
export const holds = (resolved: ResolvedTenant, permission: Permission): boolean =>
  resolved.ctx.permissions.has(permission);
