import { describe, expect, it } from 'vitest';
import { code128Checksum, code128Modules, code128Svg, code128Values } from './code128.ts';

/** The run lengths of bars and spaces between the quiet zones. */
function runWidths(modules: string): number[] {
  const bars = modules.replace(/^0+|0+$/g, '');
  const widths: number[] = [];
  let i = 0;
  while (i < bars.length) {
    let w = 1;
    while (bars[i + w] === bars[i]) w += 1;
    widths.push(w);
    i += w;
  }
  return widths;
}

describe('code128', () => {
  it('computes the mod-103 check symbol (worked example "PJJ123C" in set B)', () => {
    // Start B 104, P 48, J 42, J 42, 1 17, 2 18, 3 19, C 35: 104+48+84+126+68+90+114+245 = 879 → 55.
    expect(code128Checksum([104, 48, 42, 42, 17, 18, 19, 35])).toBe(55);
    expect(code128Values('PJJ123C')).toEqual([104, 48, 42, 42, 17, 18, 19, 35, 55]);
  });

  it('uses set C for digit runs: start C for a numeric text, switching for 6+ digits mid-text', () => {
    // 1234567890: start C 105, 12 34 56 78 90; check = (105 + 12 + 68 + 168 + 312 + 450) % 103 = 85.
    expect(code128Values('1234567890')).toEqual([105, 12, 34, 56, 78, 90, 85]);
    // Odd run of 5 at the start: 12, 34 in C then code B, '5'.
    const odd = code128Values('12345');
    expect(odd.slice(0, 5)).toEqual([105, 12, 34, 100, 21]);
    // A-01-01 stays in set B (short runs).
    expect(code128Values('A-01-01')[0]).toBe(104);
    // LOT followed by 8 digits switches to C.
    expect(code128Values('LOT20261125').slice(0, 8)).toEqual([104, 44, 47, 52, 99, 20, 26, 11]);
  });

  it('draws start, symbols of 11 modules, stop of 13 and quiet zones', () => {
    const modules = code128Modules('A-01-01');
    const symbols = code128Values('A-01-01').length;
    expect(modules.length).toBe(10 + symbols * 11 + 13 + 10);
    expect(modules.slice(10, 21)).toBe('11010010000'); // Start B
    expect(modules.slice(-23, -10)).toBe('1100011101011'); // Stop
    // Every symbol has 3 bars and 3 spaces; the stop adds a fourth bar.
    const widths = runWidths(modules);
    expect(widths.length).toBe(symbols * 6 + 7);
    expect(widths.every((w) => w >= 1 && w <= 4)).toBe(true);
  });

  it('renders SVG and refuses what Code 128 set B cannot carry', () => {
    const svg = code128Svg('BIN-1', { moduleWidth: 1, height: 40 });
    expect(svg).toMatch(/^<svg [^>]*width="\d+" height="40"/);
    expect(svg).toContain('<rect x="10" y="0" width="2" height="40"/>'); // first bar of Start B
    expect(() => code128Values('')).toThrow(RangeError);
    expect(() => code128Values('café')).toThrow(RangeError);
    expect(() => code128Values('tab\t')).toThrow(RangeError);
  });
});
