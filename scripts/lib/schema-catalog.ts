// A comparable description of a database schema — tables, columns (type, nullability, default),
// indexes, constraints and enums — for the drift check between the database built from the
// migrations and the one built from prisma/schema.prisma. Objects only hand-written migrations
// create (functions, triggers, policies, CHECK constraints — Prisma cannot express them) are
// checked by their own tests.
import type pg from 'pg';

const IGNORED_TABLES = ['_prisma_migrations'];

export async function describeSchema(client: pg.Client, schema = 'public'): Promise<string[]> {
  const q = async (sql: string) => (await client.query<{ line: string }>(sql, [schema, IGNORED_TABLES])).rows;
  const rows = [
    ...(await q(`
      SELECT format('column %s.%s %s %s default=%s', c.table_name, c.column_name,
               format_type(a.atttypid, a.atttypmod), CASE WHEN c.is_nullable = 'YES' THEN 'null' ELSE 'not-null' END,
               coalesce(c.column_default, '-')) AS line
        FROM information_schema.columns c
        JOIN pg_attribute a ON a.attrelid = format('%I.%I', c.table_schema, c.table_name)::regclass AND a.attname = c.column_name
       WHERE c.table_schema = $1 AND c.table_name <> ALL($2)`)),
    ...(await q(`
      SELECT format('index %s: %s', indexname, indexdef) AS line
        FROM pg_indexes WHERE schemaname = $1 AND tablename <> ALL($2)`)),
    ...(await q(`
      SELECT format('constraint %s.%s: %s', rel.relname, con.conname, pg_get_constraintdef(con.oid)) AS line
        FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid
        JOIN pg_namespace n ON n.oid = rel.relnamespace
       WHERE n.nspname = $1 AND rel.relname <> ALL($2) AND con.contype <> 'c'`)),
    ...(await q(`
      SELECT format('enum %s: %s', t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)) AS line
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE n.nspname = $1 AND $2::text[] IS NOT NULL GROUP BY t.typname`)),
  ];
  return rows.map((r) => r.line).sort();
}

/** Lines only in `a` (prefixed "-") and only in `b` (prefixed "+"). */
export function diffDescriptions(a: string[], b: string[]): string[] {
  const inA = new Set(a);
  const inB = new Set(b);
  return [
    ...a.filter((l) => !inB.has(l)).map((l) => `- ${l}`),
    ...b.filter((l) => !inA.has(l)).map((l) => `+ ${l}`),
  ];
}
