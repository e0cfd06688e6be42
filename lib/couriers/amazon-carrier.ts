// The carrier fields of Amazon's confirmShipment (Orders v0 PackageDetail): `carrierCode` from
// Amazon's CarrierCode list, `carrierName` required when the code is "Other", `shippingMethod`
// free text. Royal Mail, DPD and DHL are on Amazon's list; the built-in test carrier is not.
import type { Carrier } from './courier-adapter.ts';

export interface AmazonCarrierFields {
  carrierCode: string;
  carrierName: string;
  shippingMethod: string;
}

const AMAZON_CODES: Record<Carrier, { carrierCode: string; carrierName: string }> = {
  TEST: { carrierCode: 'Other', carrierName: 'Packline Test Carrier' },
  ROYAL_MAIL: { carrierCode: 'Royal Mail', carrierName: 'Royal Mail' },
  DPD: { carrierCode: 'DPD', carrierName: 'DPD' },
  DHL: { carrierCode: 'DHL', carrierName: 'DHL Express' },
};

export function amazonCarrierFor(carrier: Carrier, serviceCode: string): AmazonCarrierFields {
  return { ...AMAZON_CODES[carrier], shippingMethod: serviceCode };
}
