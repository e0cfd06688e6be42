// Labels: a 4×6 PDF that reads back with the tracking number and the recipient (and no phone or
// email), ZPL framed by ^XA/^XZ with a Code 128 of the tracking number; a carrier's own label is
// kept and only the missing format is rendered.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import type { CreateShipmentResult } from './courier-adapter.ts';
import { LABEL_HEIGHT_PT, LABEL_WIDTH_PT, labelsFor, type LabelShipment } from './labels.ts';

const shipment: LabelShipment = {
  carrier: 'TEST',
  serviceName: 'Test 24h',
  reference: 'PKL-1001-1',
  weightGrams: 1250,
  shipFrom: {
    name: 'Packline Demo Ltd',
    line1: 'Roebuck Lane',
    city: 'Birmingham',
    postcode: 'B66 1BY',
    countryCode: 'GB',
    phone: '01215002500',
  },
  shipTo: {
    name: 'Jane_Smith ^Test~',
    line1: '10 Downing Street',
    city: 'London',
    postcode: 'SW1A 2AA',
    countryCode: 'GB',
    phone: '07921000001',
    email: 'jane@example.com',
  },
};
const result = (labels: CreateShipmentResult['labels'] = []): CreateShipmentResult => ({
  carrierShipmentId: 'tst_000001',
  trackingNumber: 'PKL0000000042',
  parcelTrackingNumbers: ['PKL0000000042-1'],
  labels,
  warnings: [],
});

async function pdfText(pdf: Buffer) {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  const page = await doc.getPage(1);
  const [, , width, height] = page.view;
  const text = (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('\n');
  return { pages: doc.numPages, width, height, text };
}

describe('labelsFor', () => {
  it('renders a one-page 4×6 PDF with tracking number and recipient, without phone or email', async () => {
    const { pdf } = await labelsFor(result(), shipment);
    const read = await pdfText(pdf);
    expect([read.pages, read.width, read.height]).toEqual([1, LABEL_WIDTH_PT, LABEL_HEIGHT_PT]);
    expect([LABEL_WIDTH_PT / 72, LABEL_HEIGHT_PT / 72]).toEqual([4, 6]);
    expect(read.text).toContain('PKL0000000042');
    expect(read.text).toContain('10 Downing Street');
    expect(read.text).toContain('SW1A 2AA');
    expect(read.text).not.toContain('07921000001');
    expect(read.text).not.toContain('jane@example.com');
    expect(read.text).not.toContain('01215002500');
  });

  it('renders ZPL with ^XA … ^XZ, a ^BC barcode of the tracking number and escaped field data', async () => {
    const { zpl } = await labelsFor(result(), shipment);
    expect(zpl.startsWith('^XA')).toBe(true);
    expect(zpl.trimEnd().endsWith('^XZ')).toBe(true);
    expect(zpl).toMatch(/\^BC[^\n]*\^FDPKL0000000042\^FS/);
    expect(zpl).toContain('Jane_5FSmith _5ETest_7E');
    expect(zpl).not.toContain('07921000001');
    expect(zpl.match(/\^XA/g)).toHaveLength(1);
  });

  it("keeps the carrier's own label and renders only the missing format", async () => {
    const carrierPdf = Buffer.from('%PDF-1.4 carrier label');
    const carrierZpl = '^XA^FDcarrier^FS^XZ';
    const fromPdf = await labelsFor(
      result([{ format: 'PDF', mediaType: 'application/pdf', data: carrierPdf }]),
      shipment,
    );
    expect(fromPdf.pdf.equals(carrierPdf)).toBe(true);
    expect(fromPdf.zpl).toContain('PKL0000000042');
    const fromZpl = await labelsFor(
      result([{ format: 'ZPL', mediaType: 'text/vnd.zebra-zpl', data: Buffer.from(carrierZpl) }]),
      shipment,
    );
    expect(fromZpl.zpl).toBe(carrierZpl);
    expect(fromZpl.pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
