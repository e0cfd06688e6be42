// Packing slip PDF (issue 8 item 3): order number as text and Code 128 barcode, the buyer's name
// and address, and the lines with quantities — prices too, unless the order is a gift
// (orders.packing_slip_hide_prices). pdfkit draws it (A4 or US Letter), bwip-js the barcode.
//
// The recipient is decrypted for purpose `packing-slip` through readBuyerPii, which writes the
// print's one audit event before returning; a DSR-restricted record needs the audited override.
// Nothing of the buyer is logged, cached or kept: the PDF goes straight to the response.
import bwipjs from 'bwip-js/node';
import PDFDocument from 'pdfkit';
import { z } from 'zod';
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import type { PiiReadOptions } from '../pii/pii-restriction.ts';
import { readBuyerPii } from '../pii/read-buyer-pii.ts';
import type { BuyerPii } from '../pii/schemas.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { orderNumberOf } from './pack-state.ts';

export const ZPackingSlipInput = z.strictObject({
  orderId: z.uuid(),
  paper: z.enum(['A4', 'LETTER']).default('A4'),
});
export type TPackingSlipInput = z.input<typeof ZPackingSlipInput>;

interface SlipLine {
  sku: string | null;
  title: string | null;
  quantity: number;
  priceMinor: bigint | null;
  currency: string | null;
}

interface SlipData {
  number: string;
  purchasedAt: Date;
  hidePrices: boolean;
  lines: SlipLine[];
  recipient: BuyerPii;
}

export async function renderPackingSlip(
  ctx: TenantContext,
  input: TPackingSlipInput,
  options?: PiiReadOptions,
): Promise<{ filename: string; pdf: Buffer }> {
  assertPermission(ctx, 'fulfilment.pack');
  const { orderId, paper } = ZPackingSlipInput.parse(input);
  const { organizationId } = ctx;
  const order = await withTenant(organizationId, (tx) =>
    tx.order.findFirst({
      where: { organizationId, id: orderId, deletedAt: null },
      select: {
        id: true,
        amazonOrderId: true,
        purchasedAt: true,
        piiRecordId: true,
        piiStatus: true,
        packingSlipHidePrices: true,
        lines: {
          orderBy: { channelLineId: 'asc' },
          select: { sku: true, title: true, quantityOrdered: true, itemPriceMinor: true, currency: true },
        },
      },
    }),
  );
  if (!order) throw new AppError('NOT_FOUND', 'order not found');
  if (!order.piiRecordId || order.piiStatus !== 'STORED') {
    throw new AppError(
      'CONFLICT',
      'this order has no buyer address to print (not fetched yet, or anonymised)',
    );
  }
  const recipient = await readBuyerPii(ctx, order.piiRecordId, 'packing-slip', options);
  const number = orderNumberOf(order);
  const pdf = await drawSlip(
    {
      number,
      purchasedAt: order.purchasedAt,
      hidePrices: order.packingSlipHidePrices,
      lines: order.lines.map((l) => ({
        sku: l.sku,
        title: l.title,
        quantity: l.quantityOrdered,
        priceMinor: l.itemPriceMinor,
        currency: l.currency,
      })),
      recipient,
    },
    paper,
  );
  return { filename: `packing-slip-${number}.pdf`, pdf };
}

function money(minor: bigint, currency: string | null): string {
  const value = Number(minor) / 100;
  try {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency: currency ?? 'GBP' }).format(value);
  } catch {
    return `${value.toFixed(2)} ${currency ?? ''}`.trim();
  }
}

function addressLines(r: BuyerPii): string[] {
  return [
    r.name,
    r.addressLine1,
    r.addressLine2,
    r.addressLine3,
    r.city,
    r.region,
    r.postcode,
    r.countryCode,
  ].filter((v): v is string => typeof v === 'string' && v.trim() !== '');
}

async function drawSlip(data: SlipData, paper: 'A4' | 'LETTER'): Promise<Buffer> {
  const barcode = await bwipjs.toBuffer({ bcid: 'code128', text: data.number, scale: 2, height: 10 });
  const doc = new PDFDocument({
    size: paper,
    margin: 48,
    info: { Title: `Packing slip ${data.number}`, Producer: 'Packline', Creator: 'Packline' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  doc.font('Helvetica-Bold').fontSize(20).text('Packing slip', left, 48);
  doc.font('Helvetica').fontSize(10).text(`Order ${data.number}`);
  doc.text(`Ordered ${data.purchasedAt.toISOString().slice(0, 10)}`);
  doc.image(barcode, left + width - 200, 48, { fit: [200, 50] });

  doc.font('Helvetica-Bold').fontSize(10).text('Ship to', left, 130);
  doc.font('Helvetica').fontSize(11).text(addressLines(data.recipient).join('\n'), left, 145, { width: 300 });

  const columns = data.hidePrices
    ? [
        { label: 'SKU', x: left, w: 120 },
        { label: 'Item', x: left + 125, w: width - 185 },
        { label: 'Qty', x: left + width - 50, w: 50 },
      ]
    : [
        { label: 'SKU', x: left, w: 110 },
        { label: 'Item', x: left + 115, w: width - 255 },
        { label: 'Qty', x: left + width - 135, w: 40 },
        { label: 'Price', x: left + width - 90, w: 90 },
      ];
  let y = 270;
  doc.font('Helvetica-Bold').fontSize(10);
  for (const c of columns) doc.text(c.label, c.x, y, { width: c.w });
  y += 16;
  doc
    .moveTo(left, y)
    .lineTo(left + width, y)
    .stroke();
  y += 6;
  doc.font('Helvetica').fontSize(10);
  for (const line of data.lines) {
    const cells = [line.sku ?? '', line.title ?? '', String(line.quantity)];
    if (!data.hidePrices) cells.push(line.priceMinor === null ? '' : money(line.priceMinor, line.currency));
    const height = Math.max(...cells.map((text, i) => doc.heightOfString(text, { width: columns[i]!.w })));
    if (y + height > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      y = doc.page.margins.top;
    }
    cells.forEach((text, i) => doc.text(text, columns[i]!.x, y, { width: columns[i]!.w }));
    y += height + 6;
  }
  if (data.hidePrices) {
    doc
      .moveDown(2)
      .font('Helvetica-Oblique')
      .text('A gift for you — enjoy!', left, y + 20, { width });
  }
  doc.end();
  return done;
}
