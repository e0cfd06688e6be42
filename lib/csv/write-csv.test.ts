import { describe, expect, it } from 'vitest';
import { csvHeader, csvRows } from './write-csv.ts';

describe('CSV writing', () => {
  it('neutralises every formula prefix and quotes every cell', () => {
    for (const evil of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\t=x', '\r=x', '＝1+1']) {
      expect(csvRows([[evil]]).startsWith(`"'`)).toBe(true);
    }
    expect(csvRows([['=HYPERLINK("http://x")']])).toBe(`"'=HYPERLINK(""http://x"")"\r\n`);
    expect(csvRows([['member.removed', null, { a: 1 }]])).toBe('"member.removed","","{""a"":1}"\r\n');
  });

  it('keeps line breaks inside a quoted cell and ends every line in CRLF', () => {
    expect(csvRows([['a\nb'], ['c']])).toBe('"a\nb"\r\n"c"\r\n');
    expect(csvHeader(['seq', 'at'])).toBe('seq,at\r\n');
    expect(csvRows([])).toBe('');
  });
});
