// Databases for the test rig: one migrated template per run, one clone per integration test
// file (CREATE DATABASE ... TEMPLATE is a file copy, ~100 ms), so files run in parallel without
// sharing rows. Only local servers are ever touched.
import pg from 'pg';
import { getEnv } from '../../lib/env.ts';
import { setupDatabase, withDatabase, type DatabaseUrls } from '../../scripts/lib/db-setup.ts';

// Names carry the pid of the process that made them, so a run's cleanup spares other live runs.
const TEMPLATE_PREFIX = 'packline_test_t_';
const CLONE_PREFIX = 'packline_test_c_';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function testDatabaseUrls(): DatabaseUrls {
  const env = getEnv();
  const urls = {
    adminUrl: env.DATABASE_ADMIN_URL,
    ownerUrl: env.DATABASE_OWNER_URL,
    appUrl: env.DATABASE_URL,
    systemUrl: env.DATABASE_SYSTEM_URL,
  };
  for (const [name, url] of Object.entries(urls)) {
    const host = new URL(url).hostname;
    if (!LOCAL_HOSTS.has(host)) {
      throw new Error(`the test rig refuses a non-local database: ${name} points at host "${host}"`);
    }
  }
  return urls;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testDatabaseUrls().adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`));
}

export const cloneName = (suffix: string): string => `${CLONE_PREFIX}${process.pid}_${suffix}`;
export const templateName = (): string => `${TEMPLATE_PREFIX}${process.pid}`;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/** Builds this run's template from the migrations; drops databases that dead runs left behind. */
export async function buildTemplate(): Promise<string> {
  const urls = testDatabaseUrls();
  const leftovers = await admin(async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname LIKE $2`,
      [`${CLONE_PREFIX}%`, `${TEMPLATE_PREFIX}%`],
    );
    return rows.map((r) => r.datname);
  });
  for (const name of leftovers) {
    const pid = Number(/^packline_test_[ct]_(\d+)/.exec(name)?.[1]);
    if (!pid || !isRunning(pid)) await dropDatabase(name);
  }
  const template = templateName();
  await dropDatabase(template);
  await setupDatabase(urls, { database: template });
  return template;
}

export async function cloneTemplate(template: string, name: string): Promise<void> {
  const owner = new URL(testDatabaseUrls().ownerUrl).username;
  const sql = `CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE ${pg.escapeIdentifier(template)} OWNER ${pg.escapeIdentifier(owner)}`;
  for (let attempt = 1; ; attempt++) {
    try {
      await admin((c) => c.query(sql));
      return;
    } catch (error) {
      // 55006: the template is briefly "being accessed by other users" while another clone starts.
      if ((error as { code?: string }).code !== '55006' || attempt >= 20) throw error;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
}

export function urlsFor(database: string): DatabaseUrls {
  const urls = testDatabaseUrls();
  return {
    adminUrl: urls.adminUrl,
    ownerUrl: withDatabase(urls.ownerUrl, database),
    appUrl: withDatabase(urls.appUrl, database),
    systemUrl: withDatabase(urls.systemUrl, database),
  };
}
