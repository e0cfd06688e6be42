// Derived incident deadlines with overdue highlighting, shared by the register and an incident's page.
import { Badge } from '@/components/ui/badge.tsx';
import type { IncidentDeadline } from '@/lib/privacy/incidents.ts';

export const DEADLINE_LABELS: Record<IncidentDeadline['name'], string> = {
  containment: 'Containment (24 h)',
  amazon: 'Amazon notified (24 h)',
  regulator: 'Regulator notified (72 h)',
  data_subjects: 'Affected people notified (high risk, 72 h)',
};

export const utcTime = (d: Date | string) =>
  `${new Date(d).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export function DeadlineBadge({ deadline, now }: { deadline: IncidentDeadline; now: Date }) {
  const label = DEADLINE_LABELS[deadline.name];
  if (deadline.doneAt)
    return (
      <Badge tone={deadline.overdue ? 'danger' : 'success'} title={`done ${utcTime(deadline.doneAt)}`}>
        {label}: {deadline.overdue ? 'late' : 'met'}
      </Badge>
    );
  if (deadline.overdue)
    return (
      <Badge tone="danger" data-overdue="true">
        {label}: OVERDUE since {utcTime(deadline.dueAt)}
      </Badge>
    );
  const hours = Math.max(0, Math.floor((deadline.dueAt.getTime() - now.getTime()) / 3_600_000));
  return (
    <Badge tone="warning">
      {label}: due in {hours} h
    </Badge>
  );
}
