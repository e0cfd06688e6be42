// Seeds tenants A and B of the two-tenant walk (tests/factories/tenancy-walk.ts) into the
// end-to-end database and prints their ids as one JSON line: tests/e2e/tenancy-walk.spec.ts runs
// it with tsx (the factories need the app's modules, which the Playwright runner does not load).
// Buyer values are sealed under this process's own local master key: no page the walk opens
// decrypts them.
import { setTestEnv } from '../helpers/test-env.ts';
import { e2eEnv } from './e2e-env.ts';

setTestEnv({ ...e2eEnv(), LOG_LEVEL: 'silent' });
const { seedWalkTenant } = await import('../factories/tenancy-walk.ts');
const { disconnectSystemDb } = await import('../../lib/db/system.ts');
const { disconnectAppDb } = await import('../../lib/db/client.ts');
const { closeQueues } = await import('../../lib/jobs/queues.ts');
const { disconnectLimitsRedis } = await import('../../lib/redis/limits-redis.ts');
const { resetTenantKeys } = await import('../../lib/crypto/tenant-keys.ts');
const a = await seedWalkTenant('Alpha');
const b = await seedWalkTenant('Bravo');
// Seeding queues jobs (security alerts, webhook deliveries) and opens Redis: close everything the
// process opened, then exit once the line is written, so a handle nobody closes cannot hang it.
await Promise.all([disconnectSystemDb(), disconnectAppDb(), closeQueues(), disconnectLimitsRedis()]);
resetTenantKeys();
process.stdout.write(`${JSON.stringify({ a, b })}\n`, () => process.exit(0));
