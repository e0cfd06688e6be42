import { JobProgress } from '@/components/ui/job-progress.tsx';
import type { RetentionOverview } from '@/lib/privacy/retention-overview.ts';

/**
 * The retention runs under way, live: done so far, and of how many (what it has done plus what is
 * still due now — both counted from live state).
 */
export function RetentionProgress({
  overview,
  labels,
  now,
}: {
  overview: RetentionOverview;
  labels: Record<string, string>;
  now: Date;
}) {
  return overview.rules.map((r) =>
    r.lastRun?.status === 'RUNNING' ? (
      <div key={r.rule} className="mb-4">
        <JobProgress
          title={`Running: ${labels[r.rule] ?? r.rule}`}
          state="active"
          done={r.lastRun.processed}
          total={r.lastRun.processed + r.dueNow}
          unit="rows"
          startedAt={r.lastRun.startedAt}
          now={now}
          testId="retention-progress"
        />
      </div>
    ) : null,
  );
}
