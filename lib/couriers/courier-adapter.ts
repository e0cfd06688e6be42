// The carrier-neutral courier interface (shared/reference/couriers.md §5). Fulfilment code talks
// only to this; each carrier's adapter maps it onto that carrier's published API shapes, parses
// every response with zod and turns every failure (including errors inside HTTP 200 bodies) into
// a CarrierError with a kind the caller can act on.
export type Carrier = 'TEST' | 'ROYAL_MAIL' | 'DPD' | 'DHL';

export type LabelFormat = 'PDF' | 'ZPL' | 'PNG' | 'EPL' | 'CLP' | 'HTML';

/** A postal address. For a recipient this is buyer PII: it goes to the chosen carrier and onto the label only. */
export interface Address {
  name: string;
  company?: string;
  line1: string;
  line2?: string;
  line3?: string;
  city: string;
  county?: string;
  postcode?: string;
  /** ISO 3166-1 alpha-2. */
  countryCode: string;
  phone?: string;
  email?: string;
}

export interface Parcel {
  weightGrams: number;
  lengthMm?: number;
  widthMm?: number;
  heightMm?: number;
  contents?: { description: string; quantity: number; unitValue: number; hsCode?: string }[];
}

export interface CreateShipmentInput {
  /** Our reference (unique per shipment): what a lookup-before-retry searches for. */
  reference: string;
  serviceCode: string;
  shipFrom: Address;
  shipTo: Address;
  /** Packline creates one shipment per packed parcel; the array keeps the carriers' shape. */
  parcels: Parcel[];
  /** ISO date-time of collection/dispatch. */
  shipDate: string;
  label: { format: LabelFormat; size?: string };
  /** Declared value of the goods (customs, Royal Mail totals), in minor units. */
  valueMinor?: number;
  currency?: string;
  incoterm?: string;
}

export interface CarrierLabel {
  format: LabelFormat;
  mediaType: string;
  data: Uint8Array;
}

export interface CreateShipmentResult {
  carrierShipmentId: string;
  trackingNumber: string | null;
  parcelTrackingNumbers: string[];
  labels: CarrierLabel[];
  warnings: string[];
}

export interface TrackingEvent {
  at: string;
  code: string;
  description: string;
}

export interface CourierCapabilities {
  labelFormats: LabelFormat[];
  cancel: boolean;
  manifest: boolean;
}

export interface CourierAdapter {
  readonly carrier: Carrier;
  readonly capabilities: CourierCapabilities;
  createShipment(input: CreateShipmentInput): Promise<CreateShipmentResult>;
  cancel(carrierShipmentId: string): Promise<'cancelled' | 'rejected' | 'not_supported'>;
  closeDay(date: string): Promise<{ status: 'done' | 'pending' | 'not_required'; document?: Uint8Array }>;
  track(trackingNumber: string): Promise<TrackingEvent[]>;
  /** Checks the credentials with a cheap authenticated call ("test connection"). */
  verifyCredentials(): Promise<void>;
}

export type CarrierErrorKind =
  | 'AUTH'
  | 'VALIDATION'
  | 'ADDRESS'
  | 'SERVICE_UNAVAILABLE'
  | 'RATE_LIMITED'
  | 'CARRIER_DOWN'
  | 'NOT_SUPPORTED';

/**
 * A carrier refused or failed. `message` is the carrier's own text (safe to show staff); it never
 * carries the recipient's values — adapters build it from codes and field names, not echoed input.
 */
export class CarrierError extends Error {
  override readonly name = 'CarrierError';
  readonly kind: CarrierErrorKind;
  readonly carrier: Carrier;
  /** The carrier's own error code, when it gave one. */
  readonly carrierCode?: string;
  /** The neutral or carrier field path the error is about, when known. */
  readonly field?: string;
  /** Only rate limits and carrier outages are worth retrying. */
  readonly retryable: boolean;

  constructor(input: {
    kind: CarrierErrorKind;
    carrier: Carrier;
    message: string;
    carrierCode?: string;
    field?: string;
  }) {
    super(input.message);
    this.kind = input.kind;
    this.carrier = input.carrier;
    this.carrierCode = input.carrierCode;
    this.field = input.field;
    this.retryable = input.kind === 'RATE_LIMITED' || input.kind === 'CARRIER_DOWN';
  }
}
