import { describe, expect, it } from 'vitest';
import { attachmentDisposition } from './content-disposition.ts';

describe('attachmentDisposition', () => {
  it('keeps ordinary file names', () => {
    expect(attachmentDisposition('pick-list-PL-000042.pdf')).toBe(
      'attachment; filename="pick-list-PL-000042.pdf"',
    );
  });

  it.each([
    ["a\"; filename*=UTF-8''evil.html", 'attachment; filename="a___filename__UTF-8__evil.html"'],
    ['list\r\nSet-Cookie: x=1.pdf', 'attachment; filename="list__Set-Cookie__x_1.pdf"'],
    ['../../etc/passwd', 'attachment; filename="_.._etc_passwd"'],
    ['.hidden', 'attachment; filename="hidden"'],
    ['Lieferschein-Müller.pdf', 'attachment; filename="Lieferschein-M_ller.pdf"'],
    ['', 'attachment; filename="download"'],
  ])('neutralises %j', (name, header) => expect(attachmentDisposition(name)).toBe(header));

  it('caps the length', () => {
    expect(attachmentDisposition(`${'x'.repeat(400)}.pdf`).length).toBeLessThan(180);
  });
});
