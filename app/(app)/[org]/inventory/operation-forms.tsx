'use client';
// Forms of the stock operations beyond plain receiving and transfers: receiving against an
// expected delivery, put-away, quarantine and release, adjustments and scrap with a reason, and
// the edit forms of products, warehouses and bins. Each is a ScanForm bound to one server action.
import { ScanForm, type ScanField } from '@/components/inventory/scan-form.tsx';
import { ADJUSTMENT_REASONS } from '@/lib/inventory/schemas.ts';
import { LOCATION_TYPE_OPTIONS } from './location-types.ts';
import {
  adjustByScanAction,
  putAwayByScanAction,
  quarantineByScanAction,
  receiveByScanAction,
  releaseByScanAction,
  scrapByScanAction,
  updateLocationAction,
  updateProductAction,
  updateWarehouseAction,
} from './actions.ts';

type Input_ = Record<string, unknown>;

const REASON_OPTIONS = ADJUSTMENT_REASONS.map((r) => ({
  value: r,
  label: r.charAt(0) + r.slice(1).toLowerCase(),
}));

const skuField: ScanField = {
  name: 'sku',
  label: 'SKU or barcode',
  kind: 'scan',
  required: true,
  placeholder: 'Scan product',
};
const lotField: ScanField = {
  name: 'lotNumber',
  label: 'Lot',
  kind: 'scan',
  hint: 'For lot-tracked products',
};
const quantityField: ScanField = { name: 'quantity', label: 'Quantity', kind: 'number', required: true };
const reasonField: ScanField = {
  name: 'reasonCode',
  label: 'Reason',
  kind: 'select',
  options: REASON_OPTIONS,
  defaultValue: 'CORRECTION',
};
const noteField: ScanField = { name: 'reference', label: 'Note', kind: 'text', placeholder: 'Why, ticket…' };
const moved = (verb: string) => (d: { quantity: number; sku: string; from: string; to: string }) =>
  `${verb} ${d.quantity} × ${d.sku} from ${d.from} to ${d.to}`;

/** Goods-in against an expected delivery: good and damaged units per scanned line. */
export function ReceiveDeliveryForm({
  orgSlug,
  deliveryId,
  warehouseId,
}: {
  orgSlug: string;
  deliveryId: string;
  warehouseId: string;
}) {
  const fields: ScanField[] = [
    { name: 'binCode', label: 'Bin', kind: 'scan', required: true, sticky: true, placeholder: 'Scan bin' },
    skuField,
    lotField,
    {
      name: 'expiresOn',
      label: 'Expires on',
      kind: 'date',
      hint: 'For a new lot of an expiry-tracked product',
    },
    { name: 'quantity', label: 'Good units', kind: 'number', required: true },
    {
      name: 'damagedQuantity',
      label: 'Damaged units',
      kind: 'number',
      hint: 'Recorded, not booked into stock',
    },
    { name: 'note', label: 'Note', kind: 'text' },
  ];
  return (
    <ScanForm
      label="Receive against this delivery"
      fields={fields}
      fixed={{ deliveryId, warehouseId }}
      submitLabel="Receive"
      run={(input: Input_) => receiveByScanAction(orgSlug, input as never)}
      success={(d) =>
        [
          `Received ${d.quantity} × ${d.sku} into ${d.binCode}`,
          ...d.discrepancies.map((x) => `${x.kind.toLowerCase()}: ${x.quantity}`),
        ].join(' · ')
      }
    />
  );
}

export function PutAwayForm({ orgSlug }: { orgSlug: string }) {
  const fields: ScanField[] = [
    { name: 'fromBinCode', label: 'From bin', kind: 'scan', required: true, placeholder: 'Receiving bin' },
    skuField,
    lotField,
    quantityField,
    {
      name: 'toBinCode',
      label: 'To bin',
      kind: 'scan',
      required: true,
      placeholder: 'Scan the suggested bin',
    },
  ];
  return (
    <ScanForm
      label="Put away"
      fields={fields}
      submitLabel="Put away"
      run={(input: Input_) => putAwayByScanAction(orgSlug, input as never)}
      success={moved('Put away')}
    />
  );
}

export function QuarantineForm({ orgSlug }: { orgSlug: string }) {
  const fields: ScanField[] = [
    { name: 'fromBinCode', label: 'From bin', kind: 'scan', required: true, placeholder: 'Scan bin' },
    skuField,
    lotField,
    quantityField,
    { name: 'toBinCode', label: 'Quarantine bin', kind: 'scan', required: true, placeholder: 'Scan bin' },
    { name: 'reference', label: 'Why', kind: 'text', placeholder: 'e.g. suspected damage' },
  ];
  return (
    <ScanForm
      label="Quarantine stock"
      fields={fields}
      submitLabel="Quarantine"
      run={(input: Input_) => quarantineByScanAction(orgSlug, input as never)}
      success={moved('Quarantined')}
    />
  );
}

export function ReleaseForm({ orgSlug }: { orgSlug: string }) {
  const fields: ScanField[] = [
    { name: 'fromBinCode', label: 'Quarantine bin', kind: 'scan', required: true, placeholder: 'Scan bin' },
    skuField,
    lotField,
    quantityField,
    { name: 'toBinCode', label: 'Release to bin', kind: 'scan', required: true, placeholder: 'Scan bin' },
    { name: 'reference', label: 'Inspection note', kind: 'text' },
  ];
  return (
    <ScanForm
      label="Release stock"
      fields={fields}
      submitLabel="Release"
      run={(input: Input_) => releaseByScanAction(orgSlug, input as never)}
      success={moved('Released')}
    />
  );
}

