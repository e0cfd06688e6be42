// The named system client: connects as a role with BYPASSRLS for the few cross-tenant paths
// (listing organizations, a user's memberships before a tenant is chosen, worker scheduling).
// Every import of this file is a reviewed call site: tests/unit/system-db-callers.test.ts keeps
// the list short and explicit.
import { createDb, type Db } from './client.ts';
import { getEnv } from '../env.ts';
import { dropProcessSingleton, processSingleton } from '../process-singleton.ts';

export function systemDb(): Db {
  return processSingleton('system-db', () => createDb(getEnv().DATABASE_SYSTEM_URL, 4));
}

export async function disconnectSystemDb(): Promise<void> {
  await dropProcessSingleton<Db>('system-db')?.$disconnect();
}
