// POST /api/v1/keys/rotate {"purpose":"buyer-pii"|"credentials"} — rotate the organization's data
// key: a new version encrypts from now on and a background job re-encrypts existing rows.
import { withTenantRoute } from '@/lib/auth/with-tenant-route.ts';
import { rotateDataKey } from '@/lib/crypto/rotate-data-key.ts';
import { ZRotateDataKeyInput } from '@/lib/crypto/schemas.ts';

export const POST = withTenantRoute(({ ctx, body }) => rotateDataKey(ctx, body.purpose), {
  permission: 'keys.rotate',
  body: ZRotateDataKeyInput,
});
