// Warehouses and bins against a real Postgres: priority order, bulk creation by pattern
// (validated, capped, idempotent), scanner lookup by code, permissions and tenant isolation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectAppDb } from '../db/client.ts';
import { AppError } from '../errors/app-error.ts';
import type { TenantContext } from '../tenancy/tenant-context.ts';
import { createInventoryTenant } from '../../tests/factories/inventory.ts';
import { bulkCreateLocations } from './bulk-create-locations.ts';
import { createLocation } from './create-location.ts';
import { createWarehouse } from './create-warehouse.ts';
import { findLocationByCode } from './find-location-by-code.ts';
import { listLocations } from './list-locations.ts';
import { listWarehouses } from './list-warehouses.ts';
import { updateLocation } from './update-location.ts';
import { updateWarehouse } from './update-warehouse.ts';

afterAll(async () => {
  await disconnectAppDb();
});

const codeOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'OK',
    (e: unknown) => (e instanceof AppError ? e.code : e instanceof Error ? e.name : String(e)),
  );

let tenant: Awaited<ReturnType<typeof createInventoryTenant>>;
let ctx: TenantContext;

beforeAll(async () => {
  tenant = await createInventoryTenant();
  ctx = tenant.manager;
});

describe('warehouses', () => {
  it('are listed in priority order and can be re-prioritised', async () => {
    const { manager, viewer } = await createInventoryTenant();
    const north = await createWarehouse(manager, { code: 'north', name: 'North', priority: 20 });
    const south = await createWarehouse(manager, { code: 'SOUTH', name: 'South', priority: 10 });
    expect(north.code).toBe('NORTH');
    expect((await listWarehouses(viewer)).map((w) => w.code)).toEqual(['SOUTH', 'NORTH']);
    await updateWarehouse(manager, { warehouseId: north.id, priority: 1 });
    expect((await listWarehouses(viewer)).map((w) => w.code)).toEqual(['NORTH', 'SOUTH']);
    expect(await codeOf(createWarehouse(manager, { code: 'NORTH', name: 'Dup' }))).toBe('CONFLICT');
    expect(await codeOf(createWarehouse(viewer, { code: 'X', name: 'X' }))).toBe('FORBIDDEN');
    expect(await codeOf(updateWarehouse(ctx, { warehouseId: south.id, priority: 0 }))).toBe('NOT_FOUND');
  });
});

