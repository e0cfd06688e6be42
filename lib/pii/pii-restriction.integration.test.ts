// DSR restriction blocks PII use: a restricted record is refused for labels, packing slips and
// customer service; labels and packing slips may be printed with an override (pii.print +
// privacy.dsr, a 10–500 character reason), audited as its own event and raised as a security
// event; an access request (dsr-export) is still answered.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appDb } from '../db/client.ts';
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { resetTenantKeys } from '../crypto/tenant-keys.ts';
import { createOrganization } from '../../tests/factories.ts';
import { memberContext } from '../../tests/helpers/contexts.ts';
import { setupKmsSimulator } from '../../tests/helpers/kms.ts';
import type { KmsSimulator } from '../../tests/simulators/kms/server.ts';
import { PiiRestrictedError, RESTRICTION_OVERRIDE_ACTION } from './pii-restriction.ts';
import {
  readBuyerPii,
  readBuyerPiiBatch,
  readBuyerPiiForDsr,
  type TCallerPiiPurpose,
} from './read-buyer-pii.ts';
import { storeBuyerPii } from './store-buyer-pii.ts';

let sim: KmsSimulator;
beforeAll(async () => {
  sim = await setupKmsSimulator();
});
afterAll(async () => {
  resetTenantKeys();
  await sim.close();
});
beforeEach(() => sim.reset());

const REASON = 'Parcel already picked before the restriction; buyer asked to receive it';

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

async function setup() {
  const org = await createOrganization();
  const admin = await memberContext(org.id, 'ADMIN');
  const manager = await memberContext(org.id, 'MANAGER');
  const warehouse = await memberContext(org.id, 'WAREHOUSE');
  const store = (n: number) =>
    storeBuyerPii(manager, {
      ownerType: 'order-recipient',
      ownerId: `order-${n}`,
      name: `Restricted Buyer ${n}`,
      addressLine1: `${n} Quiet Lane`,
      city: 'Leeds',
      postcode: 'LS1 4AP',
      phone: '+44 113 496 0000',
      email: `restricted.${n}@example.com`,
      countryCode: 'GB',
    });
  const restricted = (await store(1)).recordId;
  const free = (await store(2)).recordId;
  await withTenant(org.id, (tx) =>
    tx.piiRecord.update({ where: { id: restricted }, data: { restrictedAt: new Date() } }),
  );
  const audits = (action: string) =>
    withTenant(org.id, (tx) =>
      tx.auditEvent.findMany({ where: { organizationId: org.id, action }, orderBy: { at: 'asc' } }),
    );
  const securityEvents = () =>
    appDb().securityEvent.findMany({
      where: {
        action: RESTRICTION_OVERRIDE_ACTION,
        metadata: { path: ['organizationId'], equals: org.id },
      },
    });
  return { org, admin, manager, warehouse, restricted, free, audits, securityEvents };
}

