// Runs the courier simulator alone (dev): `npm run sim:courier [-- --port 4610]`.
// Port: `--port`, else COURIER_SIMULATOR_PORT, else 4610. Point the app at it with
// COURIER_SIMULATOR_URL=http://127.0.0.1:<port> (the dev default). Credentials are the fixed,
// public DEV_COURIER_CREDENTIALS printed below.
import { parseArgs } from 'node:util';
import { DEV_COURIER_CREDENTIALS, startCourierSimulator } from './server.ts';

const { values } = parseArgs({ options: { port: { type: 'string' }, host: { type: 'string' } } });
const port = Number(values.port ?? process.env.COURIER_SIMULATOR_PORT ?? 4610);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  process.stderr.write(`invalid port: ${String(values.port ?? process.env.COURIER_SIMULATOR_PORT)}\n`);
  process.exit(2);
}

const simulator = await startCourierSimulator({ port, host: values.host ?? '127.0.0.1' });
const c = DEV_COURIER_CREDENTIALS;
process.stdout.write(
  `Courier simulator listening on ${simulator.url}\n` +
    `  TEST        ${simulator.baseUrl('test')}  X-Api-Key ${c.test.apiKey}\n` +
    `  Royal Mail  ${simulator.baseUrl('royal-mail')}  Bearer ${c['royal-mail'].apiKey}\n` +
    `  DPD         ${simulator.baseUrl('dpd')}  ${c.dpd.username} / ${c.dpd.password}, account ${c.dpd.accountNumber}\n` +
    `  DHL         ${simulator.baseUrl('dhl')}  ${c.dhl.apiKey} / ${c.dhl.apiSecret}, account ${c.dhl.accountNumber}\n`,
);

const shutdown = () => {
  simulator.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
