import type { BadgeTone } from '@/components/ui/badge.tsx';

export const STATUS_LABEL: Record<string, string> = {
  PENDING: 'Pending',
  AWAITING_FULFILMENT: 'To ship',
  PARTIALLY_SHIPPED: 'Partially shipped',
  SHIPPED: 'Shipped',
  CANCELLED: 'Cancelled',
  UNFULFILLABLE: 'Unfulfillable',
};
export const STATUS_TONE: Record<string, BadgeTone> = {
  PENDING: 'neutral',
  AWAITING_FULFILMENT: 'accent',
  PARTIALLY_SHIPPED: 'info',
  SHIPPED: 'success',
  CANCELLED: 'danger',
  UNFULFILLABLE: 'warning',
};

export const when = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});
export const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

export function money(minor: bigint | null, currency: string | null): string {
  if (minor === null || !currency) return '—';
  const exp = currency === 'JPY' ? 0 : 2;
  const value = Number(minor) / 10 ** exp;
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(value);
}
