// The barcode helpers encode real Code 128 (bwip-js): start B, the data, the mod-103 check
// symbol and the stop pattern; the SVG draws bars only, and the PDF drawer paints one rectangle
// per bar.
import { describe, expect, it } from 'vitest';
import { code128Svg } from './code128-svg.ts';
import { PdfCode128 } from './pdf-code128.ts';

const START_B = [2, 1, 1, 2, 1, 4];
const STOP = [2, 3, 3, 1, 1, 1, 2];

describe('Code 128', () => {
  it('draws start B, 6 modules per bar/space group and the stop pattern in a PDF', () => {
    const rects: number[][] = [];
    const doc = {
      rect(x: number, y: number, w: number, h: number) {
        rects.push([x, y, w, h]);
        return doc;
      },
      fill() {
        return doc;
      },
    };
    const code = new PdfCode128();
    // "A-01": start B + 4 data symbols + check = 6 × 11 modules, + stop 13 = 79.
    expect(code.modules('A-01')).toBe(79);
    const width = code.draw(doc, 'A-01', 10, 20, { module: 1, height: 30 });
    expect(width).toBe(79);
    // Bars of start B (bar 2, space 1, bar 1, space 2, bar 1, space 4): x = 10, 13, 16.
    expect(rects.slice(0, 3)).toEqual([
      [10, 20, START_B[0], 30],
      [13, 20, START_B[2], 30],
      [16, 20, START_B[4], 30],
    ]);
    // The stop pattern's last bar (width 2) ends the symbol.
    expect(rects.at(-1)).toEqual([10 + 79 - STOP[6]!, 20, 2, 30]);
  });

  it('renders an SVG of paths only', () => {
    const svg = code128Svg('PL-000123');
    expect(svg).toMatch(/^<svg [^>]*viewBox=/);
    expect(svg).toContain('<path');
    expect(svg).not.toMatch(/<text|<script/);
  });
});
