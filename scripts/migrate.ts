// npm run db:migrate — applies unapplied migrations as the owner role (scripts/lib/migrations.ts).
import { getEnv } from '../lib/env.ts';
import { migrate } from './lib/migrations.ts';

const result = await migrate(getEnv().DATABASE_OWNER_URL, {
  log: (line) => process.stdout.write(`db:migrate: ${line}\n`),
});
process.stdout.write(
  `db:migrate: ${result.applied.length} applied, ${result.alreadyApplied} already applied\n`,
);
