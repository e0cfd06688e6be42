// The worker process (`npm run worker`): starts the job worker and stops it gracefully on
// SIGTERM/SIGINT. A second signal during shutdown kills the process at once (the handlers are
// `once`), and jobs it cut off are retried after their locks expire. Tests and scripts/dev.ts
// start the worker in-process through jobs/start-worker.ts instead of this file.
import { getLogger } from '../lib/logger.ts';
import { startWorker, type RunningWorker } from './start-worker.ts';

const logger = getLogger().child({ service: 'worker' });
let running: RunningWorker | undefined;
let stopping = false;

async function stop(reason: string, exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ reason }, 'shutting down');
  try {
    await running?.close();
  } catch (err) {
    logger.error({ err }, 'error during shutdown');
    exitCode = 1;
  }
  process.exitCode = exitCode;
  // Everything is closed, so the process should end by itself; if a handle we do not own keeps
  // it alive, do not hang the deploy.
  setTimeout(() => {
    logger.warn('forced exit: a handle kept the process alive after shutdown');
    process.exit(exitCode);
  }, 5_000).unref();
}

process.once('SIGTERM', () => void stop('SIGTERM', 0));
process.once('SIGINT', () => void stop('SIGINT', 0));
process.on('unhandledRejection', (reason) => {
  logger.fatal({ err: reason }, 'unhandled promise rejection');
  void stop('unhandledRejection', 1);
});
process.on('uncaughtException', (err) => {
  logger.fatal({ err }, 'uncaught exception');
  void stop('uncaughtException', 1);
});

try {
  running = await startWorker({ logger });
  // A signal that arrived while starting is honoured now that there is something to close.
  if (stopping) await running.close();
} catch (err) {
  logger.fatal({ err }, 'worker could not start');
  process.exitCode = 1;
}
