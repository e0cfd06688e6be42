import { estimateRemainingMs } from '@/lib/jobs/job-progress.ts';
import { AutoRefresh } from './auto-refresh.tsx';

const time = new Intl.DateTimeFormat('en-GB', { timeStyle: 'medium', timeZone: 'UTC' });

function duration(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

export interface JobProgressProps {
  /** What runs, e.g. "Re-encrypting buyer details". */
  title: string;
  state: 'waiting' | 'delayed' | 'active';
  phase?: string | null;
  done: number;
  /** Unknown totals show a count, never a made-up bar or ETA. */
  total: number | null;
  /** What is counted, e.g. "rows", "orders". */
  unit: string;
  startedAt: Date | null;
  now: Date;
  testId?: string;
}

/**
 * A long job's progress on the screen that started it: phase, done of total, started, ETA where
 * honest. Renders AutoRefresh, so the page re-renders every few seconds while the panel is shown.
 */
export function JobProgress({
  title,
  state,
  phase,
  done,
  total,
  unit,
  startedAt,
  now,
  testId = 'job-progress',
}: JobProgressProps) {
  const eta = estimateRemainingMs({ done, total, startedAt }, now);
  const stateText =
    state === 'waiting'
      ? 'waiting for a worker'
      : state === 'delayed'
        ? "paused (Amazon's rate limit)"
        : null;
  return (
    <div role="status" aria-live="polite" className="space-y-1 text-sm" data-testid={testId}>
      <AutoRefresh />
      <p className="font-medium">
        {title}
        {phase ? <span className="text-ink-muted"> · {phase}</span> : null}
        {stateText ? <span className="text-ink-muted"> · {stateText}</span> : null}
      </p>
      {total !== null ? (
        // The native element: no inline style (the CSP allows none).
        <progress
          className="h-2 w-full overflow-hidden rounded [&::-moz-progress-bar]:bg-accent-500 [&::-webkit-progress-bar]:bg-zinc-100 [&::-webkit-progress-value]:bg-accent-500"
          value={Math.min(done, total)}
          max={Math.max(total, 1)}
        >
          {done} of {total}
        </progress>
      ) : null}
      <p className="text-xs text-ink-muted" data-testid={`${testId}-text`}>
        {total !== null ? `${done} of ${total} ${unit}` : `${done} ${unit} so far`}
        {startedAt ? ` · started ${time.format(startedAt)} UTC` : ''}
        {eta !== null ? ` · about ${duration(eta)} left` : ''}
      </p>
    </div>
  );
}
