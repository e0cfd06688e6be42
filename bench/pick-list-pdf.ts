// npm run bench:pick-list — the pick list PDF (lib/fulfilment/pick-list-pdf.ts drawPickListPdf)
// for a batch of 500 orders / 2 000 lines, as a ratio to a same-run baseline: a raw pdfkit
// document with the same text (every string the pick list prints, one text call each, on the
// same paper) but no layout, barcodes or page numbering. Figures are ratios plus the absolute
// time against the aim (≤ 1 s); never a pass/fail threshold.
//
// The list is synthetic and in memory (no database): 500 orders of 4 lines over 400 SKUs in 400
// bins (fixed seed), grouped into tasks by bin and SKU exactly as getPickList groups them. The
// database read of a list this size is a separate, indexed query and is not timed here.
import PDFDocument from 'pdfkit';
import type { PickListLineView, PickListView, PickTask } from '../lib/fulfilment/get-pick-list.ts';
import { drawPickListPdf } from '../lib/fulfilment/pick-list-pdf.ts';

const ORDERS = 500;
const LINES_PER_ORDER = 4;
const SKUS = 400;
const RUNS = 7;

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

function syntheticList(): PickListView {
  const random = seeded(8);
  const tasks = new Map<number, PickTask>();
  let lineNo = 0;
  for (let o = 0; o < ORDERS; o += 1) {
    const label = `303-${String(1_000_000 + o)}-${String(7_000_000 + o * 7)}`;
    for (let k = 0; k < LINES_PER_ORDER; k += 1) {
      const sku = Math.floor(random() * SKUS);
      const quantity = 1 + Math.floor(random() * 3);
      const task = tasks.get(sku) ?? {
        key: `bin-${sku}`,
        locationId: `loc-${sku}`,
        locationCode: `A-${String(Math.floor(sku / 20)).padStart(2, '0')}-${String(sku % 20).padStart(2, '0')}`,
        productId: `p-${sku}`,
        sku: `SKU-${String(sku).padStart(5, '0')}`,
        productName: `Product ${sku} — ceramic mug, 350 ml, matt glaze`,
        barcode: null,
        lotTracked: sku % 10 === 0,
        lotId: sku % 10 === 0 ? `lot-${sku}` : null,
        lotNumber: sku % 10 === 0 ? `LOT-${sku}-2026` : null,
        quantity: 0,
        picked: 0,
        short: 0,
        open: 0,
        lines: [] as PickListLineView[],
      };
      lineNo += 1;
      task.lines.push({
        id: `line-${lineNo}`,
        sequence: lineNo,
        orderId: `order-${o}`,
        orderLabel: label,
        orderLineId: `ol-${lineNo}`,
        quantity,
        picked: 0,
        short: 0,
        state: 'OPEN',
        pickedBy: null,
        pickedAt: null,
      });
      task.quantity += quantity;
      task.open += quantity;
      tasks.set(sku, task);
    }
  }
  const ordered = [...tasks.entries()].sort(([a], [b]) => a - b).map(([, t]) => t);
  const units = ordered.reduce((n, t) => n + t.quantity, 0);
  return {
    id: 'bench',
    number: 'PL-000123',
    kind: 'BATCH',
    status: 'OPEN',
    warehouse: { id: 'w', code: 'MAIN', name: 'Main' },
    waveCutoff: null,
    createdAt: new Date('2026-11-25T12:00:00Z'),
    completedAt: null,
    orders: Array.from({ length: ORDERS }, (_, o) => ({ id: `order-${o}`, label: String(o) })),
    tasks: ordered,
    totals: { orders: ORDERS, lines: lineNo, units, picked: 0, short: 0, open: units },
  };
}

/** The baseline: the same strings in a pdfkit document, one text call each, nothing else. */
function baselinePdf(view: PickListView): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 36 });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.fontSize(9).text(`Pick list ${view.number}`);
  for (const t of view.tasks) {
    doc.text(`${t.locationCode} ${t.sku} ${t.productName} ${t.lotNumber ?? ''} ${t.open}`);
    for (const l of t.lines) doc.text(`${l.orderLabel} ×${l.quantity}`);
  }
  doc.end();
  return done;
}

async function time(fn: () => Promise<Buffer>): Promise<{ ms: number; bytes: number }> {
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    bytes = (await fn()).length;
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(samples.length / 2)]!, bytes };
}

async function main(): Promise<void> {
  const view = syntheticList();
  // Warm both paths (font loading, bwip-js initialisation) before timing.
  await drawPickListPdf(view, 'A4');
  await baselinePdf(view);
  const list = await time(() => drawPickListPdf(view, 'A4'));
  const base = await time(() => baselinePdf(view));
  const fmt = (n: number) => n.toFixed(0);
  console.log(
    `pick list PDF: ${ORDERS} orders, ${view.totals.lines} lines, ${view.tasks.length} bin visits (median of ${RUNS})`,
  );
  console.log(
    `  pick list (layout, 2 barcodes per task, page X of Y): ${fmt(list.ms)} ms, ${fmt(list.bytes / 1024)} KiB`,
  );
  console.log(
    `  baseline (raw pdfkit, same text):                     ${fmt(base.ms)} ms, ${fmt(base.bytes / 1024)} KiB`,
  );
  console.log(
    `  ratio: ${(list.ms / base.ms).toFixed(2)}× the baseline; aim ≤ 1 000 ms: ${list.ms <= 1000 ? 'met' : 'missed'}`,
  );
}

await main();
