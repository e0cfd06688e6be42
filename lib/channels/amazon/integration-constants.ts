import type { Permission } from '../../auth/permissions.ts';

/** Credentials store kind of an integration's LWA refresh token (owner id = integration id). */
export const AMAZON_REFRESH_TOKEN_KIND = 'amazon-refresh-token';

/** What the worker's system context may do for an integration: read its credential, write orders and their recipients. */
export const INTEGRATION_SYSTEM_PERMISSIONS: Permission[] = ['integrations.manage', 'orders.update'];

/** The sync scheduler of an integration (one per integration, upserted at connect and worker start). */
export const syncSchedulerId = (integrationId: string): string => `amazon.sync-orders.${integrationId}`;
