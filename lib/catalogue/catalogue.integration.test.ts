// The catalogue against a real Postgres: SKU and barcode uniqueness per organization, GTIN
// validation, scanner lookups, keyset paging, permissions and tenant isolation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectAppDb } from '../db/client.ts';
import { systemDb } from '../db/system.ts';
import { AppError } from '../errors/app-error.ts';
import type { TenantContext } from '../tenancy/tenant-context.ts';
import {
  createInventoryTenant,
  createTestLocation,
  createTestWarehouse,
} from '../../tests/factories/inventory.ts';
import { receiveStock } from '../inventory/receive-stock.ts';
import { createProduct } from './create-product.ts';
import { findProductByCode } from './find-product-by-code.ts';
import { getProductOrThrow } from './get-product.ts';
import { listProducts } from './list-products.ts';
import { updateProduct } from './update-product.ts';

afterAll(async () => {
  await disconnectAppDb();
});

const codeOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'OK',
    (e: unknown) => (e instanceof AppError ? e.code : e instanceof Error ? e.name : String(e)),
  );

let tenant: Awaited<ReturnType<typeof createInventoryTenant>>;
let other: Awaited<ReturnType<typeof createInventoryTenant>>;
let ctx: TenantContext;

beforeAll(async () => {
  tenant = await createInventoryTenant();
  other = await createInventoryTenant();
  ctx = tenant.manager;
});

describe('createProduct', () => {
  it('creates a product with its attributes and audits it', async () => {
    const product = await createProduct(ctx, {
      sku: '  MUG-RED ',
      name: 'Red mug',
      barcode: '4006381333931',
      weightGrams: 350,
      lengthMm: 120,
      widthMm: 90,
      heightMm: 100,
      imageUrl: 'https://cdn.example.test/mug.png',
    });
    expect(product).toMatchObject({
      sku: 'MUG-RED',
      barcode: '4006381333931',
      lotTracked: false,
      weightGrams: 350,
    });
    const audit = await systemDb().auditEvent.findFirst({
      where: { organizationId: tenant.org.id, targetId: product.id },
    });
    expect(audit?.action).toBe('product.created');
  });

  it('validates the GTIN check digit and the tracking flags', async () => {
    expect(await codeOf(createProduct(ctx, { sku: 'BAD-1', name: 'x', barcode: '4006381333932' }))).toBe(
      'ZodError',
    );
    expect(await codeOf(createProduct(ctx, { sku: 'BAD-2', name: 'x', barcode: '12345' }))).toBe('ZodError');
    expect(await codeOf(createProduct(ctx, { sku: 'BAD-3', name: 'x', expiryTracked: true }))).toBe(
      'ZodError',
    );
    expect(await codeOf(createProduct(ctx, { sku: 'BAD-4', name: 'x', expiryExclusionDays: 5 }))).toBe(
      'ZodError',
    );
    expect(
      await codeOf(createProduct(ctx, { sku: 'BAD-5', name: 'x', imageUrl: 'javascript:alert(1)' })),
    ).toBe('ZodError');
    expect(
      await codeOf(
        createProduct(ctx, {
          sku: 'OK-1',
          name: 'x',
          barcode: '036000291452',
          lotTracked: true,
          expiryTracked: true,
          expiryExclusionDays: 14,
        }),
      ),
    ).toBe('OK');
  });

  it('keeps SKU and barcode unique per organization only', async () => {
    expect(await codeOf(createProduct(ctx, { sku: 'MUG-RED', name: 'again' }))).toBe('CONFLICT');
    // The same GTIN with a leading zero is the same barcode.
    expect(await codeOf(createProduct(ctx, { sku: 'MUG-2', name: 'x', barcode: '04006381333931' }))).toBe(
      'CONFLICT',
    );
    expect(
      await codeOf(
        createProduct(other.manager, { sku: 'MUG-RED', name: 'theirs', barcode: '4006381333931' }),
      ),
    ).toBe('OK');
  });

  it('needs inventory.update', async () => {
    expect(await codeOf(createProduct(tenant.viewer, { sku: 'V-1', name: 'x' }))).toBe('FORBIDDEN');
    expect(await codeOf(createProduct(tenant.warehouse, { sku: 'W-1', name: 'x' }))).toBe('OK');
  });
});

