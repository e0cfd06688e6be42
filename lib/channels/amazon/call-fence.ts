// The disconnect fence (ARCHITECTURE.md §5): once disconnect returns, no SP-API call for the
// integration starts, and none is still in flight — without holding a database lock across HTTP
// calls (a FOR SHARE transaction per call cost a pooled connection and ~3 round trips per call,
// and serialised the sync's concurrent item fetches behind the pool).
//
// Redis holds, per integration, an OPEN marker and the set of sessions with calls in flight
// (member → deadline). A call is admitted by ONE script, which also takes its rate-limit token:
// - OPEN missing → refused, no token taken; else no token → the wait, nothing registered; else
//   the token is taken and the session registered in flight (its deadline pushed out);
// - a refused call re-validates against the database: it reads the integration row FOR SHARE and,
//   still connected, sets OPEN inside that transaction (so a concurrent disconnect, which takes
//   the row FOR UPDATE, deletes OPEN after it); disconnected → FenceClosedError;
// - a session leaves the set when its last admitted call ends (it counts them), so a sync with
//   calls in flight all the time costs one Redis command per call, not three;
// - disconnect deletes OPEN inside its FOR UPDATE transaction, then waits until no session is in
//   flight.
// Either a call was admitted before OPEN went (disconnect waits for it) or it sees the row
// DISCONNECTED. OPEN expires after a minute, so a lost Redis state fails closed and re-validates.
// A session of a worker killed mid-call stays registered until its deadline (the HTTP timeout):
// disconnect then waits that long at most.
import { randomUUID } from 'node:crypto';
import { withTenant } from '../../db/tenant.ts';
import { amazonKey, amazonRedis, amazonScript } from './amazon-redis.ts';
import { NOW_LUA, TAKE_TOKEN_LUA, type Bucket } from './rate-limiter.ts';

/** Re-validate the integration against the database at least this often. */
const OPEN_TTL_MS = 60_000;

const openKey = (integrationId: string) => amazonKey('fence-open', integrationId);
const inflightKey = (integrationId: string) => amazonKey('fence-inflight', integrationId);

// KEYS[1] bucket, KEYS[2] open marker, KEYS[3] in-flight set; ARGV[1] rate per ms, ARGV[2] burst,
// ARGV[3] member, ARGV[4] ms until its deadline. Returns -1 when the fence is not known open
// (nothing taken), 0 when admitted, else the ms until a token is available (nothing taken).
const ADMIT = amazonScript(
  `
if redis.call('EXISTS', KEYS[2]) == 0 then return -1 end
${NOW_LUA}${TAKE_TOKEN_LUA}
if wait > 0 then return wait end
redis.call('ZADD', KEYS[3], now + tonumber(ARGV[4]), ARGV[3])
redis.call('PEXPIRE', KEYS[3], tonumber(ARGV[4]) + 60000)
return 0
`,
  3,
);

// KEYS[1] in-flight set. Drops sessions past their deadline; returns how many are still in flight.
const LIVE = amazonScript(
  `${NOW_LUA}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
return redis.call('ZCARD', KEYS[1])
`,
  1,
);

export class FenceClosedError extends Error {
  override readonly name = 'FenceClosedError';
}

/** One session's admissions for one integration; `release` every admitted call when it ends. */
export class CallFence {
  private readonly member = randomUUID();
  /** Calls admitted (or being admitted) and not yet released. */
  private active = 0;

  constructor(
    private readonly integration: { organizationId: string; integrationId: string },
    /** How long a call may stay registered: past the HTTP deadline of the calls. */
    private readonly deadlineMs: number,
  ) {}

  /**
   * Takes a token from `bucket` and registers the call in flight, atomically. Returns 0 when the
   * call is admitted (call `release` when it ends), else the ms until a token is available
   * (nothing taken, nothing to release). Throws FenceClosedError when the integration row says
   * DISCONNECTED.
   */
  async admit(bucket: Bucket): Promise<number> {
    const { organizationId, integrationId } = this.integration;
    this.active += 1;
    const run = async () =>
      Number(
        await ADMIT(
          bucket.key,
          openKey(integrationId),
          inflightKey(integrationId),
          String(bucket.ratePerMs),
          String(bucket.burst),
          this.member,
          this.deadlineMs,
        ),
      );
    try {
      let result = await run();
      if (result === -1) {
        await withTenant(organizationId, async (tx) => {
          const [row] = await tx.$queryRaw<{ status: string }[]>`
            SELECT status::text AS status FROM amazon_integrations
             WHERE organization_id = ${organizationId}::uuid AND id = ${integrationId}::uuid
               FOR SHARE`;
          if (!row || row.status === 'DISCONNECTED') throw new FenceClosedError('integration disconnected');
          await amazonRedis().set(openKey(integrationId), '1', 'PX', OPEN_TTL_MS);
        });
        // A disconnect committed in between has deleted OPEN again: refused, and the next call
        // re-validates and sees DISCONNECTED.
        result = await run();
        if (result === -1) throw new FenceClosedError('integration disconnected');
      }
      if (result !== 0) this.release();
      return result;
    } catch (error) {
      this.release();
      throw error;
    }
  }

  /**
   * An admitted call ended. The session leaves the in-flight set when none is left; the command
   * goes out on the channel's one connection, so a later admission is ordered after it.
   */
  release(): void {
    this.active -= 1;
    if (this.active > 0) return;
    amazonRedis()
      .zrem(inflightKey(this.integration.integrationId), this.member)
      .catch(() => undefined);
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
