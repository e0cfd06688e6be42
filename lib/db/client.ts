// Prisma clients over @prisma/adapter-pg. `appDb` connects as the app role (RLS applies);
// it is only used through withTenant (lib/db/tenant.ts) or for global tables (users).
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.ts';
import { getEnv } from '../env.ts';
import { SerialPgClient } from './serial-pg-client.ts';
import { dropProcessSingleton, processSingleton } from '../process-singleton.ts';

export type Db = PrismaClient;

export function createDb(connectionString: string, max = getEnv().DATABASE_POOL_SIZE): Db {
  const adapter = new PrismaPg({
    connectionString,
    max,
    application_name: 'packline',
    // A stuck or unreachable server fails the request instead of hanging it.
    connectionTimeoutMillis: getEnv().DATABASE_CONNECT_TIMEOUT_MS,
    // One statement at a time per connection (Prisma loads relations side by side, even inside
    // a transaction): lib/db/serial-pg-client.ts.
    Client: SerialPgClient,
  });
  return new PrismaClient({ adapter });
}

/** The app role's client: one per process. */
export function appDb(): Db {
  return processSingleton('app-db', () => createDb(getEnv().DATABASE_URL));
}

export async function disconnectAppDb(): Promise<void> {
  await dropProcessSingleton<Db>('app-db')?.$disconnect();
}