describe('findProductByCode (scanner input)', () => {
  it('finds by SKU, then by barcode in any zero-padded form', async () => {
    expect((await findProductByCode(tenant.viewer, { code: 'MUG-RED\n' }))?.sku).toBe('MUG-RED');
    expect((await findProductByCode(tenant.viewer, { code: '4006381333931' }))?.sku).toBe('MUG-RED');
    expect((await findProductByCode(tenant.viewer, { code: '04006381333931' }))?.sku).toBe('MUG-RED');
    expect((await findProductByCode(tenant.viewer, { code: '0036000291452' }))?.sku).toBe('OK-1');
    expect(await findProductByCode(tenant.viewer, { code: '4006381333932' })).toBeNull();
    expect(await findProductByCode(tenant.viewer, { code: 'NOPE' })).toBeNull();
  });

  it('never returns another tenant’s product', async () => {
    const theirs = await findProductByCode(other.viewer, { code: 'MUG-RED' });
    const mine = await findProductByCode(tenant.viewer, { code: 'MUG-RED' });
    expect(theirs?.id).not.toBe(mine?.id);
    expect(await codeOf(getProductOrThrow(other.viewer, mine!.id))).toBe('NOT_FOUND');
    expect(await codeOf(getProductOrThrow(other.viewer, 'not-a-uuid'))).toBe('NOT_FOUND');
    expect(await codeOf(updateProduct(other.manager, { productId: mine!.id, name: 'hijack' }))).toBe(
      'NOT_FOUND',
    );
  });
});

describe('updateProduct', () => {
  it('updates fields and refuses a tracking change while the product has stock', async () => {
    const product = await createProduct(ctx, { sku: 'TRACK-1', name: 'Tracked later' });
    const updated = await updateProduct(ctx, { productId: product.id, name: 'Renamed', weightGrams: 10 });
    expect(updated).toMatchObject({ name: 'Renamed', weightGrams: 10 });
    expect(await codeOf(updateProduct(ctx, { productId: product.id, expiryTracked: true }))).toBe(
      'BAD_REQUEST',
    );

    const wh = await createTestWarehouse(tenant.org.id);
    const bin = await createTestLocation(tenant.org.id, wh.id);
    await receiveStock(tenant.warehouse, {
      locationId: bin.id,
      lines: [{ productId: product.id, quantity: 1 }],
    });
    expect(await codeOf(updateProduct(ctx, { productId: product.id, lotTracked: true }))).toBe('CONFLICT');
    expect(await codeOf(updateProduct(ctx, { productId: product.id, barcode: '04006381333931' }))).toBe(
      'CONFLICT',
    );
  });
});

describe('listProducts', () => {
  it('pages forwards and backwards over every product exactly once', async () => {
    const { manager } = await createInventoryTenant();
    for (let i = 0; i < 7; i += 1) await createProduct(manager, { sku: `PAGE-${i}`, name: `Paged ${i}` });
    const seen: string[] = [];
    let page = await listProducts(manager, { limit: 3 });
    expect(page.prevCursor).toBeNull();
    seen.push(...page.items.map((p) => p.sku));
    while (page.nextCursor) {
      page = await listProducts(manager, { limit: 3, after: page.nextCursor });
      seen.push(...page.items.map((p) => p.sku));
    }
    expect(seen).toEqual(Array.from({ length: 7 }, (_, i) => `PAGE-${i}`));
    const back = await listProducts(manager, { limit: 3, before: page.prevCursor! });
    expect(back.items.map((p) => p.sku)).toEqual(['PAGE-3', 'PAGE-4', 'PAGE-5']);
    expect((await listProducts(manager, { search: 'paged 4' })).items.map((p) => p.sku)).toEqual(['PAGE-4']);
    expect((await listProducts(manager, { after: 'garbage' })).items).toHaveLength(7);
  });
});
