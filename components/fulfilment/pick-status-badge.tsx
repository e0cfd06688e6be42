import { Badge, type BadgeTone } from '@/components/ui/badge.tsx';

const TONE: Record<string, BadgeTone> = {
  OPEN: 'info',
  IN_PROGRESS: 'warning',
  COMPLETED: 'success',
  CANCELLED: 'neutral',
};

export function PickStatusBadge({ status }: { status: string }) {
  return <Badge tone={TONE[status]}>{status.replace('_', ' ')}</Badge>;
}
