// Code 128 (ISO/IEC 15417) as SVG, for bin and lot labels: code set B for printable ASCII
// (32–126), switching to code set C for runs of 4+ digits (6+ in the middle of a run of set B
// text), the mod-103 check symbol, the stop pattern and a 10-module quiet zone each side.
// Pure, framework-free and unit-tested; no barcode library.

/** Bar/space widths (in modules) of symbol values 0–106; 106 is the stop pattern (13 modules). */
const PATTERNS: readonly string[] = [
  '212222',
  '222122',
  '222221',
  '121223',
  '121322',
  '131222',
  '122213',
  '122312',
  '132212',
  '221213',
  '221312',
  '231212',
  '112232',
  '122132',
  '122231',
  '113222',
  '123122',
  '123221',
  '223211',
  '221132',
  '221231',
  '213212',
  '223112',
  '312131',
  '311222',
  '321122',
  '321221',
  '312212',
  '322112',
  '322211',
  '212123',
  '212321',
  '232121',
  '111323',
  '131123',
  '131321',
  '112313',
  '132113',
  '132311',
  '211313',
  '231113',
  '231311',
  '112133',
  '112331',
  '132131',
  '113123',
  '113321',
  '133121',
  '313121',
  '211331',
  '231131',
  '213113',
  '213311',
  '213131',
  '311123',
  '311321',
  '331121',
  '312113',
  '312311',
  '332111',
  '314111',
  '221411',
  '431111',
  '111224',
  '111422',
  '121124',
  '121421',
  '141122',
  '141221',
  '112214',
  '112412',
  '122114',
  '122411',
  '142112',
  '142211',
  '241211',
  '221114',
  '413111',
  '241112',
  '134111',
  '111242',
  '121142',
  '121241',
  '114212',
  '124112',
  '124211',
  '411212',
  '421112',
  '421211',
  '212141',
  '214121',
  '412121',
  '111143',
  '111341',
  '131141',
  '114113',
  '114311',
  '411113',
  '411311',
  '113141',
  '114131',
  '311141',
  '411131',
  '211412',
  '211214',
  '211232',
  '2331112',
];

const START_B = 104;
const START_C = 105;
const CODE_B = 100; // in set C: switch to B
const CODE_C = 99; // in set B: switch to C
const STOP = 106;
const QUIET = 10;

const isDigit = (c: string) => c >= '0' && c <= '9';

function digitRun(text: string, from: number): number {
  let n = 0;
  while (from + n < text.length && isDigit(text[from + n]!)) n += 1;
  return n;
}

/** The symbol values of `text`, start to check symbol (no stop). Throws outside ASCII 32–126. */
export function code128Values(text: string): number[] {
  if (text.length === 0) throw new RangeError('nothing to encode');
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (ch.length !== 1 || code < 32 || code > 126)
      throw new RangeError('Code 128 labels take printable ASCII only');
  }
  const values: number[] = [];
  let set: 'B' | 'C';
  let i = 0;
  const leading = digitRun(text, 0);
  // Start in set C for a text that opens with 4+ digits (an even number of them is taken first).
  if (leading >= 4) {
    set = 'C';
    values.push(START_C);
  } else {
    set = 'B';
    values.push(START_B);
  }
  while (i < text.length) {
    if (set === 'C') {
      const run = digitRun(text, i);
      if (run >= 2) {
        values.push(Number(text.slice(i, i + 2)));
        i += 2;
        continue;
      }
      values.push(CODE_B);
      set = 'B';
      continue;
    }
    const run = digitRun(text, i);
    const atEnd = i + run === text.length;
    // Switching costs one symbol; worth it for 4+ digits ending the text, 6+ otherwise.
    if (run >= (atEnd ? 4 : 6)) {
      if (run % 2 === 1) {
        values.push(text.charCodeAt(i) - 32);
        i += 1;
      }
      values.push(CODE_C);
      set = 'C';
      continue;
    }
    values.push(text.charCodeAt(i) - 32);
    i += 1;
  }
  values.push(code128Checksum(values));
  return values;
}

/** The mod-103 check value: start value + Σ position × value. */
export function code128Checksum(values: readonly number[]): number {
  let sum = values[0]!;
  for (let i = 1; i < values.length; i += 1) sum += i * values[i]!;
  return sum % 103;
}

/** The module pattern: '1' for bar, '0' for space, quiet zones included. */
export function code128Modules(text: string): string {
  const symbols = [...code128Values(text), STOP];
  let modules = '0'.repeat(QUIET);
  for (const value of symbols) {
    const widths = PATTERNS[value]!;
    for (let k = 0; k < widths.length; k += 1) modules += (k % 2 === 0 ? '1' : '0').repeat(Number(widths[k]));
  }
  return modules + '0'.repeat(QUIET);
}

/** An SVG document of the barcode (no text), `moduleWidth` px per module. */
export function code128Svg(text: string, options: { moduleWidth?: number; height?: number } = {}): string {
  const moduleWidth = options.moduleWidth ?? 2;
  const height = options.height ?? 60;
  const modules = code128Modules(text);
  const rects: string[] = [];
  let x = 0;
  while (x < modules.length) {
    if (modules[x] === '1') {
      let w = 1;
      while (modules[x + w] === '1') w += 1;
      rects.push(`<rect x="${x * moduleWidth}" y="0" width="${w * moduleWidth}" height="${height}"/>`);
      x += w;
    } else x += 1;
  }
  const width = modules.length * moduleWidth;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `shape-rendering="crispEdges" role="img"><rect width="${width}" height="${height}" fill="#fff"/>` +
    `<g fill="#000">${rects.join('')}</g></svg>`
  );
}
