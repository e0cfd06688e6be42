// Website authorization workflow, Step 1: the Seller Central consent URL with a signed,
// expiring `state` bound to the organization and the user.
import { AppError } from '../../errors/app-error.ts';
import { assertPermission, type TenantContext } from '../../tenancy/tenant-context.ts';
import { amazonAppConfig } from './amazon-config.ts';
import { signConsentState } from './oauth-state.ts';
import type { TAmazonRegion } from './schemas.ts';

export function startAmazonConsent(
  ctx: TenantContext,
  slug: string,
  region: TAmazonRegion = 'na',
): { url: string } {
  assertPermission(ctx, 'integrations.manage');
  if (ctx.actor.type !== 'USER' || !ctx.actor.id)
    throw new AppError('FORBIDDEN', 'a signed-in user connects Amazon');
  const app = amazonAppConfig();
  const url = new URL('/apps/authorize/consent', app.sellerCentralUrl);
  url.searchParams.set('application_id', app.applicationId);
  url.searchParams.set(
    'state',
    signConsentState({ organizationId: ctx.organizationId, slug, userId: ctx.actor.id, region }),
  );
  url.searchParams.set('redirect_uri', app.redirectUri);
  if (app.draftApp) url.searchParams.set('version', 'beta');
  return { url: url.toString() };
}
