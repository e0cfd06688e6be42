'use server';
// REST API client management (issue 3, item 7): create (secret shown once) and revoke.
import { tenantAction } from '@/lib/auth/tenant-action.ts';
import { createApiClient } from '@/lib/api-clients/create-api-client.ts';
import { revokeApiClient } from '@/lib/api-clients/revoke-api-client.ts';
import { ZApiClientRef, ZCreateApiClientInput } from '@/lib/api-clients/schemas.ts';

export const createApiClientAction = tenantAction(
  ZCreateApiClientInput,
  'api_clients.manage',
  ({ ctx, input }) => createApiClient(ctx, input),
);

export const revokeApiClientAction = tenantAction(ZApiClientRef, 'api_clients.manage', ({ ctx, input }) =>
  revokeApiClient(ctx, input),
);
