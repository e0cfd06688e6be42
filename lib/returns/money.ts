// Amounts typed in major units ("12.50") to integer minor units of the currency, with the
// currency's own number of decimals (JPY 0, EUR 2, BHD 3) from the runtime's ISO 4217 data.
import { AppError } from '../errors/app-error.ts';

export function minorDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    throw new AppError('BAD_REQUEST', `unknown currency ${currency}`);
  }
}

export function toMinorUnits(amount: string, currency: string): bigint {
  const digits = minorDigits(currency);
  const [whole = '0', fraction = ''] = amount.split('.');
  if (fraction.length > digits) {
    throw new AppError('BAD_REQUEST', `${currency} amounts have at most ${digits} decimal place(s)`);
  }
  return BigInt(whole) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0');
}
