// The end-to-end stack Playwright starts (playwright.config.ts webServer): a fresh database with
// the demo tenant, then the production build (`next start`) and the worker, as in production.
import { spawn, type ChildProcess } from 'node:child_process';
import { dropDatabase } from '../setup/test-databases.ts';
import { setupDatabase } from '../../scripts/lib/db-setup.ts';
import { E2E_DATABASE, E2E_PORT, e2eEnv } from './e2e-env.ts';

const env = e2eEnv();
await dropDatabase(E2E_DATABASE);
await setupDatabase(
  {
    adminUrl: env.DATABASE_ADMIN_URL!,
    ownerUrl: env.DATABASE_OWNER_URL!,
    appUrl: env.DATABASE_URL!,
    systemUrl: env.DATABASE_SYSTEM_URL!,
  },
  { database: E2E_DATABASE },
);
Object.assign(process.env, env);
// Rate-limit counters (lib/auth/rate-limits.ts) of earlier runs would lock this run's accounts.
{
  const { Redis } = await import('ioredis');
  const redis = new Redis(env.REDIS_URL!, { maxRetriesPerRequest: 1 });
  const keys = await redis.keys(`${env.QUEUE_PREFIX}:rl:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
}
const { resetEnvForTests } = await import('../../lib/env.ts');
resetEnvForTests();
const { seedDemo } = await import('../../lib/demo/seed-demo.ts');
const { disconnectSystemDb } = await import('../../lib/db/system.ts');
await seedDemo();
await disconnectSystemDb();

// The courier simulator in this process: production mode refuses it unless explicitly allowed,
// which this throwaway stack does (as it does for the local key provider).
const { startCourierSimulator } = await import('../simulators/courier/server.ts');
const courier = await startCourierSimulator();
Object.assign(process.env, {
  COURIER_SIMULATOR_URL: courier.url,
  COURIER_SIMULATOR_ALLOW_IN_PRODUCTION: 'true',
});

const children: ChildProcess[] = [];
const start = (command: string, args: string[], extra: Record<string, string> = {}) => {
  const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...extra } });
  child.on('exit', (code) => {
    if (!stopping) process.exit(code ?? 1);
  });
  children.push(child);
};
let stopping = false;
const stop = () => {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

start('npx', ['--no-install', 'next', 'start', '--hostname', '127.0.0.1', '--port', String(E2E_PORT)], {
  NODE_ENV: 'production',
});
start('npx', ['--no-install', 'tsx', 'jobs/worker.ts'], { NODE_ENV: 'production' });
