// Carrier accounts and shipping rules on a real database with the courier simulator: connect
// (secret only in the credentials store), test connection, WAREHOUSE ships through the account
// without managing it, rule selection (priority, country, weight, value, channel, disabled
// account, no match → null), reordering, guarded deletes, audit without secrets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemDb } from '../db/system.ts';
import { withTenant } from '../db/tenant.ts';
import { createOrganization } from '../../tests/factories.ts';
import { memberContext } from '../../tests/helpers/contexts.ts';
import { setTestEnv } from '../../tests/helpers/test-env.ts';
import {
  DEV_COURIER_CREDENTIALS as DEV,
  startCourierSimulator,
  type CourierSimulator,
} from '../../tests/simulators/courier/server.ts';
import {
  connectCarrierAccount,
  deleteCarrierAccount,
  listCarrierAccounts,
  setCarrierAccountEnabled,
  testCarrierConnection,
} from './carrier-accounts.ts';
import { courierForAccount } from './courier-for-account.ts';
import { selectCarrierService, type ParcelFacts } from './select-carrier-service.ts';
import {
  createShippingRule,
  deleteShippingRule,
  listShippingRules,
  moveShippingRule,
  previewCarrierService,
} from './shipping-rules.ts';
import { expectInvalidInput } from '../../tests/helpers/expect-error.ts';

let sim: CourierSimulator;
beforeAll(async () => {
  sim = await startCourierSimulator();
  setTestEnv({ COURIER_SIMULATOR_URL: sim.url });
});
afterAll(async () => {
  setTestEnv({ COURIER_SIMULATOR_URL: undefined });
  await sim.close();
});

const gb: ParcelFacts = {
  countryCode: 'GB',
  weightGrams: 800,
  valueMinor: 2500,
  currency: 'GBP',
  channel: 'AMAZON',
};

