// npm test — everything: unit, integration and end-to-end tests, in that order, stopping at the
// first failing step. PostgreSQL and Redis are the machine's, or started here for the run when
// the machine has none (scripts/lib/local-services.ts); the steps inherit their URLs.
import { spawn } from 'node:child_process';
import { ensureLocalServices } from './lib/local-services.ts';

const STEPS = ['test:unit', 'test:integration', 'test:e2e'] as const;

const say = (line: string) => process.stdout.write(`test: ${line}\n`);
const services = await ensureLocalServices({ log: say });
// Ctrl-C reaches the running step too; it ends, and what was started here is stopped.
process.on('SIGINT', () => say('interrupted'));

function run(script: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', script], { stdio: 'inherit', env: process.env });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

let status = 0;
for (const step of STEPS) {
  status = await run(step);
  if (status !== 0) break;
}
await services.stop();
process.exit(status);
