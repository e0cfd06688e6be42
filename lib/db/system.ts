// The named system client: connects as a role with BYPASSRLS for the few cross-tenant paths
// (listing organizations, a user's memberships before a tenant is chosen, worker scheduling).
// Every import of this file is a reviewed call site: tests/unit/system-db-callers.test.ts keeps
// the list short and explicit.
import { createDb, type Db } from './client.ts';
import { getEnv } from '../env.ts';

const holder = globalThis as unknown as { __packlineSystemDb?: Db };

export function systemDb(): Db {
  holder.__packlineSystemDb ??= createDb(getEnv().DATABASE_SYSTEM_URL, 4);
  return holder.__packlineSystemDb;
}

export async function disconnectSystemDb(): Promise<void> {
  await holder.__packlineSystemDb?.$disconnect();
  holder.__packlineSystemDb = undefined;
}
