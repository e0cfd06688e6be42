// npm run db:setup — roles, database, migrations and grants (idempotent).
import { getEnv } from '../lib/env.ts';
import { setupDatabase } from './lib/db-setup.ts';

const env = getEnv();
const result = await setupDatabase(
  {
    adminUrl: env.DATABASE_ADMIN_URL,
    ownerUrl: env.DATABASE_OWNER_URL,
    appUrl: env.DATABASE_URL,
    systemUrl: env.DATABASE_SYSTEM_URL,
  },
  { log: (line) => process.stdout.write(`db:setup: ${line}\n`) },
);
process.stdout.write(
  `db:setup: database "${result.database}" ready (${result.migrations.applied.length} migration(s) applied, ` +
    `${result.migrations.alreadyApplied} already applied)\n`,
);
