// Idempotent database setup (npm run db:setup, the dev script and the test rig):
// roles → database → migrations (as the owner) → grants. Roles, passwords and the database name
// come from the connection strings in lib/env.ts, so production uses its own names.
import pg from 'pg';
import { migrate, type MigrateResult } from './migrations.ts';

export interface DatabaseUrls {
  adminUrl: string; // a superuser: creates roles and databases
  ownerUrl: string; // owns the tables, runs migrations
  appUrl: string; // the web app and worker: no BYPASSRLS, owns nothing
  systemUrl: string; // the named system client: BYPASSRLS, for reviewed cross-tenant paths
}

interface RoleSpec {
  name: string;
  password: string;
  attributes: string;
}

function credentials(url: string): { user: string; password: string; database: string } {
  const u = new URL(url);
  return {
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)),
  };
}

const ident = (name: string) => pg.escapeIdentifier(name);
const literal = (value: string) => pg.escapeLiteral(value);

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'packline-setup' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function ensureRoles(urls: DatabaseUrls): Promise<void> {
  const owner = credentials(urls.ownerUrl);
  const app = credentials(urls.appUrl);
  const system = credentials(urls.systemUrl);
  const roles: RoleSpec[] = [
    {
      name: owner.user,
      password: owner.password,
      attributes: 'NOSUPERUSER NOCREATEROLE NOBYPASSRLS CREATEDB',
    },
    { name: app.user, password: app.password, attributes: 'NOSUPERUSER NOCREATEROLE NOCREATEDB NOBYPASSRLS' },
    {
      name: system.user,
      password: system.password,
      attributes: 'NOSUPERUSER NOCREATEROLE NOCREATEDB BYPASSRLS',
    },
  ];
  if (new Set(roles.map((r) => r.name)).size !== roles.length) {
    throw new Error('the owner, app and system connection strings must use three different roles');
  }
  await withClient(urls.adminUrl, async (c) => {
    for (const role of roles) {
      const { rowCount } = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role.name]);
      const verb = rowCount ? 'ALTER' : 'CREATE';
      const password = role.password ? `PASSWORD ${literal(role.password)}` : 'PASSWORD NULL';
      // Concurrent setups (parallel test runs) may race on CREATE ROLE; the loser retries as ALTER.
      await c
        .query(`${verb} ROLE ${ident(role.name)} WITH LOGIN ${role.attributes} ${password}`)
        .catch(async (error: { code?: string }) => {
          if (error.code !== '42710') throw error;
          await c.query(`ALTER ROLE ${ident(role.name)} WITH LOGIN ${role.attributes} ${password}`);
        });
    }
  });
}

export async function databaseExists(adminUrl: string, database: string): Promise<boolean> {
  return withClient(adminUrl, async (c) => {
    const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    return rowCount === 1;
  });
}

export async function ensureDatabase(urls: DatabaseUrls, database = credentials(urls.appUrl).database) {
  const owner = credentials(urls.ownerUrl).user;
  if (await databaseExists(urls.adminUrl, database)) return;
  await withClient(urls.adminUrl, (c) =>
    c.query(`CREATE DATABASE ${ident(database)} OWNER ${ident(owner)} ENCODING 'UTF8' TEMPLATE template0`),
  );
}

/**
 * Privileges of the app and system roles; default privileges cover tables later migrations add.
 * The app role may update only an operator's TOTP enrolment columns (migration
 * operator_secret_grants): never the password hash.
 */
export async function applyGrants(urls: DatabaseUrls, database = credentials(urls.appUrl).database) {
  const owner = ident(credentials(urls.ownerUrl).user);
  const app = ident(credentials(urls.appUrl).user);
  const users = [app, ident(credentials(urls.systemUrl).user)].join(', ');
  await withClient(withDatabase(urls.ownerUrl, database), async (c) => {
    await c.query(`
      REVOKE ALL ON DATABASE ${ident(database)} FROM PUBLIC;
      GRANT CONNECT, TEMPORARY ON DATABASE ${ident(database)} TO ${users};
      REVOKE CREATE ON SCHEMA public FROM PUBLIC;
      GRANT USAGE ON SCHEMA public TO ${users};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${users};
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${users};
      ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public
        GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${users};
      ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public
        GRANT USAGE, SELECT ON SEQUENCES TO ${users};
      REVOKE ALL ON "_prisma_migrations" FROM ${users};
      REVOKE UPDATE, DELETE, TRUNCATE ON "audit_events" FROM ${users};
      REVOKE UPDATE ON "operators" FROM ${app};
      GRANT UPDATE ("totp_secret", "totp_enabled_at", "totp_last_step", "updated_at") ON "operators" TO ${app};
      REVOKE UPDATE, DELETE, TRUNCATE ON "security_events", "operator_audit_events" FROM ${users};
    `);
  });
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

export interface SetupResult {
  database: string;
  migrations: MigrateResult;
}

/** Roles, database, migrations and grants; safe to run any number of times. */
export async function setupDatabase(
  urls: DatabaseUrls,
  options: { database?: string; log?: (line: string) => void } = {},
): Promise<SetupResult> {
  const database = options.database ?? credentials(urls.appUrl).database;
  await ensureRoles(urls);
  await ensureDatabase(urls, database);
  const migrations = await migrate(withDatabase(urls.ownerUrl, database), { log: options.log });
  await applyGrants(urls, database);
  return { database, migrations };
}
