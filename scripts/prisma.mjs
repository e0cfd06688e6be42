// Runs the Prisma CLI for the commands that work without its native schema engine.
// The CLI insists on downloading that engine first (unreachable here); pointing
// PRISMA_SCHEMA_ENGINE_BINARY at any existing file satisfies it for generate/validate/format.
// With that variable set, migrate/db commands exit 0 and do nothing, so they are refused here:
// use `npm run db:migrate` and `npm run db:diff` (scripts/migrate.ts, scripts/db-diff.ts).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const allowed = new Set(['generate', 'validate', 'format']);
const [command, ...rest] = process.argv.slice(2);
if (!allowed.has(command)) {
  console.error(`scripts/prisma.mjs runs only ${[...allowed].join(', ')}; got "${command ?? ''}".`);
  process.exit(2);
}
if (!existsSync('prisma/schema.prisma')) process.exit(0); // first install before the schema exists
const result = spawnSync('npx', ['--no-install', 'prisma', command, ...rest], {
  stdio: 'inherit',
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
});
process.exit(result.status ?? 1);
