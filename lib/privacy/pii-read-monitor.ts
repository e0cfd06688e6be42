// PII read volume (privacy engine §6/§7): buyer PII is read a page of packing slips at a time
// (PII_READ_BATCH_MAX per call, each call audited as `pii.read` with its record count).
//
// Prevention — `consumePiiReadAllowance`, called by the vault before it decrypts: the records each
// user / API client / operator decrypts are counted per window in Redis (rate-limiter-flexible,
// shared by every web process and the worker); a read that would pass PII_READ_LIMIT is refused
// with 429 and, the first time in the window, raises `pii.read_volume` (no bulk export by reading
// one page at a time). The system actor is not limited: it reads only in jobs started by a
// permissioned, audited user action.
//
// Canaries — `raiseCanaryRead`: any read of a decoy record (pii_records.canary, planted by an
// admin, lib/privacy/pii-canaries.ts) raises `pii.canary_read`, high severity, at once.
//
// Detection — `scanPiiReadVolume`, run by the retention job: sums, per actor, the records read in
// the window from the audit events; an actor above the limit raises `pii.anomalous_read_volume`
// and an audit event in the organization's chain, once per actor per window.
import { RateLimiterRedis, type RateLimiterRes } from 'rate-limiter-flexible';
import { rateLimitRefusal } from '../security/rate-limit-refusal.ts';
import { z } from 'zod';
import { getEnv } from '../env.ts';
import { onLimitsRedis, redisKey } from '../redis/limits-redis.ts';
import { AppError } from '../errors/app-error.ts';
import type { TenantContext } from '../tenancy/tenant-context.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { withTenant } from '../db/tenant.ts';
import { raiseSecurityEvent } from './security-notifier.ts';

export const ANOMALOUS_PII_READ_ACTION = 'pii.anomalous_read_volume';
export const PII_READ_VOLUME_ACTION = 'pii.read_volume';
export const PII_CANARY_READ_ACTION = 'pii.canary_read';

export interface PiiReadAlert {
  actorType: string;
  actorId: string | null;
  records: number;
}

export async function scanPiiReadVolume(
  organizationIdInput: string,
  options: { now: Date; windowMinutes?: number; threshold?: number },
): Promise<PiiReadAlert[]> {
  const organizationId = z.uuid().parse(organizationIdInput);
  const windowMinutes = options.windowMinutes ?? getEnv().PII_READ_LIMIT_WINDOW_MINUTES;
  const threshold = options.threshold ?? getEnv().PII_READ_LIMIT;
  const since = new Date(options.now.getTime() - windowMinutes * 60_000);
  const alerts = await withTenant(organizationId, async (tx) => {
    const rows = await tx.$queryRaw<{ actor_type: string; actor_id: string | null; records: number }[]>`
      SELECT actor_type::text AS actor_type, actor_id::text AS actor_id,
             sum(coalesce((metadata->>'records')::int, 1))::int AS records
        FROM audit_events
       WHERE organization_id = ${organizationId}::uuid AND action = 'pii.read'
         AND at > ${since} AND at <= ${options.now}
       GROUP BY actor_type, actor_id
      HAVING sum(coalesce((metadata->>'records')::int, 1)) > ${threshold}`;
    const raised: PiiReadAlert[] = [];
    for (const row of rows) {
      // Once per actor per window.
      const already = await tx.auditEvent.count({
        where: {
          organizationId,
          action: 'security.anomalous_pii_reads',
          actorId: row.actor_id,
          at: { gt: since },
        },
      });
      if (already > 0) continue;
      await recordAuditEvent(tx, {
        organizationId,
        actorType: row.actor_type as 'USER',
        actorId: row.actor_id,
        action: 'security.anomalous_pii_reads',
        targetType: 'organization',
        targetId: organizationId,
        metadata: { records: row.records, windowMinutes, threshold },
      });
      raised.push({ actorType: row.actor_type, actorId: row.actor_id, records: row.records });
    }
    return raised;
  });
  for (const alert of alerts) {
    await raiseSecurityEvent({
      organizationId,
      action: ANOMALOUS_PII_READ_ACTION,
      severity: 'medium',
      userId: alert.actorType === 'USER' ? alert.actorId : null,
      metadata: { actorType: alert.actorType, records: alert.records, windowMinutes, threshold },
      summary: `A ${alert.actorType.toLowerCase()} (id ${alert.actorId ?? 'unknown'}) read ${alert.records} buyer records in ${windowMinutes} minutes (threshold ${threshold}).`,
    });
  }
  return alerts;
}

