// The pick list PDF read back with pdfjs-dist: it parses, carries the list number, bins, SKUs,
// lots, order numbers, totals and page numbers — and none of the buyers' names or addresses, which
// are seeded as canaries in the vault for every order on the list.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { disconnectAppDb } from '../db/client.ts';
import type { TenantContext } from '../tenancy/tenant-context.ts';
import {
  createInventoryTenant,
  createTestLocation,
  createTestProduct,
  createTestWarehouse,
} from '../../tests/factories/inventory.ts';
import { allocate, createAwaitingOrder, stockBin } from '../../tests/factories/picking.ts';
import { createPickList } from './create-pick-list.ts';
import { renderPickListPdf } from './pick-list-pdf.ts';

afterAll(async () => {
  await disconnectAppDb();
});

async function pdfText(pdf: Buffer): Promise<{ pages: number; text: string }> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i += 1) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return { pages: doc.numPages, text: pages.join('\n') };
}

let ctx: TenantContext;
let viewer: TenantContext;
let orgId: string;

beforeEach(async () => {
  const tenant = await createInventoryTenant();
  orgId = tenant.org.id;
  ctx = tenant.warehouse;
  viewer = tenant.viewer;
});

describe('pick list PDF', () => {
  it('prints bins, SKUs, lots, order numbers and page numbers, and no buyer PII', async () => {
    const wh = await createTestWarehouse(orgId);
    const products: { sku: string }[] = [];
    for (let i = 0; i < 30; i += 1) {
      const bin = await createTestLocation(orgId, wh.id, {
        code: `P-${String(i).padStart(2, '0')}`,
        pickSequence: i,
      });
      const product = await createTestProduct(orgId, { sku: `SKU-${i}`, lotTracked: i === 0 });
      await stockBin(ctx, bin.id, product.id, 100, i === 0 ? 'LOT-CANDLE' : undefined);
      products.push(product);
    }
    const orders: { id: string; label: string }[] = [];
    for (let i = 0; i < 12; i += 1) {
      const order = await createAwaitingOrder(
        orgId,
        [0, 1, 2].map((k) => ({ sku: products[(i * 3 + k) % 30]!.sku, quantity: 1 + k })),
        { buyer: { name: `CANARYNAME${i}Q Smith`, addressLine1: `${i} CANARYSTREET${i}Q Road` } },
      );
      await allocate(ctx, order.id);
      orders.push(order);
    }
    const { pickLists } = await createPickList(ctx, {
      warehouseId: wh.id,
      kind: 'BATCH',
      orderIds: orders.map((o) => o.id),
    });
    const list = pickLists[0]!;

    for (const paper of ['A4', 'LETTER'] as const) {
      const { filename, pdf } = await renderPickListPdf(ctx, { pickListId: list.id, paper });
      expect(filename).toBe(`pick-list-${list.number}.pdf`);
      const { pages, text } = await pdfText(pdf);
      expect(pages).toBeGreaterThan(1);
      expect(text).toContain(`Pick list ${list.number}`);
      expect(text).toContain(`${list.number} · page 1 of ${pages}`);
      expect(text).toContain('P-00');
      expect(text).toContain('SKU-29');
      expect(text).toContain('Lot LOT-CANDLE');
      for (const o of orders) expect(text).toContain(o.label);
      expect(text).toContain(`Totals: 30 bin visits, 36 lines, 72 units, 12 orders`);
      expect(text).not.toMatch(/CANARY/);
      expect(text).not.toMatch(/Smith|Testville|10115/);
    }
    await expect(renderPickListPdf(viewer, { pickListId: list.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    // Seeding 30 bins and 12 vault records is slow on a loaded machine; the PDF itself is not.
  }, 120_000);
});
