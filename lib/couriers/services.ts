// The services each carrier adapter can book (codes as the carrier's API takes them), for rule
// editing and label/UI names. Availability per lane is still the carrier's call at create time.
import type { Carrier } from './courier-adapter.ts';

export interface CarrierService {
  code: string;
  name: string;
}

export const CARRIER_SERVICES: Record<Carrier, readonly CarrierService[]> = {
  TEST: [
    { code: 'TEST24', name: 'Test 24h' },
    { code: 'TEST48', name: 'Test 48h' },
    { code: 'TESTINTL', name: 'Test International' },
  ],
  // Click & Drop OBA service codes (couriers.md §1).
  ROYAL_MAIL: [
    { code: 'TPN24', name: 'Royal Mail Tracked 24' },
    { code: 'TPS48', name: 'Royal Mail Tracked 48' },
    { code: 'CRL24', name: 'Royal Mail 24' },
    { code: 'CRL48', name: 'Royal Mail 48' },
    { code: 'OLA', name: 'International Standard' },
    { code: 'OTA', name: 'International Tracked' },
    { code: 'MP1', name: 'International Business Parcels Tracked' },
  ],
  // DPD UK networkCode values (couriers.md §2).
  DPD: [
    { code: '1^11', name: 'DPD Two Day' },
    { code: '1^12', name: 'DPD Next Day' },
    { code: '1^13', name: 'DPD by 12:00' },
    { code: '1^14', name: 'DPD by 10:30' },
    { code: '1^16', name: 'DPD Saturday' },
    { code: '1^50', name: 'DPD Classic (international)' },
  ],
  // MyDHL productCode values (couriers.md §3).
  DHL: [
    { code: 'N', name: 'DHL Express Domestic' },
    { code: 'P', name: 'DHL Express Worldwide' },
    { code: 'T', name: 'DHL Express 12:00' },
    { code: 'Y', name: 'DHL Express 9:00' },
    { code: 'W', name: 'DHL Economy Select' },
  ],
};

export const CARRIER_NAMES: Record<Carrier, string> = {
  TEST: 'Packline Test Carrier',
  ROYAL_MAIL: 'Royal Mail Click & Drop',
  DPD: 'DPD UK',
  DHL: 'DHL Express',
};

export function serviceName(carrier: Carrier, code: string): string {
  return CARRIER_SERVICES[carrier].find((s) => s.code === code)?.name ?? code;
}

export function isKnownService(carrier: Carrier, code: string): boolean {
  return CARRIER_SERVICES[carrier].some((s) => s.code === code);
}
