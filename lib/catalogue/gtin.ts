// GTIN (GS1) barcodes: GTIN-8, GTIN-12 (UPC-A), GTIN-13 (EAN-13) and GTIN-14, each ending in a
// mod-10 check digit (weights 3,1,3,… from the digit left of the check digit).

export const GTIN_LENGTHS = [8, 12, 13, 14] as const;

export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidGtin(code: string): boolean {
  if (!/^\d+$/.test(code) || !(GTIN_LENGTHS as readonly number[]).includes(code.length)) return false;
  return gtinCheckDigit(code.slice(0, -1)) === Number(code.at(-1));
}

/**
 * The forms a scanned GTIN may be stored under: the same number written as GTIN-8/12/13/14
 * differs only by leading zeros (a UPC-A scanned by an EAN-13 reader gains a leading 0).
 */
export function gtinVariants(code: string): string[] {
  if (!isValidGtin(code)) return [];
  const full = code.padStart(14, '0');
  return GTIN_LENGTHS.filter((len) => /^0*$/.test(full.slice(0, 14 - len))).map((len) =>
    full.slice(14 - len),
  );
}
