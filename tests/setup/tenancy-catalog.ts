// Catalog checks of the tenancy rules (ARCHITECTURE.md §2), run against a real database:
// every tenant table (one with organization_id, plus organizations itself) has RLS enabled and
// forced with a policy; every other table is on the short list of global tables; every foreign
// key between tenant tables includes organization_id on both sides.
import type pg from 'pg';

/** Tables that are deliberately not tenant-owned. Adding one here is a reviewed decision. */
export const GLOBAL_TABLES = new Set([
  // auth: per-user, cross-organization (a user belongs to many organizations)
  'password_history',
  'password_reset_tokens',
  'mfa_recovery_codes',
  // auth: account security events with no organization (failed sign-in for an unknown email)
  'security_events',
  'users',
  'worker_heartbeats',
  '_prisma_migrations',
  // Packline's own staff: deliberately outside every organization (issue 3, item 10).
  'operators',
  // The operator side of operator actions; the tenant side is each organization's audit chain.
  'operator_audit_events',
  // The platform's incident register (lib/privacy/incidents.ts): one incident can concern many
  // organizations (affected_organization_ids); merchants read only the rows that list theirs.
  'incidents',
]);

export async function findTenancyViolations(client: pg.Client, schema = 'public'): Promise<string[]> {
  const problems: string[] = [];
  const { rows: tables } = await client.query<{
    table: string;
    rls: boolean;
    forced: boolean;
    policies: number;
    tenant: boolean;
  }>(
    `SELECT c.relname AS table, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
            (SELECT count(*)::int FROM pg_policies p WHERE p.schemaname = n.nspname AND p.tablename = c.relname) AS policies,
            (c.relname = 'organizations' OR EXISTS (
               SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'organization_id' AND NOT a.attisdropped)) AS tenant
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')`,
    [schema],
  );
  const tenantTables = new Set<string>();
  for (const t of tables) {
    if (!t.tenant) {
      if (!GLOBAL_TABLES.has(t.table)) {
        problems.push(`${t.table}: has no organization_id and is not on the list of global tables`);
      }
      continue;
    }
    tenantTables.add(t.table);
    if (!t.rls) problems.push(`${t.table}: row-level security is not enabled`);
    if (!t.forced) problems.push(`${t.table}: row-level security is not forced`);
    if (t.policies === 0) problems.push(`${t.table}: has no row-level security policy`);
  }
  const { rows: fks } = await client.query<{
    name: string;
    from: string;
    to: string;
    fromCols: string[];
    toCols: string[];
  }>(
    `SELECT con.conname AS name, src.relname AS from, dst.relname AS to,
            (SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest(con.conkey) WITH ORDINALITY k(n, i)
               JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n) AS "fromCols",
            (SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest(con.confkey) WITH ORDINALITY k(n, i)
               JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n) AS "toCols"
       FROM pg_constraint con
       JOIN pg_class src ON src.oid = con.conrelid
       JOIN pg_class dst ON dst.oid = con.confrelid
       JOIN pg_namespace n ON n.oid = src.relnamespace
      WHERE con.contype = 'f' AND n.nspname = $1`,
    [schema],
  );
  for (const fk of fks) {
    if (!tenantTables.has(fk.from) || !tenantTables.has(fk.to) || fk.to === 'organizations') continue;
    const fromIndex = fk.fromCols.indexOf('organization_id');
    if (fromIndex === -1 || fk.toCols[fromIndex] !== 'organization_id') {
      problems.push(
        `${fk.from}.${fk.name}: foreign key to tenant table ${fk.to} does not include organization_id`,
      );
    }
  }
  return problems.sort();
}