describe('carrier accounts', () => {
  it('connects with the secret in the credentials store, tests the connection, and lets WAREHOUSE ship', async () => {
    const org = await createOrganization();
    const admin = await memberContext(org.id, 'ADMIN');
    const { carrierAccountId } = await connectCarrierAccount(admin, {
      carrier: 'TEST',
      name: 'Test carrier',
      secret: { apiKey: DEV.test.apiKey },
    });
    const [row] = await systemDb().$queryRaw<Record<string, unknown>[]>`
      SELECT * FROM carrier_accounts WHERE id = ${carrierAccountId}::uuid`;
    expect(JSON.stringify(row)).not.toContain(DEV.test.apiKey);
    expect(row?.credential_id).toBeTruthy();
    expect(await testCarrierConnection(admin, { carrierAccountId })).toEqual({ ok: true });
    const [listed] = await listCarrierAccounts(admin);
    expect(listed?.verifiedAt).toBeInstanceOf(Date);

    const warehouse = await memberContext(org.id, 'WAREHOUSE');
    const courier = await courierForAccount(warehouse, carrierAccountId);
    const shipment = await courier.createShipment({
      reference: 'PKL-IT-1',
      serviceCode: 'TEST24',
      shipFrom: { name: 'Demo', line1: '1 Road', city: 'Leeds', postcode: 'LS1 1AA', countryCode: 'GB' },
      shipTo: { name: 'Jane Smith', line1: '2 Street', city: 'York', postcode: 'YO1 7HH', countryCode: 'GB' },
      parcels: [{ weightGrams: 500 }],
      shipDate: new Date().toISOString(),
      label: { format: 'PDF' },
    });
    expect(shipment.trackingNumber).toBeTruthy();
    await expect(
      connectCarrierAccount(warehouse, { carrier: 'TEST', name: 'x', secret: { apiKey: 'y'.repeat(10) } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      courierForAccount(await memberContext(org.id, 'VIEWER'), carrierAccountId),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });

    const events = await withTenant(org.id, (tx) =>
      tx.auditEvent.findMany({ where: { targetId: carrierAccountId }, orderBy: { seq: 'asc' } }),
    );
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['carrier_account.connected', 'carrier_account.tested']),
    );
    expect(JSON.stringify(events.map((e) => e.metadata))).not.toContain(DEV.test.apiKey);
  });

  it('a wrong key fails the connection test; incomplete credentials are a 400; disabled accounts cannot ship', async () => {
    const org = await createOrganization();
    const admin = await memberContext(org.id, 'OWNER');
    const { carrierAccountId } = await connectCarrierAccount(admin, {
      carrier: 'TEST',
      name: 'Wrong key',
      secret: { apiKey: 'wrong-key-000000' },
    });
    await expect(testCarrierConnection(admin, { carrierAccountId })).rejects.toMatchObject({
      code: 'UNPROCESSABLE',
    });
    await expect(
      connectCarrierAccount(admin, { carrier: 'DPD', name: 'DPD', secret: { username: 'u' } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      connectCarrierAccount(admin, { carrier: 'DPD', name: 'DPD', secret: { username: 'u', password: 'p' } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' }); // no account number
    await setCarrierAccountEnabled(admin, { carrierAccountId, enabled: false });
    await expect(courierForAccount(admin, carrierAccountId)).rejects.toMatchObject({ code: 'CONFLICT' });
    await deleteCarrierAccount(admin, { carrierAccountId });
    const left = await systemDb().$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM credentials WHERE owner_id = ${carrierAccountId}`;
    expect(left[0]?.n).toBe(0);
  });
});

describe('shipping rules', () => {
  it('pick the first matching rule by priority; conditions, disabled accounts and no match', async () => {
    const org = await createOrganization();
    const admin = await memberContext(org.id, 'ADMIN');
    const a = await connectCarrierAccount(admin, {
      carrier: 'TEST',
      name: 'A',
      secret: { apiKey: DEV.test.apiKey },
    });
    const b = await connectCarrierAccount(admin, {
      carrier: 'DHL',
      name: 'B',
      accountNumber: DEV.dhl.accountNumber,
      secret: { apiKey: DEV.dhl.apiKey, apiSecret: DEV.dhl.apiSecret },
    });
    const heavy = await createShippingRule(admin, {
      name: 'Heavy GB',
      countryCodes: ['gb'],
      minWeightGrams: 2000,
      carrierAccountId: a.carrierAccountId,
      serviceCode: 'TEST48',
    });
    const cheapAmazon = await createShippingRule(admin, {
      name: 'Cheap Amazon GB',
      countryCodes: ['GB'],
      maxWeightGrams: 1999,
      maxValueMinor: 3000,
      valueCurrency: 'GBP',
      channel: 'AMAZON',
      carrierAccountId: a.carrierAccountId,
      serviceCode: 'TEST24',
    });
    const intl = await createShippingRule(admin, {
      name: 'Europe by DHL',
      countryCodes: ['DE', 'FR'],
      carrierAccountId: b.carrierAccountId,
      serviceCode: 'P',
    });
    const pick = (p: Partial<ParcelFacts>) =>
      withTenant(org.id, (tx) => selectCarrierService(tx, org.id, { ...gb, ...p }));

    expect(await pick({})).toMatchObject({
      ruleId: cheapAmazon.ruleId,
      carrier: 'TEST',
      serviceCode: 'TEST24',
      serviceName: 'Test 24h',
    });
    expect(await pick({ weightGrams: 2500 })).toMatchObject({ ruleId: heavy.ruleId, serviceCode: 'TEST48' });
    expect(await pick({ valueMinor: 3001 })).toBeNull();
    expect(await pick({ currency: 'EUR' })).toBeNull();
    expect(await pick({ channel: 'MANUAL' })).toBeNull();
    expect(await pick({ countryCode: 'de' })).toMatchObject({
      ruleId: intl.ruleId,
      carrier: 'DHL',
      carrierAccountId: b.carrierAccountId,
    });
    expect(await pick({ countryCode: 'US' })).toBeNull();

    // A catch-all after everything; priority decides against the specific rules.
    const all = await createShippingRule(admin, {
      name: 'Anything',
      carrierAccountId: a.carrierAccountId,
      serviceCode: 'TESTINTL',
    });
    expect(await pick({ countryCode: 'US' })).toMatchObject({ ruleId: all.ruleId });
    await moveShippingRule(admin, { ruleId: all.ruleId, direction: 'up' });
    await moveShippingRule(admin, { ruleId: all.ruleId, direction: 'up' });
    expect((await listShippingRules(admin)).map((r) => r.name)).toEqual([
      'Heavy GB',
      'Anything',
      'Cheap Amazon GB',
      'Europe by DHL',
    ]);
    expect(await pick({})).toMatchObject({ ruleId: all.ruleId });

    // Rules on a disabled account are skipped.
    await setCarrierAccountEnabled(admin, { carrierAccountId: a.carrierAccountId, enabled: false });
    expect(await pick({})).toBeNull();
    expect(await previewCarrierService(admin, { ...gb, countryCode: 'FR' })).toMatchObject({
      serviceCode: 'P',
    });

    await expect(
      createShippingRule(admin, { name: 'Bad', carrierAccountId: b.carrierAccountId, serviceCode: 'TEST24' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expectInvalidInput(
      createShippingRule(admin, {
        name: 'Bad',
        minWeightGrams: 10,
        maxWeightGrams: 5,
        carrierAccountId: a.carrierAccountId,
        serviceCode: 'TEST24',
      }),
      'maxWeightGrams',
    );
    await expect(deleteCarrierAccount(admin, { carrierAccountId: b.carrierAccountId })).rejects.toMatchObject(
      { code: 'CONFLICT' },
    );
    await deleteShippingRule(admin, { ruleId: intl.ruleId });
    await deleteCarrierAccount(admin, { carrierAccountId: b.carrierAccountId });

    const manager = await memberContext(org.id, 'MANAGER');
    await expect(
      createShippingRule(manager, { name: 'x', carrierAccountId: a.carrierAccountId, serviceCode: 'TEST24' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const other = await createOrganization();
    expect(await listShippingRules(await memberContext(other.id, 'OWNER'))).toEqual([]);
  });
});
