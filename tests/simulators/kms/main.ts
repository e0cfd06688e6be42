// Runs the KMS simulator alone (dev): `tsx tests/simulators/kms/main.ts [--port 4599] [--region eu-west-2]`.
// Port: `--port`, else KMS_SIMULATOR_PORT, else 4599.
//
// The dev key has a FIXED id and FIXED, PUBLIC backing material, so data keys wrapped in a dev
// database stay unwrappable across simulator restarts. Never point anything real at it.
// Point the app at it with KEY_PROVIDER=aws-kms, KMS_ENDPOINT=<url>, KMS_REGION=<region>,
// KMS_KEY_ID=alias/packline and any static AWS credentials.
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { KMS_SIM_DEFAULT_REGION, startKmsSimulator } from './server.ts';

const DEV_KEY_ID = '0b5e55ed-0000-4000-8000-00000000da7a';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    region: { type: 'string' },
  },
});

const port = Number(values.port ?? process.env.KMS_SIMULATOR_PORT ?? 4599);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  process.stderr.write(`invalid port: ${String(values.port ?? process.env.KMS_SIMULATOR_PORT)}\n`);
  process.exit(2);
}

const simulator = await startKmsSimulator({
  port,
  host: values.host ?? '127.0.0.1',
  region: values.region ?? KMS_SIM_DEFAULT_REGION,
  keys: [
    {
      keyId: DEV_KEY_ID,
      aliases: ['alias/packline'],
      description: 'Packline dev key (public material: dev only)',
      material: createHash('sha256').update('packline kms simulator dev key v1').digest(),
    },
  ],
});

const key = simulator.keys.get('alias/packline');
process.stdout.write(
  `KMS simulator listening on ${simulator.url} (region ${simulator.region})\n` +
    `  key ${key.arn}\n  alias ${key.aliases.join(', ')}\n`,
);

const shutdown = () => {
  simulator.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
