// The environment of the end-to-end stack: its own database and queue prefix, every variable
// explicit because `next start` runs in production mode (no local defaults there).
import { randomBytes } from 'node:crypto';
import type { DemoActivityPlan } from '../../lib/demo/seed-demo-activity.ts';
import { getEnv } from '../../lib/env.ts';
import { withDatabase } from '../../scripts/lib/db-setup.ts';
import { generateAuthSecrets } from '../../scripts/lib/dev-secrets.ts';

export const E2E_PORT = 3100;
export const E2E_DATABASE = 'packline_e2e';
/** serve.ts's read-only, loopback window on its SP-API simulator (seller token, orders, accepted packages). */
export const E2E_SIM_CONTROL_PORT = 3101;
/** The demo's seeded working day on this stack (tests/e2e/demo.spec.ts walks its open pick list). */
export const E2E_DEMO_ACTIVITY: DemoActivityPlan = { shipped: 2, labelled: 1, inProgress: 2, open: 2 };

export function e2eEnv(): Record<string, string> {
  const env = getEnv();
  return {
    DATABASE_URL: withDatabase(env.DATABASE_URL, E2E_DATABASE),
    DATABASE_SYSTEM_URL: withDatabase(env.DATABASE_SYSTEM_URL, E2E_DATABASE),
    DATABASE_OWNER_URL: withDatabase(env.DATABASE_OWNER_URL, E2E_DATABASE),
    DATABASE_ADMIN_URL: env.DATABASE_ADMIN_URL,
    REDIS_URL: env.REDIS_URL,
    QUEUE_PREFIX: 'packline_e2e',
    APP_URL: `http://127.0.0.1:${E2E_PORT}`,
    LOG_LEVEL: 'warn',
    HEARTBEAT_EVERY_MS: '2000',
    ...generateAuthSecrets(),
    // Production mode has no defaults: the local key provider with a fresh key (allowed here only
    // because this is a throwaway test stack), and account/invitation emails to the dev outbox.
    KEY_PROVIDER: 'local',
    LOCAL_MASTER_KEY: randomBytes(32).toString('base64'),
    LOCAL_KEY_PROVIDER_ALLOW_IN_PRODUCTION: 'true',
    EMAIL_OUTBOX_ALLOW_IN_PRODUCTION: 'true',
  };
}
