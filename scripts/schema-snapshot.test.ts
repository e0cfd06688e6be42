// prisma/schema.migrated.prisma is the datamodel the committed migrations build: `npm run db:diff`
// diffs from it and rewrites it (docs/decisions/0001-offline-migrations.md). When it differs from
// prisma/schema.prisma a schema change has no migration yet, or a merge combined two branches'
// migrations without regenerating it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';

const prismaDir = path.resolve(import.meta.dirname, '../prisma');

it('the migrated datamodel snapshot matches prisma/schema.prisma', async () => {
  const [schema, snapshot] = await Promise.all([
    readFile(path.join(prismaDir, 'schema.prisma'), 'utf8'),
    readFile(path.join(prismaDir, 'schema.migrated.prisma'), 'utf8'),
  ]);
  expect(snapshot, 'run `npm run db:diff -- <name>` for the schema change').toBe(schema);
});
