// Scan verification for picking (pure; used by the picking screen for instant feedback and again
// by confirmPick on the server, which is the one that counts). A scan matches the expected bin
// code, the product's SKU or barcode, and the lot number — compared trimmed and case-insensitively,
// since keyboard-wedge scanners and hand typing differ in case.

export interface ExpectedPick {
  binCode: string;
  sku: string;
  barcode: string | null;
  lotNumber: string | null;
}

export interface PickScans {
  bin: string;
  item: string;
  lot?: string | null;
}

const norm = (s: string) => s.trim().toUpperCase();

export type ScanStep = 'bin' | 'item' | 'lot';

/** The message for one refused scan, or null when it matches. */
export function checkScan(step: ScanStep, expected: ExpectedPick, scanned: string): string | null {
  const got = scanned.trim();
  if (step === 'bin') {
    return norm(got) === norm(expected.binCode)
      ? null
      : `Wrong bin: expected ${expected.binCode}, got ${got}`;
  }
  if (step === 'item') {
    const ok = norm(got) === norm(expected.sku) || (expected.barcode !== null && got === expected.barcode);
    return ok ? null : `Wrong item: expected ${expected.sku}, got ${got}`;
  }
  if (expected.lotNumber === null) return null;
  return norm(got) === norm(expected.lotNumber)
    ? null
    : `Wrong lot: expected ${expected.lotNumber}, got ${got}`;
}

/** The first refused scan's message (bin, then item, then lot when the pick names one), or null. */
export function verifyPickScans(expected: ExpectedPick, scans: PickScans): string | null {
  return (
    checkScan('bin', expected, scans.bin) ??
    checkScan('item', expected, scans.item) ??
    (expected.lotNumber !== null ? checkScan('lot', expected, scans.lot ?? '') : null)
  );
}
