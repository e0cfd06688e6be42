/** The bin types as a form offers them (lib/warehouse/schemas.ts LOCATION_TYPES). */
export const LOCATION_TYPE_OPTIONS = [
  { value: 'PICK_FACE', label: 'Pick face' },
  { value: 'BULK', label: 'Bulk' },
  { value: 'RECEIVING', label: 'Receiving' },
  { value: 'QUARANTINE', label: 'Quarantine' },
  { value: 'RETURNS', label: 'Returns' },
] as const;
