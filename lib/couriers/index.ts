// What the rest of Packline uses from lib/couriers (fulfilment/shipping code imports from here).
export {
  CarrierError,
  type Address,
  type Carrier,
  type CarrierErrorKind,
  type CarrierLabel,
  type CourierAdapter,
  type CreateShipmentInput,
  type CreateShipmentResult,
  type LabelFormat,
  type Parcel,
  type TrackingEvent,
} from './courier-adapter.ts';
export { amazonCarrierFor, type AmazonCarrierFields } from './amazon-carrier.ts';
export { courierForAccount } from './courier-for-account.ts';
export {
  labelsFor,
  LABEL_HEIGHT_PT,
  LABEL_WIDTH_PT,
  type LabelShipment,
  type ShipmentLabels,
} from './labels.ts';
export { selectCarrierService, type ParcelFacts, type SelectedService } from './select-carrier-service.ts';
export { CARRIER_NAMES, CARRIER_SERVICES, serviceName } from './services.ts';
export { warehouseSender } from './warehouse-sender.ts';
