// Runs the SP-API simulator alone (dev): `npx tsx tests/simulators/amazon/main.ts [--port 4600]
// [--orders 500] [--seed packline-dev] [--speed 1] [--no-rate-limits] [--future-hours 24]`.
// Port: `--port`, else AMAZON_SIMULATOR_PORT, else 4600.
//
// The dev app and seller have FIXED, PUBLIC credentials (DEV_APP / DEV_SELLER in server.ts) and a
// self-authorization refresh token is printed at start. Point the amazon-sp-api client at it with
// lib/channels/amazon/sp-api-transport.ts (host 127.0.0.1, this port, the printed CA file).
import { parseArgs } from 'node:util';
import { DEV_APP, DEV_SELLER, startAmazonSimulator } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    orders: { type: 'string' },
    seed: { type: 'string' },
    speed: { type: 'string' },
    'future-hours': { type: 'string' },
    'no-rate-limits': { type: 'boolean' },
  },
});

const port = Number(values.port ?? process.env.AMAZON_SIMULATOR_PORT ?? 4600);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  process.stderr.write(`invalid port: ${String(values.port ?? process.env.AMAZON_SIMULATOR_PORT)}\n`);
  process.exit(2);
}
const count = Number(values.orders ?? 500);
const speed = Number(values.speed ?? 1);
const futureHours = Number(values['future-hours'] ?? 24);
const now = Date.now();

const simulator = await startAmazonSimulator({
  port,
  host: values.host ?? '127.0.0.1',
  clock: { start: now, speed },
  rateLimits: !values['no-rate-limits'],
  // Half the orders in the last 7 days, half arriving over the next `futureHours`.
  orders: [
    {
      seed: values.seed ?? 'packline-dev',
      count: Math.ceil(count / 2),
      from: now - 7 * 24 * 3600_000,
      to: now,
    },
    {
      seed: values.seed ?? 'packline-dev',
      count: Math.floor(count / 2),
      from: now,
      to: now + futureHours * 3600_000,
    },
  ],
});

const refreshToken = simulator.registry.authorize(DEV_APP.clientId, DEV_SELLER.sellingPartnerId);
process.stdout.write(
  `SP-API simulator listening on ${simulator.url} (clock speed ×${speed}, rate limits ${simulator.rateLimits.enabled ? 'on' : 'off'})\n` +
    `  CA file        ${simulator.caPath}\n` +
    `  app            ${DEV_APP.applicationId}\n` +
    `  client id      ${DEV_APP.clientId}\n` +
    `  client secret  ${DEV_APP.clientSecret}\n` +
    `  seller         ${DEV_SELLER.sellingPartnerId} (${DEV_SELLER.region}: ${DEV_SELLER.marketplaceIds.join(', ')})\n` +
    `  refresh token  ${refreshToken}\n` +
    `  orders         ${simulator.orders.list().length}\n`,
);

const shutdown = () => {
  simulator.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