/** Adjust or scrap stock in one bin: the bin is fixed, the reason is required. */
export function AdjustBinForm({
  orgSlug,
  warehouseId,
  binCode,
}: {
  orgSlug: string;
  warehouseId: string;
  binCode: string;
}) {
  const fields: ScanField[] = [
    skuField,
    lotField,
    {
      name: 'delta',
      label: 'Change',
      kind: 'number',
      required: true,
      hint: 'Positive adds units, negative removes them',
    },
    reasonField,
    {
      name: 'expiresOn',
      label: 'Expires on',
      kind: 'date',
      hint: 'For a new lot of an expiry-tracked product',
    },
    noteField,
  ];
  return (
    <ScanForm
      label="Adjust stock"
      fields={fields}
      fixed={{ warehouseId, binCode }}
      submitLabel="Adjust"
      run={(input: Input_) => adjustByScanAction(orgSlug, input as never)}
      success={(d) =>
        `Adjusted ${d.sku} in ${d.binCode} by ${d.delta > 0 ? '+' : ''}${d.delta} (${d.reasonCode.toLowerCase()})`
      }
    />
  );
}

export function ScrapBinForm({
  orgSlug,
  warehouseId,
  binCode,
}: {
  orgSlug: string;
  warehouseId: string;
  binCode: string;
}) {
  const fields: ScanField[] = [
    skuField,
    lotField,
    quantityField,
    { ...reasonField, defaultValue: 'DAMAGED' },
    noteField,
  ];
  return (
    <ScanForm
      label="Scrap stock"
      fields={fields}
      fixed={{ warehouseId, binCode }}
      submitLabel="Scrap"
      run={(input: Input_) => scrapByScanAction(orgSlug, input as never)}
      success={(d) => `Scrapped ${d.quantity} × ${d.sku} from ${d.binCode} (${d.reasonCode.toLowerCase()})`}
    />
  );
}

/** Edit forms keep what was typed after saving: every field is sticky. */
const sticky = (fields: ScanField[]): ScanField[] => fields.map((f) => ({ ...f, sticky: true }));
const text = (value: string | number | null | undefined) => (value == null ? undefined : String(value));
const checked = (value: boolean) => (value ? 'on' : undefined);

export interface EditableProduct {
  id: string;
  sku: string;
  name: string;
  barcode: string | null;
  weightGrams: number | null;
  lotTracked: boolean;
  expiryTracked: boolean;
  expiryExclusionDays: number;
}

export function EditProductForm({ orgSlug, product }: { orgSlug: string; product: EditableProduct }) {
  const fields = sticky([
    { name: 'sku', label: 'SKU', kind: 'scan', required: true, defaultValue: product.sku },
    { name: 'name', label: 'Name', kind: 'text', required: true, defaultValue: product.name },
    {
      name: 'barcode',
      label: 'Barcode (GTIN)',
      kind: 'scan',
      nullable: true,
      defaultValue: text(product.barcode),
    },
    {
      name: 'weightGrams',
      label: 'Weight (g)',
      kind: 'number',
      nullable: true,
      defaultValue: text(product.weightGrams),
    },
    { name: 'lotTracked', label: 'Lot-tracked', kind: 'checkbox', defaultValue: checked(product.lotTracked) },
    {
      name: 'expiryTracked',
      label: 'Expiry-tracked',
      kind: 'checkbox',
      defaultValue: checked(product.expiryTracked),
    },
    {
      name: 'expiryExclusionDays',
      label: 'Do not allocate within (days of expiry)',
      kind: 'number',
      defaultValue: text(product.expiryExclusionDays),
    },
  ]);
  return (
    <ScanForm
      label="Edit product"
      fields={fields}
      fixed={{ productId: product.id }}
      submitLabel="Save product"
      run={(input: Input_) => updateProductAction(orgSlug, input as never)}
      success={(d) => `Product ${d.sku} saved`}
    />
  );
}

export function EditWarehouseForm({
  orgSlug,
  warehouse,
}: {
  orgSlug: string;
  warehouse: { id: string; name: string; priority: number };
}) {
  const fields = sticky([
    { name: 'name', label: 'Name', kind: 'text', required: true, defaultValue: warehouse.name },
    {
      name: 'priority',
      label: 'Allocation priority',
      kind: 'number',
      hint: 'Lower numbers allocate first',
      defaultValue: text(warehouse.priority),
    },
  ]);
  return (
    <ScanForm
      label="Edit warehouse"
      fields={fields}
      fixed={{ warehouseId: warehouse.id }}
      submitLabel="Save warehouse"
      run={(input: Input_) => updateWarehouseAction(orgSlug, input as never)}
      success={(d) => `Warehouse ${d.code} saved`}
    />
  );
}

export function EditBinForm({
  orgSlug,
  location,
}: {
  orgSlug: string;
  location: { id: string; type: string; zone: string | null; pickSequence: number };
}) {
  const fields = sticky([
    {
      name: 'type',
      label: 'Type',
      kind: 'select',
      options: LOCATION_TYPE_OPTIONS,
      defaultValue: location.type,
      hint: 'Quarantine: its stock stops being available at once',
    },
    { name: 'zone', label: 'Zone', kind: 'text', nullable: true, defaultValue: text(location.zone) },
    {
      name: 'pickSequence',
      label: 'Pick sequence',
      kind: 'number',
      defaultValue: text(location.pickSequence),
    },
  ]);
  return (
    <ScanForm
      label="Edit bin"
      fields={fields}
      fixed={{ locationId: location.id }}
      submitLabel="Save bin"
      run={(input: Input_) => updateLocationAction(orgSlug, input as never)}
      success={(d) => `Bin ${d.code} saved (${d.type})`}
    />
  );
}
