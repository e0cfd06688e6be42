// Canary buyer records (privacy engine §6): decoys an admin plants in the organization's vault.
// They belong to no real buyer, so no legitimate fulfilment ever reads one; a read (a leaked
// session scraping records, an insider enumerating the vault) raises `pii.canary_read`, high
// severity, at once (lib/pii/read-buyer-pii.ts → lib/privacy/pii-read-monitor.ts). The values are
// made up here; an admin may give an email address they watch, so a leak used outside Packline
// (spam to that address) is noticed too.
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { withTenant } from '../db/tenant.ts';
import { storeBuyerPii } from '../pii/store-buyer-pii.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { newId } from '../db/ids.ts';

export const ZPlantCanaryInput = z.strictObject({
  /** An address the admin watches; made up when absent. */
  watchedEmail: z.preprocess((v) => (v === '' ? undefined : v), z.email().max(320).optional()),
});

const FIRST = ['Alex', 'Sam', 'Jordan', 'Robin', 'Morgan', 'Jamie', 'Casey', 'Charlie'];
const LAST = ['Hartley', 'Osei', 'Kowalski', 'Brennan', 'Lindqvist', 'Moreau', 'Ashdown', 'Okafor'];
const STREETS = ['Elm Grove', 'Mill Lane', 'Station Road', 'Church Walk', 'Orchard Close'];
const pick = <T>(list: readonly T[]): T => list[randomInt(list.length)]!;

export async function plantPiiCanary(
  ctx: TenantContext,
  input: z.input<typeof ZPlantCanaryInput> = {},
): Promise<{ recordId: string }> {
  assertPermission(ctx, 'privacy.manage');
  const { watchedEmail } = ZPlantCanaryInput.parse(input);
  const first = pick(FIRST);
  const last = pick(LAST);
  const { recordId } = await storeBuyerPii(ctx, {
    ownerType: 'order-recipient',
    // Looks like any other owner id; the flag, not the id, makes it a canary.
    ownerId: `canary-${newId()}`,
    name: `${first} ${last}`,
    addressLine1: `${randomInt(2, 199)} ${pick(STREETS)}`,
    city: 'Northampton',
    postcode: `NN${randomInt(1, 9)} ${randomInt(1, 9)}AB`,
    phone: `+44 1632 ${String(randomInt(0, 1_000_000)).padStart(6, '0')}`,
    email: watchedEmail ?? `${first}.${last}.${randomInt(100, 999)}@example.net`.toLowerCase(),
    countryCode: 'GB',
  });
  await withTenant(ctx.organizationId, async (tx) => {
    await tx.piiRecord.update({ where: { id: recordId }, data: { canary: true } });
    await recordAuditEvent(tx, {
      organizationId: ctx.organizationId,
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      ip: ctx.ip,
      requestId: ctx.requestId,
      action: 'privacy.canary_planted',
      targetType: 'pii_record',
      targetId: recordId,
    });
  });
  return { recordId };
}

export async function countPiiCanaries(ctx: TenantContext): Promise<number> {
  assertPermission(ctx, 'security.read');
  return withTenant(ctx.organizationId, (tx) =>
    tx.piiRecord.count({ where: { organizationId: ctx.organizationId, canary: true, anonymisedAt: null } }),
  );
}
