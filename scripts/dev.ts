// npm run dev — on a machine with Postgres and Redis running: database roles, migrations and the
// demo tenant (first run only), then the web app and the worker together. Ctrl-C stops both.
import { spawn, type ChildProcess } from 'node:child_process';
import { getEnv } from '../lib/env.ts';
import { disconnectSystemDb } from '../lib/db/system.ts';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from '../lib/demo/seed-demo.ts';
import { setupDatabase } from './lib/db-setup.ts';
import { ensureDevSecrets } from './lib/dev-secrets.ts';

const say = (line: string) => process.stdout.write(`dev: ${line}\n`);
const written = await ensureDevSecrets();
if (written.length) say(`wrote development ${written.join(', ')} to .env`);
const env = getEnv();

await setupDatabase(
  {
    adminUrl: env.DATABASE_ADMIN_URL,
    ownerUrl: env.DATABASE_OWNER_URL,
    appUrl: env.DATABASE_URL,
    systemUrl: env.DATABASE_SYSTEM_URL,
  },
  { log: say },
);
const seeded = await seedDemo();
await disconnectSystemDb();
say(seeded.created ? `seeded the demo organization at /${seeded.slug}` : 'database ready');

const children: ChildProcess[] = [];
function run(name: string, command: string, args: string[]): void {
  const child = spawn(command, args, { stdio: 'inherit', env: process.env });
  child.on('exit', (code, signal) => {
    say(`${name} exited (${signal ?? code})`);
    shutdown(code ?? 1);
  });
  children.push(child);
}

let stopping = false;
function shutdown(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

run('web', 'npx', ['--no-install', 'next', 'dev', '--port', new URL(env.APP_URL).port || '3000']);
run('worker', 'npx', ['--no-install', 'tsx', 'jobs/worker.ts']);
say(`Packline is starting at ${env.APP_URL}/${seeded.slug}`);
say(`demo sign-in: ${DEMO_USERS.map((u) => u.email).join(', ')} — password ${DEMO_PASSWORD}`);
