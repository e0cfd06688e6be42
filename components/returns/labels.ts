// Display names for return reasons, dispositions and statuses (screens only).
import type { BadgeTone } from '@/components/ui/badge.tsx';

export const REASON_LABEL: Record<string, string> = {
  DAMAGED: 'Damaged',
  DEFECTIVE: 'Defective',
  WRONG_ITEM: 'Wrong item',
  NOT_AS_DESCRIBED: 'Not as described',
  NO_LONGER_NEEDED: 'No longer needed',
  OTHER: 'Other',
};

export const DISPOSITION_LABEL: Record<string, string> = {
  RESTOCK: 'Restock',
  QUARANTINE: 'Quarantine',
  SCRAP: 'Scrap',
};

export const RETURN_STATUS_LABEL: Record<string, string> = {
  REQUESTED: 'Requested',
  PARTLY_RECEIVED: 'Partly received',
  RECEIVED: 'Received',
  CLOSED: 'Closed',
};

export const RETURN_STATUS_TONE: Record<string, BadgeTone> = {
  REQUESTED: 'info',
  PARTLY_RECEIVED: 'warning',
  RECEIVED: 'success',
  CLOSED: 'neutral',
};

export const optionsOf = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));
