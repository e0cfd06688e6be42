// A worker process for crash tests (lib/crypto/rotation.integration.test.ts): the real job worker
// with short lock and stall settings, started in a child process so the test can SIGKILL it
// mid-job. Configuration comes from the environment the test passes (database, queue prefix, KMS).
import '../simulators/kms/quiet-sdk-warning.ts';
import { startWorker } from '../../jobs/start-worker.ts';
import { CRASH_TEST_WORKER_OPTIONS } from './crash-test.ts';

const running = await startWorker({
  heartbeatEveryMs: 3_600_000,
  concurrency: 1,
  workerOptions: CRASH_TEST_WORKER_OPTIONS,
});
process.stdout.write(`worker ready ${running.identity.workerId}\n`);
process.once('SIGTERM', () => void running.close().then(() => process.exit(0)));
