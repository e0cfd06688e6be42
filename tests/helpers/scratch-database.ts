// A throwaway migrated database for scripts that need the real schema outside the test rig (the
// crypto benchmark): created from the migrations, the environment pointed at it, dropped after.
import { resetEnvForTests } from '../../lib/env.ts';
import { setupDatabase } from '../../scripts/lib/db-setup.ts';
import { dropDatabase, testDatabaseUrls, urlsFor } from '../setup/test-databases.ts';

export async function setupScratchDatabase(name: string): Promise<{ drop: () => Promise<void> }> {
  const database = `packline_scratch_${name}_${process.pid}`;
  await dropDatabase(database);
  await setupDatabase(testDatabaseUrls(), { database, log: () => {} });
  const urls = urlsFor(database);
  process.env.DATABASE_URL = urls.appUrl;
  process.env.DATABASE_SYSTEM_URL = urls.systemUrl;
  process.env.DATABASE_OWNER_URL = urls.ownerUrl;
  process.env.LOG_LEVEL ??= 'silent';
  resetEnvForTests();
  return { drop: () => dropDatabase(database) };
}
