'use client';

// Orders (bars) and shipments (line) per day over the dashboard's days: SVG drawn with visx
// (docs/decisions/0026-chart-library.md), server-rendered into the page's HTML, with the same
// figures as a table for screen readers. A client component so that the SVG is rendered in one
// piece from its props: streamed from the server component payload, React may split a large SVG
// into segments whose hidden containers carry style="display:none", which the CSP blocks.
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar, LinePath } from '@visx/shape';
import type { DayFigures } from '@/lib/dashboard/get-dashboard.ts';
import { CHART_WIDTH, chartArea, formatCount } from './chart-frame.ts';
import { ChartTable } from './chart-table.tsx';

const HEIGHT = 220;
const MARGIN = { top: 12, right: 12, bottom: 28, left: 40 };

/** "7 Dec" for a YYYY-MM-DD calendar day (no time zone involved: it is already the local day). */
export function shortDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!)).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
}

export function DailyChart({ days, title }: { days: readonly DayFigures[]; title: string }) {
  const { innerWidth, innerHeight } = chartArea(HEIGHT, MARGIN);
  const x = scaleBand<string>({ domain: days.map((d) => d.day), range: [0, innerWidth], padding: 0.3 });
  const max = Math.max(1, ...days.flatMap((d) => [d.orders, d.shipments]));
  const y = scaleLinear<number>({ domain: [0, max], range: [innerHeight, 0], nice: true });
  const ticks = y.ticks(4).filter((t) => Number.isInteger(t));
  const band = x.bandwidth();
  const centre = (d: DayFigures) => (x(d.day) ?? 0) + band / 2;
  // A label every seventh day, counted back from today so that today is labelled.
  const labelled = days.filter((_, i) => (days.length - 1 - i) % 7 === 0);

  return (
    <figure>
      <svg
        viewBox={`0 0 ${CHART_WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={title}
        className="h-auto w-full"
        data-chart="daily"
      >
        <Group left={MARGIN.left} top={MARGIN.top}>
          {ticks.map((t) => (
            <g key={t}>
              <line x1={0} x2={innerWidth} y1={y(t)} y2={y(t)} className="stroke-line" />
              <text
                x={-8}
                y={y(t)}
                textAnchor="end"
                dominantBaseline="middle"
                className="fill-ink-subtle text-[11px] tabular-nums"
              >
                {formatCount(t)}
              </text>
            </g>
          ))}
          {days.map((d) => (
            <Bar
              key={d.day}
              x={x(d.day)}
              y={y(d.orders)}
              width={band}
              height={innerHeight - y(d.orders)}
              className="fill-accent-200"
              data-day={d.day}
            />
          ))}
          <LinePath
            data={[...days]}
            x={centre}
            y={(d) => y(d.shipments)}
            className="fill-none stroke-accent-700"
            strokeWidth={2}
          />
          {days.map((d) => (
            <circle key={d.day} cx={centre(d)} cy={y(d.shipments)} r={2.5} className="fill-accent-700" />
          ))}
          {labelled.map((d) => (
            <text
              key={d.day}
              x={centre(d)}
              y={innerHeight + 18}
              textAnchor="middle"
              className="fill-ink-subtle text-[11px]"
            >
              {shortDay(d.day)}
            </text>
          ))}
        </Group>
      </svg>
      <figcaption className="mt-2 flex gap-4 text-xs text-ink-muted">
        <span className="flex items-center gap-1.5">
          <span aria-hidden className="size-2.5 rounded-sm bg-accent-200" />
          Orders
        </span>
        <span className="flex items-center gap-1.5">
          <span aria-hidden className="h-0.5 w-3 bg-accent-700" />
          Shipments
        </span>
      </figcaption>
      <ChartTable
        caption={title}
        columns={['Day', 'Orders', 'Shipments']}
        rows={days.map((d) => ({ label: shortDay(d.day), values: [d.orders, d.shipments] }))}
      />
    </figure>
  );
}
