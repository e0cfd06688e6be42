// A process running the anonymiser for one organization, for the SIGKILL test
// (lib/privacy/anonymiser-kill.integration.test.ts). Small batches with a pause, so the test can
// kill it mid-run. Configuration (database) comes from the environment the test passes.
import { anonymiseDueOrders } from '../../lib/privacy/anonymise-buyer-pii.ts';

const [organizationId, nowIso] = process.argv.slice(2);
await anonymiseDueOrders(organizationId!, {
  now: new Date(nowIso!),
  batchSize: 100,
  pauseMs: 30,
  onProgress: ({ done }) => void process.stdout.write(`done ${done}\n`),
});
process.stdout.write('finished\n');
process.exit(0);
