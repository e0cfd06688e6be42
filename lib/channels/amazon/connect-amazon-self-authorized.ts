// Self-authorization (private apps): the seller pastes a refresh token generated in Seller
// Central. The token is checked with one LWA refresh before anything is stored.
import { AppError } from '../../errors/app-error.ts';
import { assertPermission, type TenantContext } from '../../tenancy/tenant-context.ts';
import { amazonAppConfig } from './amazon-config.ts';
import { createSpClient } from './create-sp-client.ts';
import { saveAmazonIntegration } from './save-amazon-integration.ts';
import { ZConnectSelfAuthorizedInput, type TConnectSelfAuthorizedInput } from './schemas.ts';

export async function connectAmazonSelfAuthorized(
  ctx: TenantContext,
  input: TConnectSelfAuthorizedInput,
): Promise<{ integrationId: string }> {
  assertPermission(ctx, 'integrations.manage');
  const parsed = ZConnectSelfAuthorizedInput.safeParse(input);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(root)'))].join(', ');
    throw new AppError('BAD_REQUEST', `invalid Amazon connection details (${fields})`);
  }
  const app = amazonAppConfig();
  const sp = createSpClient({
    region: parsed.data.region,
    refreshToken: parsed.data.refreshToken,
    lwa: app.lwa,
    agent: app.agent,
  });
  try {
    await sp.refreshAccessToken();
  } catch (error) {
    const code = (error as { code?: unknown })?.code;
    if (code === 'invalid_grant')
      throw new AppError('BAD_REQUEST', 'Amazon did not accept this refresh token');
    throw new AppError('UNAVAILABLE', 'Amazon could not be reached to check the refresh token; try again');
  }
  return saveAmazonIntegration(ctx, { ...parsed.data, method: 'SELF_AUTHORIZATION' });
}
