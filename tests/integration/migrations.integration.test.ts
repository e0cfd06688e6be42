// The offline migration tooling (ARCHITECTURE.md §11): the runner's history is Prisma's, an
// edited applied migration is refused, and the drift check catches a schema.prisma change that
// has no migration.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { getEnv } from '../../lib/env.ts';
import { migrate, MIGRATIONS_DIR, readMigrations } from '../../scripts/lib/migrations.ts';
import { describeSchema, diffDescriptions } from '../../scripts/lib/schema-catalog.ts';
import { diffDatamodels } from '../../scripts/lib/schema-engine.ts';
import { withDatabase } from '../../scripts/lib/db-setup.ts';
import { dropDatabase } from '../setup/test-databases.ts';

const SCHEMA = path.resolve(import.meta.dirname, '../../prisma/schema.prisma');
const created: string[] = [];

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** An empty database owned by the owner role; its owner URL. */
async function emptyDatabase(suffix: string): Promise<string> {
  const env = getEnv();
  const name = `${new URL(env.DATABASE_URL).pathname.slice(1)}_${suffix}`;
  const owner = new URL(env.DATABASE_OWNER_URL).username;
  await query(
    env.DATABASE_ADMIN_URL,
    `CREATE DATABASE ${pg.escapeIdentifier(name)} OWNER ${pg.escapeIdentifier(owner)}`,
  );
  created.push(name);
  return withDatabase(env.DATABASE_OWNER_URL, name);
}

async function describe_(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await describeSchema(client);
  } finally {
    await client.end();
  }
}

/** A database built straight from a datamodel, the way `prisma db push` would. */
async function databaseFromDatamodel(suffix: string, datamodel: string): Promise<string> {
  const url = await emptyDatabase(suffix);
  const sql = await diffDatamodels(null, datamodel, getEnv().DATABASE_ADMIN_URL);
  await query(url, sql);
  return url;
}

afterAll(async () => {
  for (const name of created) await dropDatabase(name);
});

describe('drift between migrations and schema.prisma', () => {
  it('finds none: the migrated database matches the one built from schema.prisma', async () => {
    const fromMigrations = await describe_(getEnv().DATABASE_OWNER_URL);
    const fromSchema = await describe_(await databaseFromDatamodel('schema', await readFile(SCHEMA, 'utf8')));
    expect(fromMigrations.length).toBeGreaterThan(30);
    expect(diffDescriptions(fromMigrations, fromSchema)).toEqual([]);
  });

  it('detects a column added to schema.prisma without a migration', async () => {
    const schema = await readFile(SCHEMA, 'utf8');
    const changed = schema.replace(/(model Organization \{\n)/, '$1  locale String @default("en-GB")\n');
    expect(changed).not.toBe(schema);
    const drift = diffDescriptions(
      await describe_(getEnv().DATABASE_OWNER_URL),
      await describe_(await databaseFromDatamodel('drifted', changed)),
    );
    expect(drift).toEqual([`+ column organizations.locale text not-null default='en-GB'::text`]);
  });
});

describe('the migration runner', () => {
  it('records Prisma-compatible history rows and applies nothing twice', async () => {
    const url = await emptyDatabase('runner');
    const first = await migrate(url);
    const all = await readMigrations();
    expect(first.applied).toEqual(all.map((m) => m.name));
    expect(await migrate(url)).toEqual({ applied: [], alreadyApplied: all.length });
    const rows = await query<{ migration_name: string; checksum: string; finished: boolean; steps: number }>(
      url,
      `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, applied_steps_count AS steps
         FROM _prisma_migrations ORDER BY migration_name`,
    );
    for (const [i, m] of all.entries()) {
      const sql = await readFile(path.join(MIGRATIONS_DIR, m.name, 'migration.sql'));
      expect(rows[i]).toEqual({
        migration_name: m.name,
        checksum: createHash('sha256').update(sql).digest('hex'),
        finished: true,
        steps: 1,
      });
    }
  });

  it('refuses to run when an applied migration was edited, and rolls back a failing one', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'packline-migrations-'));
    try {
      await cp(MIGRATIONS_DIR, dir, { recursive: true });
      const url = await emptyDatabase('edited');
      await migrate(url, { dir });
      const [first] = await readMigrations(dir);
      await writeFile(path.join(dir, first!.name, 'migration.sql'), `${first!.sql}\n-- edited\n`);
      await expect(migrate(url, { dir })).rejects.toThrow(/was edited after it was applied/);

      await writeFile(path.join(dir, first!.name, 'migration.sql'), first!.sql);
      await cp(path.join(dir, first!.name), path.join(dir, '99999999999999_broken'), { recursive: true });
      await writeFile(
        path.join(dir, '99999999999999_broken', 'migration.sql'),
        'CREATE TABLE half_done (id int);\nSELECT no_such_function();\n',
      );
      await expect(migrate(url, { dir })).rejects.toThrow(/99999999999999_broken failed/);
      const leftovers = await query(url, `SELECT 1 FROM pg_tables WHERE tablename = 'half_done'`);
      expect(leftovers).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