/** The limiter for the configured limit (tests change it: a new setting builds a new limiter). */
function readLimiter() {
  const { PII_READ_LIMIT: points, PII_READ_LIMIT_WINDOW_MINUTES: windowMinutes } = getEnv();
  return onLimitsRedis(`pii-read:${points}:${windowMinutes}`, (storeClient) => ({
    limiter: new RateLimiterRedis({
      storeClient,
      keyPrefix: redisKey('rl', 'pii-read'),
      points,
      duration: windowMinutes * 60,
    }),
    points,
    windowMinutes,
  }));
}

/**
 * Counts `records` decrypted by ctx's actor; throws RATE_LIMITED (429) when that passes the
 * limit. Redis unavailable → the read is refused (fail closed: no counting, no decrypting).
 */
export async function consumePiiReadAllowance(ctx: TenantContext, records: number): Promise<void> {
  if (ctx.actor.type === 'SYSTEM' || records === 0) return;
  const { limiter, points, windowMinutes } = readLimiter();
  const key = `${ctx.actor.type}:${ctx.actor.id}`;
  let refusal: RateLimiterRes;
  try {
    await limiter.consume(key, records);
    return;
  } catch (error) {
    const refused = rateLimitRefusal(error);
    if (!refused) {
      throw new AppError('UNAVAILABLE', 'buyer details are unavailable right now, try again shortly');
    }
    refusal = refused;
  }
  const retryAfter = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
  // The first refused read of the window (the count before it was within the limit) raises the
  // event; later ones in the same window do not repeat it.
  if (refusal.consumedPoints - records <= points) {
    await raiseSecurityEvent({
      organizationId: ctx.organizationId,
      action: PII_READ_VOLUME_ACTION,
      severity: 'high',
      userId: ctx.actor.type === 'USER' ? ctx.actor.id : null,
      ip: ctx.ip,
      requestId: ctx.requestId,
      metadata: {
        actorType: ctx.actor.type,
        actorId: ctx.actor.id,
        limit: points,
        windowMinutes,
        requested: records,
      },
      summary: `A ${ctx.actor.type.toLowerCase()} (id ${ctx.actor.id ?? 'unknown'}) tried to read more than ${points} buyer records in ${windowMinutes} minutes; further reads are refused for ${retryAfter} s.`,
    });
  }
  throw new AppError('RATE_LIMITED', `too many buyer records read; try again in ${retryAfter} s`, {
    retryAfter,
  });
}

/** A read touched decoy records: high severity, raised before the plaintext is returned. */
export async function raiseCanaryRead(ctx: TenantContext, purpose: string, canaryIds: readonly string[]) {
  await raiseSecurityEvent({
    organizationId: ctx.organizationId,
    action: PII_CANARY_READ_ACTION,
    severity: 'high',
    userId: ctx.actor.type === 'USER' ? ctx.actor.id : null,
    ip: ctx.ip,
    requestId: ctx.requestId,
    metadata: { actorType: ctx.actor.type, actorId: ctx.actor.id, purpose, recordIds: [...canaryIds] },
    summary: `A ${ctx.actor.type.toLowerCase()} (id ${ctx.actor.id ?? 'unknown'}) read ${canaryIds.length} canary buyer record(s) (purpose ${purpose}). Canaries belong to no real buyer: treat this as a possible data leak.`,
  });
}
