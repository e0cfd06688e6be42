// Code 128 as an SVG document for HTML pages (bin labels, the pick list's print view), drawn by
// bwip-js — the same encoder the PDFs use (lib/barcodes/pdf-code128.ts), so there is one barcode
// implementation. bwip-js escapes nothing it is not given: callers pass validated codes (bin
// codes, SKUs, pick list numbers), and the SVG holds only paths.
import bwipjs from 'bwip-js/node';

/** An SVG of the barcode without human-readable text (pages print the code beside it). */
export function code128Svg(text: string, options: { heightMm?: number } = {}): string {
  return bwipjs.toSVG({
    bcid: 'code128',
    text,
    height: options.heightMm ?? 10,
    paddingwidth: 10,
    backgroundcolor: 'FFFFFF',
  });
}
