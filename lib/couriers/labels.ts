// Every shipment gets a 4×6 in PDF label and a ZPL label (thermal printers), whatever the carrier
// returned: a carrier's own label is kept as it came, and the missing format is rendered from the
// shipment data — carrier, service, tracking number as a Code 128 barcode, sender and recipient.
// The recipient's name and address are on it because that is what a label is for; nothing else
// personal (no phone, no email, no order contents).
import bwipjs from 'bwip-js/node';
import PDFDocument from 'pdfkit';
import type { Address, Carrier, CreateShipmentResult } from './courier-adapter.ts';

/** 4×6 in at 72 pt/in. */
export const LABEL_WIDTH_PT = 288;
export const LABEL_HEIGHT_PT = 432;

export interface LabelShipment {
  carrier: Carrier;
  serviceName: string;
  reference: string;
  shipFrom: Address;
  shipTo: Address;
  weightGrams: number;
}

export interface ShipmentLabels {
  /** 4×6 PDF. */
  pdf: Buffer;
  /** ZPL II (^XA … ^XZ), 203 dpi 4×6. */
  zpl: string;
}

const CARRIER_NAMES: Record<Carrier, string> = {
  TEST: 'Packline Test Carrier',
  ROYAL_MAIL: 'Royal Mail',
  DPD: 'DPD',
  DHL: 'DHL Express',
};

/** The label text: what the tracking barcode encodes, falling back to the carrier's shipment id. */
function barcodeValue(result: CreateShipmentResult): string {
  return result.trackingNumber ?? result.parcelTrackingNumbers[0] ?? result.carrierShipmentId;
}

export async function labelsFor(
  result: CreateShipmentResult,
  shipment: LabelShipment,
): Promise<ShipmentLabels> {
  const carrierPdf = result.labels.find((l) => l.format === 'PDF');
  const carrierZpl = result.labels.find((l) => l.format === 'ZPL');
  const tracking = barcodeValue(result);
  return {
    pdf: carrierPdf ? Buffer.from(carrierPdf.data) : await renderPdfLabel(shipment, tracking),
    zpl: carrierZpl ? Buffer.from(carrierZpl.data).toString('utf8') : renderZplLabel(shipment, tracking),
  };
}

function addressLines(a: Address): string[] {
  return [
    a.name,
    a.company,
    a.line1,
    a.line2,
    a.line3,
    [a.city, a.county].filter(Boolean).join(', '),
    a.postcode,
    a.countryCode,
  ].filter((l): l is string => Boolean(l && l.trim()));
}

function weightText(grams: number): string {
  return `${(grams / 1000).toFixed(3)} kg`;
}

export async function renderPdfLabel(shipment: LabelShipment, tracking: string): Promise<Buffer> {
  const barcode = await bwipjs.toBuffer({
    bcid: 'code128',
    text: tracking,
    scale: 3,
    height: 14,
    includetext: false,
  });
  const doc = new PDFDocument({
    size: [LABEL_WIDTH_PT, LABEL_HEIGHT_PT],
    margin: 14,
    info: { Title: `Label ${shipment.reference}`, Producer: 'Packline', Creator: 'Packline' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = LABEL_WIDTH_PT - 28;
  doc.font('Helvetica-Bold').fontSize(14).text(CARRIER_NAMES[shipment.carrier], 14, 14, { width });
  doc.font('Helvetica').fontSize(9).text(shipment.serviceName, { width });
  doc
    .moveTo(14, 52)
    .lineTo(LABEL_WIDTH_PT - 14, 52)
    .stroke();
  doc.fontSize(7).text('FROM', 14, 58);
  doc.fontSize(8).text(addressLines({ ...shipment.shipFrom, phone: undefined }).join(', '), 14, 68, {
    width,
  });
  doc
    .moveTo(14, 104)
    .lineTo(LABEL_WIDTH_PT - 14, 104)
    .stroke();
  doc.fontSize(7).text('TO', 14, 110);
  doc.font('Helvetica-Bold').fontSize(12).text(addressLines(shipment.shipTo).join('\n'), 14, 122, {
    width,
  });
  doc.font('Helvetica').fontSize(8);
  doc.text(`Ref ${shipment.reference}    ${weightText(shipment.weightGrams)}`, 14, 292, { width });
  doc.image(barcode, 24, 310, { fit: [LABEL_WIDTH_PT - 48, 80], align: 'center' });
  doc.font('Helvetica-Bold').fontSize(11).text(tracking, 14, 396, { width, align: 'center' });
  doc.end();
  return done;
}

/** ZPL field data with ^FH hex escapes for the characters ZPL treats as commands. */
function zplText(value: string): string {
  return value.replace(/[_^~\\]/g, (c) => `_${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

export function renderZplLabel(shipment: LabelShipment, tracking: string): string {
  const lines: string[] = ['^XA', '^CI28', '^PW812', '^LL1218'];
  const field = (x: number, y: number, size: number, text: string) =>
    lines.push(`^FO${x},${y}^A0N,${size},${size}^FH^FD${zplText(text)}^FS`);
  field(40, 40, 48, CARRIER_NAMES[shipment.carrier]);
  field(40, 100, 28, shipment.serviceName);
  lines.push('^FO40,145^GB732,3,3^FS');
  field(40, 160, 22, 'FROM');
  field(40, 190, 24, addressLines(shipment.shipFrom).join(', ').slice(0, 120));
  lines.push('^FO40,240^GB732,3,3^FS');
  field(40, 255, 22, 'TO');
  addressLines(shipment.shipTo).forEach((line, i) => field(40, 290 + i * 50, 42, line));
  field(40, 740, 26, `Ref ${shipment.reference}    ${weightText(shipment.weightGrams)}`);
  lines.push(`^FO60,800^BY3^BCN,220,Y,N,N^FD${zplText(tracking)}^FS`);
  lines.push('^XZ');
  return lines.join('\n');
}