describe('bulkCreateLocations', () => {
  it('creates the cartesian range of A-01-01..A-20-05, idempotently', async () => {
    const wh = await createWarehouse(ctx, { code: 'BULK', name: 'Bulk test' });
    const first = await bulkCreateLocations(ctx, {
      warehouseId: wh.id,
      pattern: 'A-01-01..A-20-05',
      type: 'PICK_FACE',
    });
    expect(first).toMatchObject({ created: 100, skipped: 0 });
    expect(first.createdCodes.slice(0, 2)).toEqual(['A-01-01', 'A-01-02']);

    const bin = await findLocationByCode(tenant.viewer, { code: 'a-07-03', warehouseId: wh.id });
    expect(bin).toMatchObject({ code: 'A-07-03', aisle: 'A', shelf: '07', level: '03', type: 'PICK_FACE' });
    const firstBin = await findLocationByCode(tenant.viewer, { code: 'A-01-01' });
    const lastBin = await findLocationByCode(tenant.viewer, { code: 'A-20-05' });
    expect(firstBin!.pickSequence).toBeLessThan(bin!.pickSequence);
    expect(bin!.pickSequence).toBeLessThan(lastBin!.pickSequence);

    const again = await bulkCreateLocations(ctx, {
      warehouseId: wh.id,
      pattern: 'A-01-01..A-20-05',
      type: 'PICK_FACE',
    });
    expect(again).toMatchObject({ created: 0, skipped: 100, createdCodes: [] });
    const wider = await bulkCreateLocations(ctx, {
      warehouseId: wh.id,
      pattern: 'A-20-01..B-20-06',
      type: 'BULK',
      zone: 'Z1',
    });
    expect(wider.skipped).toBe(5);
    expect(wider.created).toBe(2 * 1 * 6 - 5);
    expect(await findLocationByCode(tenant.viewer, { code: 'B-20-06' })).toMatchObject({
      zone: 'Z1',
      type: 'BULK',
    });
    expect((await findLocationByCode(tenant.viewer, { code: 'A-20-01' }))?.type).toBe('PICK_FACE');

    let count = 0;
    let page = await listLocations(tenant.viewer, { warehouseId: wh.id, limit: 40 });
    count += page.items.length;
    while (page.nextCursor) {
      page = await listLocations(tenant.viewer, { warehouseId: wh.id, limit: 40, after: page.nextCursor });
      count += page.items.length;
    }
    expect(count).toBe(107);
    expect((await listLocations(tenant.viewer, { warehouseId: wh.id, type: 'BULK' })).items).toHaveLength(7);
  });

  it('refuses bad and oversized patterns', async () => {
    const wh = await createWarehouse(ctx, { code: 'BAD', name: 'Bad patterns' });
    const bulk = (pattern: string, extra: Record<string, unknown> = {}) =>
      codeOf(bulkCreateLocations(ctx, { warehouseId: wh.id, pattern, type: 'BULK', ...extra }));
    expect(await bulk('A-20..A-01')).toBe('BAD_REQUEST');
    expect(await bulk('A-0001..Z-9999')).toBe('BAD_REQUEST');
    expect(await bulk('A-01..A-02', { segmentFields: ['aisle'] })).toBe('BAD_REQUEST');
    expect(await bulk('A-01..A-02', { segmentFields: ['zone', 'level'] })).toBe('OK');
    expect(await findLocationByCode(ctx, { code: 'A-02', warehouseId: wh.id })).toMatchObject({
      zone: 'A',
      level: '02',
    });
    expect(
      await codeOf(
        bulkCreateLocations(tenant.warehouse, { warehouseId: wh.id, pattern: 'C-1', type: 'BULK' }),
      ),
    ).toBe('OK');
    expect(
      await codeOf(bulkCreateLocations(tenant.viewer, { warehouseId: wh.id, pattern: 'C-2', type: 'BULK' })),
    ).toBe('FORBIDDEN');
  });
});

describe('locations', () => {
  it('find by code per warehouse; an ambiguous code needs the warehouse; other tenants see nothing', async () => {
    const one = await createWarehouse(ctx, { code: 'ONE', name: 'One' });
    const two = await createWarehouse(ctx, { code: 'TWO', name: 'Two' });
    await createLocation(ctx, { warehouseId: one.id, code: 'dock-1', type: 'RECEIVING' });
    const inTwo = await createLocation(ctx, { warehouseId: two.id, code: 'DOCK-1', type: 'RECEIVING' });
    expect(await codeOf(createLocation(ctx, { warehouseId: two.id, code: 'DOCK-1', type: 'BULK' }))).toBe(
      'CONFLICT',
    );
    expect(await codeOf(findLocationByCode(ctx, { code: 'DOCK-1' }))).toBe('CONFLICT');
    expect((await findLocationByCode(ctx, { code: 'dock-1', warehouseId: two.id }))?.id).toBe(inTwo.id);
    expect(await findLocationByCode(ctx, { code: 'NOPE-1' })).toBeNull();

    const other = await createInventoryTenant();
    expect(await findLocationByCode(other.manager, { code: 'DOCK-1', warehouseId: two.id })).toBeNull();
    expect(
      await codeOf(createLocation(other.manager, { warehouseId: two.id, code: 'X-1', type: 'BULK' })),
    ).toBe('NOT_FOUND');
    expect(await codeOf(updateLocation(other.manager, { locationId: inTwo.id, type: 'QUARANTINE' }))).toBe(
      'NOT_FOUND',
    );
    expect((await updateLocation(ctx, { locationId: inTwo.id, type: 'QUARANTINE' })).type).toBe('QUARANTINE');
  });
});
