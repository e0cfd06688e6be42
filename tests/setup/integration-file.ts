// Runs before each integration test file: a private database cloned from the migrated template,
// a private BullMQ key prefix, and the environment pointing at both. Dropped again afterwards.
import { randomBytes } from 'node:crypto';
import { afterAll, inject } from 'vitest';
import { resetEnvForTests } from '../../lib/env.ts';
import { generateAuthSecrets } from '../../scripts/lib/dev-secrets.ts';
import { cloneName, cloneTemplate, dropDatabase, urlsFor } from './test-databases.ts';

const id = randomBytes(6).toString('hex');
const database = cloneName(id);
await cloneTemplate(inject('templateDatabase'), database);
const urls = urlsFor(database);

process.env.DATABASE_URL = urls.appUrl;
process.env.DATABASE_SYSTEM_URL = urls.systemUrl;
process.env.DATABASE_OWNER_URL = urls.ownerUrl;
process.env.QUEUE_PREFIX = `test_${id}`;
process.env.LOG_LEVEL ??= 'silent';
// Concurrency tests queue dozens of transactions on one pool; on a loaded 2-core CI box the wait
// for a free connection can pass the production 5 s.
process.env.DATABASE_CONNECT_TIMEOUT_MS ??= '30000';
if (!process.env.AUTH_PRIVATE_KEY) Object.assign(process.env, generateAuthSecrets());
resetEnvForTests();

afterAll(async () => {
  const { disconnectAppDb } = await import('../../lib/db/client.ts');
  const { disconnectSystemDb } = await import('../../lib/db/system.ts');
  await Promise.all([disconnectAppDb(), disconnectSystemDb()]);
  await dropDatabase(database);
  await deleteQueueKeys(`test_${id}`);
});

async function deleteQueueKeys(prefix: string): Promise<void> {
  const { Redis } = await import('ioredis');
  const { getEnv } = await import('../../lib/env.ts');
  const redis = new Redis(getEnv().REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
