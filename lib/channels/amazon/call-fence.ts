// The disconnect fence (ARCHITECTURE.md §5): once disconnect returns, no SP-API call for the
// integration starts, and none is still in flight — without holding a database lock across HTTP
// calls (a FOR SHARE transaction per call cost a pooled connection and ~3 round trips per call,
// and serialised the sync's concurrent item fetches behind the pool).
//
// Redis holds, per integration, an OPEN marker and the set of calls in flight (member → deadline):
// - enter: atomically, if OPEN exists the call is registered in flight, else it is refused;
// - a refused call re-validates against the database: it reads the integration row FOR SHARE and,
//   still connected, sets OPEN inside that transaction (so a concurrent disconnect, which takes
//   the row FOR UPDATE, deletes OPEN after it); disconnected → IntegrationDisconnectedError;
// - disconnect deletes OPEN inside its FOR UPDATE transaction, then waits until no call is in flight.
// Either a call registered before OPEN went (disconnect waits for it) or it sees the row
// DISCONNECTED. OPEN expires after a minute, so a lost Redis state fails closed and re-validates.
// A call of a worker killed mid-flight stays registered until its deadline (its HTTP timeout):
// disconnect then waits that long at most.
import { randomUUID } from 'node:crypto';
import { withTenant } from '../../db/tenant.ts';
import { amazonKey, amazonRedis, amazonScript } from './amazon-redis.ts';

/** Re-validate the integration against the database at least this often. */
const OPEN_TTL_MS = 60_000;

const openKey = (integrationId: string) => amazonKey('fence-open', integrationId);
const inflightKey = (integrationId: string) => amazonKey('fence-inflight', integrationId);

// KEYS[1] open marker, KEYS[2] in-flight set; ARGV[1] member, ARGV[2] ms until its deadline.
// Returns 1 when registered, 0 when the fence is not known open.
const ENTER = amazonScript(
  `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[2]) + 60000)
return 1
`,
  2,
);

// KEYS[1] in-flight set. Drops calls past their deadline; returns how many are still in flight.
const LIVE = amazonScript(
  `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
return redis.call('ZCARD', KEYS[1])
`,
  1,
);

export class FenceClosedError extends Error {
  override readonly name = 'FenceClosedError';
}

/**
 * Runs `fn` (one SP-API call) registered in flight for the integration. Throws FenceClosedError
 * (before calling `fn`) when the integration row says DISCONNECTED.
 */
export async function fencedCall<T>(
  input: { organizationId: string; integrationId: string },
  deadlineMs: number,
  fn: () => Promise<T>,
): Promise<T> {
  const { organizationId, integrationId } = input;
  const redis = amazonRedis();
  const member = randomUUID();
  const enter = async () =>
    Number(await ENTER(openKey(integrationId), inflightKey(integrationId), member, deadlineMs)) === 1;
  if (!(await enter())) {
    await withTenant(organizationId, async (tx) => {
      const [row] = await tx.$queryRaw<{ status: string }[]>`
        SELECT status::text AS status FROM amazon_integrations
         WHERE organization_id = ${organizationId}::uuid AND id = ${integrationId}::uuid
           FOR SHARE`;
      if (!row || row.status === 'DISCONNECTED') throw new FenceClosedError('integration disconnected');
      await redis.set(openKey(integrationId), '1', 'PX', OPEN_TTL_MS);
    });
    // A disconnect committed in between has deleted OPEN again: refused, and the next call
    // re-validates and sees DISCONNECTED.
    if (!(await enter())) throw new FenceClosedError('integration disconnected');
  }
  try {
    return await fn();
  } finally {
    await redis.zrem(inflightKey(integrationId), member).catch(() => undefined);
  }
}

/** Inside disconnect's FOR UPDATE transaction on the integration row: no new call enters. */
export async function closeFence(integrationId: string): Promise<void> {
  await amazonRedis().del(openKey(integrationId));
}

/** After closeFence: resolves once no call of the integration is in flight (or past its deadline). */
export async function waitForCallsInFlight(integrationId: string, pollMs = 20): Promise<void> {
  for (;;) {
    const live = Number(await LIVE(inflightKey(integrationId)));
    if (live === 0) return;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
