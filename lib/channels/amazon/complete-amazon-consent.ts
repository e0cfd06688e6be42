// Website authorization workflow, Step 3–4: Amazon redirects back with state, selling_partner_id
// and spapi_oauth_code; the state must be ours, unexpired and bound to this organization and
// user; the code (valid 5 minutes, single use) is exchanged at LWA for the refresh token.
import { AppError } from '../../errors/app-error.ts';
import { assertPermission, type TenantContext } from '../../tenancy/tenant-context.ts';
import { amazonAppConfig } from './amazon-config.ts';
import { createSpLwaClient } from './create-sp-client.ts';
import { verifyConsentState } from './oauth-state.ts';
import { saveAmazonIntegration } from './save-amazon-integration.ts';
import { ZAmazonCallbackQuery } from './schemas.ts';

export async function completeAmazonConsent(
  ctx: TenantContext,
  query: Record<string, string | undefined>,
): Promise<{ integrationId: string }> {
  assertPermission(ctx, 'integrations.manage');
  const parsed = ZAmazonCallbackQuery.safeParse(query);
  if (!parsed.success) throw new AppError('BAD_REQUEST', 'the Amazon authorization response is incomplete');
  if (ctx.actor.type !== 'USER' || !ctx.actor.id)
    throw new AppError('FORBIDDEN', 'a signed-in user connects Amazon');
  const state = verifyConsentState(parsed.data.state, {
    organizationId: ctx.organizationId,
    userId: ctx.actor.id,
  });
  const app = amazonAppConfig();
  const lwa = createSpLwaClient({ region: state.r, lwa: app.lwa, agent: app.agent });
  let refreshToken: string;
  try {
    const tokens = (await lwa.exchange(parsed.data.spapi_oauth_code)) as { refresh_token?: unknown };
    if (typeof tokens.refresh_token !== 'string' || !tokens.refresh_token.startsWith('Atzr|')) {
      throw new AppError('UNAVAILABLE', 'Amazon returned no refresh token; try again');
    }
    refreshToken = tokens.refresh_token;
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: unknown })?.code;
    if (code === 'invalid_grant') {
      throw new AppError('BAD_REQUEST', 'the Amazon authorization code is invalid or expired; start again');
    }
    throw new AppError('UNAVAILABLE', 'Amazon could not be reached to finish the connection; try again');
  }
  return saveAmazonIntegration(ctx, {
    sellingPartnerId: parsed.data.selling_partner_id,
    region: state.r,
    refreshToken,
    method: 'WEBSITE',
  });
}