describe('a restricted record', () => {
  it('is refused for labels, packing slips and customer service, with a safe 409 and nothing decrypted or audited as read', async () => {
    const { admin, manager, warehouse, restricted, free, audits } = await setup();
    for (const [ctx, purpose] of [
      [warehouse, 'label'],
      [warehouse, 'packing-slip'],
      [manager, 'customer-service'],
      [admin, 'label'],
    ] as const) {
      const error = await failure(readBuyerPii(ctx, restricted, purpose));
      expect(error).toBeInstanceOf(PiiRestrictedError);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('CONFLICT');
      expect((error as AppError).status).toBe(409);
      expect((error as AppError).toJSON().error.details).toEqual({ restricted: true });
      expect(JSON.stringify((error as AppError).toJSON())).not.toMatch(/Restricted Buyer|Quiet|example\.com/);
    }
    // One restricted record in a batch refuses the whole batch.
    expect(await failure(readBuyerPiiBatch(warehouse, [free, restricted], 'packing-slip'))).toBeInstanceOf(
      PiiRestrictedError,
    );
    expect(await audits('pii.read')).toHaveLength(0);
    // The unrestricted record is still printable.
    expect((await readBuyerPii(warehouse, free, 'label')).name).toBe('Restricted Buyer 2');
  });

  it('is still exported for an access request (dsr-export)', async () => {
    const { admin, restricted, audits } = await setup();
    const [record] = await readBuyerPiiForDsr(admin, [restricted]);
    expect(record!.email).toBe('restricted.1@example.com');
    // The read names the restricted record it passed, so every use of it is on the audit trail.
    const [read] = await audits('pii.read');
    expect(read).toMatchObject({ purpose: 'dsr-export', metadata: { restrictedRecordIds: [restricted] } });
    // Outside the data-subject request, naming its purpose is refused, even by an admin.
    expect(await failure(readBuyerPii(admin, restricted, 'dsr-export' as TCallerPiiPurpose))).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('prints with an override by someone holding pii.print and privacy.dsr: audited as its own event and raised as a security event', async () => {
    const { admin, restricted, free, audits, securityEvents } = await setup();
    const [slip, other] = await readBuyerPiiBatch(admin, [restricted, free], 'packing-slip', {
      restrictionOverride: { reason: REASON },
    });
    expect(slip?.name).toBe('Restricted Buyer 1');
    expect(other?.name).toBe('Restricted Buyer 2');

    const [override] = await audits(RESTRICTION_OVERRIDE_ACTION);
    expect(override).toMatchObject({
      actorId: admin.actor.id,
      purpose: 'packing-slip',
      targetType: 'pii_record',
      targetId: restricted,
    });
    const metadata = override!.metadata as { reason: string[]; recordIds: string[] };
    expect(metadata.reason.join('')).toBe(REASON);
    expect(metadata.recordIds).toEqual([restricted]);
    expect(JSON.stringify(override!.metadata)).not.toMatch(/Restricted Buyer|Quiet|example\.com|LS1/);
    expect(await audits('pii.read')).toHaveLength(1);

    const events = await securityEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ userId: admin.actor.id });
    expect(events[0]!.metadata).toMatchObject({ severity: 'medium', recordIds: [restricted] });
    expect(JSON.stringify(events)).not.toMatch(/Restricted Buyer|Quiet|example\.com|LS1/);
  });

  it('keeps the whole 500-character reason in the audit trail', async () => {
    const { admin, restricted, audits } = await setup();
    const reason = 'r'.repeat(500);
    await readBuyerPii(admin, restricted, 'label', { restrictionOverride: { reason } });
    const [override] = await audits(RESTRICTION_OVERRIDE_ACTION);
    expect((override!.metadata as { reason: string[] }).reason.join('')).toBe(reason);
  });

  it('refuses an override without privacy.dsr, for customer service, or with a reason outside 10–500 characters', async () => {
    const { admin, manager, warehouse, restricted, free, audits, securityEvents } = await setup();
    const withReason = { restrictionOverride: { reason: REASON } };
    expect(await failure(readBuyerPii(warehouse, restricted, 'label', withReason))).toMatchObject({
      code: 'FORBIDDEN',
      message: 'missing permission privacy.dsr',
    });
    expect(await failure(readBuyerPii(admin, restricted, 'customer-service', withReason))).toMatchObject({
      code: 'FORBIDDEN',
    });
    for (const reason of ['too short', ' '.repeat(20), 'x'.repeat(501)]) {
      expect(
        await failure(readBuyerPii(admin, restricted, 'label', { restrictionOverride: { reason } })),
      ).toMatchObject({ code: 'BAD_REQUEST' });
      // A bad reason is refused even when nothing read is restricted.
      expect(
        await failure(readBuyerPii(admin, free, 'label', { restrictionOverride: { reason } })),
      ).toMatchObject({ code: 'BAD_REQUEST' });
    }
    expect(await failure(readBuyerPii(manager, restricted, 'label', withReason))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await audits(RESTRICTION_OVERRIDE_ACTION)).toHaveLength(0);
    expect(await audits('pii.read')).toHaveLength(0);
    expect(await securityEvents()).toHaveLength(0);
  });

  it('needs no override event when the override names only unrestricted records', async () => {
    const { admin, free, audits, securityEvents } = await setup();
    await readBuyerPii(admin, free, 'label', { restrictionOverride: { reason: REASON } });
    expect(await audits(RESTRICTION_OVERRIDE_ACTION)).toHaveLength(0);
    expect(await securityEvents()).toHaveLength(0);
  });

  it('is printable again once the restriction is lifted', async () => {
    const { org, warehouse, restricted } = await setup();
    await withTenant(org.id, (tx) =>
      tx.piiRecord.update({ where: { id: restricted }, data: { restrictedAt: null } }),
    );
    expect((await readBuyerPii(warehouse, restricted, 'label')).name).toBe('Restricted Buyer 1');
  });
});
