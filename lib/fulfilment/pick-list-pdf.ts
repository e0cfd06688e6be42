// The printable pick list (issue 8, item 1): pdfkit, A4 or US Letter, a Code 128 barcode of the
// list number and of each task's bin and SKU (vector bars from bwip-js, lib/barcodes/pdf-code128.ts),
// tasks in walk order with each order's quantity and a tick box, page numbers and totals.
// Orders appear by their channel number only: a pick list carries no buyer PII.
import PDFDocument from 'pdfkit';
import { PdfCode128 } from '../barcodes/pdf-code128.ts';
import { withTenant } from '../db/tenant.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { readPickList, type PickListView, type PickTask } from './get-pick-list.ts';
import { ZPickListIdInput, ZPickListPdfQuery, type PaperSize } from './pick-list-schemas.ts';

const MARGIN = 36;
const ORDER_LINE_HEIGHT = 11;
const BARCODE_HEIGHT = 16;
const MODULE = 0.6;

interface Column {
  label: string;
  x: number;
  w: number;
}

function columnsFor(
  left: number,
  width: number,
): Record<'seq' | 'bin' | 'sku' | 'item' | 'qty' | 'orders' | 'tick', Column> {
  return {
    seq: { label: '#', x: left, w: 24 },
    bin: { label: 'Bin', x: left + 26, w: 92 },
    sku: { label: 'SKU', x: left + 122, w: 110 },
    item: { label: 'Product / lot', x: left + 236, w: width - 236 - 190 },
    qty: { label: 'Qty', x: left + width - 186, w: 30 },
    orders: { label: 'Orders', x: left + width - 152, w: 132 },
    tick: { label: '', x: left + width - 14, w: 14 },
  };
}

const ordersText = (task: PickTask) => task.lines.map((l) => `${l.orderLabel} ×${l.quantity}`);

/** Draws the PDF from an already-read pick list (no data access: the bench times exactly this). */
export function drawPickListPdf(view: PickListView, paper: PaperSize): Promise<Buffer> {
  const doc = new PDFDocument({
    size: paper,
    margin: MARGIN,
    bufferPages: true,
    info: { Title: `Pick list ${view.number}`, Producer: 'Packline', Creator: 'Packline' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const barcodes = new PdfCode128();
  const left = MARGIN;
  const width = doc.page.width - 2 * MARGIN;
  const bottom = doc.page.height - MARGIN - 16;
  const cols = columnsFor(left, width);

  // Header: number, barcode, what and where, totals.
  doc.font('Helvetica-Bold').fontSize(18).text(`Pick list ${view.number}`, left, MARGIN);
  const numberWidth = barcodes.modules(view.number) * 1.2;
  barcodes.draw(doc, view.number, left + width - numberWidth, MARGIN, { module: 1.2, height: 36 });
  doc.font('Helvetica').fontSize(10);
  const facts = [
    view.kind,
    `warehouse ${view.warehouse.code}`,
    `created ${view.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    ...(view.waveCutoff
      ? [`ship by ${view.waveCutoff.toISOString().slice(0, 16).replace('T', ' ')} UTC`]
      : []),
  ];
  doc.text(facts.join(' · '), left, MARGIN + 24);
  const t = view.totals;
  doc.text(
    `${t.orders} orders · ${view.tasks.length} bin visits · ${t.lines} lines · ${t.units} units`,
    left,
    MARGIN + 38,
  );

  const header = (y: number) => {
    doc.font('Helvetica-Bold').fontSize(9);
    for (const c of Object.values(cols)) doc.text(c.label, c.x, y, { width: c.w, lineBreak: false });
    doc
      .moveTo(left, y + 12)
      .lineTo(left + width, y + 12)
      .lineWidth(0.5)
      .stroke();
    doc.font('Helvetica').fontSize(9);
    return y + 16;
  };

  let y = header(MARGIN + 60);
  view.tasks.forEach((task, index) => {
    const orders = ordersText(task);
    const rowHeight = Math.max(14 + BARCODE_HEIGHT + 4, orders.length * ORDER_LINE_HEIGHT + 4);
    if (y + rowHeight > bottom) {
      doc.addPage();
      y = header(MARGIN);
    }
    doc.font('Helvetica-Bold').fontSize(10);
    doc.text(String(index + 1), cols.seq.x, y, { width: cols.seq.w, lineBreak: false });
    doc.text(task.locationCode, cols.bin.x, y, { width: cols.bin.w, lineBreak: false });
    doc.text(task.sku, cols.sku.x, y, { width: cols.sku.w, lineBreak: false });
    doc.text(String(task.open), cols.qty.x, y, { width: cols.qty.w, lineBreak: false });
    barcodes.draw(doc, task.locationCode, cols.bin.x, y + 13, { module: MODULE, height: BARCODE_HEIGHT });
    barcodes.draw(doc, task.sku, cols.sku.x, y + 13, { module: MODULE, height: BARCODE_HEIGHT });
    doc.font('Helvetica').fontSize(9);
    doc.text(task.productName, cols.item.x, y, { width: cols.item.w, height: 22, ellipsis: true });
    if (task.lotNumber)
      doc
        .font('Helvetica-Bold')
        .text(`Lot ${task.lotNumber}`, cols.item.x, y + 22, { width: cols.item.w, lineBreak: false });
    doc.font('Helvetica');
    orders.forEach((text, i) =>
      doc.text(text, cols.orders.x, y + i * ORDER_LINE_HEIGHT, { width: cols.orders.w, lineBreak: false }),
    );
    doc.rect(cols.tick.x, y, 10, 10).lineWidth(0.7).stroke();
    y += rowHeight;
    doc
      .moveTo(left, y - 2)
      .lineTo(left + width, y - 2)
      .lineWidth(0.25)
      .strokeColor('#999999')
      .stroke()
      .strokeColor('#000000');
  });
  if (y + 30 > bottom) {
    doc.addPage();
    y = MARGIN;
  }
  doc
    .font('Helvetica-Bold')
    .fontSize(10)
    .text(
      `Totals: ${view.tasks.length} bin visits, ${t.lines} lines, ${t.units} units, ${t.orders} orders`,
      left,
      y + 8,
    );

  // Page numbers, once the page count is known (pdfkit buffers the pages).
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const pageBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing in the margin must not start a new page
    doc
      .font('Helvetica')
      .fontSize(8)
      .text(`${view.number} · page ${i + 1} of ${range.count}`, left, doc.page.height - MARGIN, {
        width,
        align: 'right',
        lineBreak: false,
      });
    doc.page.margins.bottom = pageBottom;
  }
  doc.end();
  return done;
}

export async function renderPickListPdf(
  ctx: TenantContext,
  input: { pickListId: string; paper?: PaperSize },
): Promise<{ filename: string; pdf: Buffer }> {
  assertPermission(ctx, 'fulfilment.pick');
  const { pickListId } = ZPickListIdInput.parse({ pickListId: input.pickListId });
  const { paper } = ZPickListPdfQuery.parse({ paper: input.paper });
  const view = await withTenant(ctx.organizationId, (tx) => readPickList(tx, ctx.organizationId, pickListId));
  return { filename: `pick-list-${view.number}.pdf`, pdf: await drawPickListPdf(view, paper) };
}
