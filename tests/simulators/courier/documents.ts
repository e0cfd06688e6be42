// The simulator's own carrier documents: a 4×6 PDF label (what a carrier would send back) and
// ZPL/EPL/CLP/HTML bodies for DPD's content negotiation. Deliberately plainer than Packline's own
// renderer, so tests can tell a carrier's label from one Packline rendered.
import PDFDocument from 'pdfkit';

export function simulatorPdf(title: string, lines: string[]): Promise<Buffer> {
  const doc = new PDFDocument({
    size: [288, 432],
    margin: 18,
    info: { Title: title, Producer: 'courier-simulator' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(14).text(title);
  doc.font('Helvetica').fontSize(10);
  for (const line of lines) doc.text(line);
  doc.end();
  return done;
}

export function simulatorZpl(title: string, tracking: string): string {
  return `^XA^CI28^FO40,40^A0N,40,40^FD${title}^FS^FO40,120^BY3^BCN,200,Y,N,N^FD${tracking}^FS^XZ`;
}

/** S10 (UPU) item identifier: 2 letters, 8-digit serial, mod-11 check digit, country. */
export function s10(prefix: string, serial: number, country = 'GB'): string {
  const digits = String(serial).padStart(8, '0').slice(-8);
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  const sum = [...digits].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  const check = 11 - (sum % 11);
  const checkDigit = check === 10 ? 0 : check === 11 ? 5 : check;
  return `${prefix}${digits}${checkDigit}${country}`;
}
