'use client';

// Shipments per carrier over the dashboard's days: horizontal bars drawn with visx, server-rendered
// into the page's HTML as a client component for the reason daily-chart.tsx gives
// (docs/decisions/0026-chart-library.md), with the figures as a table for screen readers.
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar } from '@visx/shape';
import { CHART_WIDTH, chartArea, formatCount } from './chart-frame.ts';
import { ChartTable } from './chart-table.tsx';

const ROW = 32;
const MARGIN = { top: 4, right: 48, bottom: 4, left: 170 };

export interface CarrierFigure {
  name: string;
  count: number;
}

export function CarrierChart({ carriers, title }: { carriers: readonly CarrierFigure[]; title: string }) {
  const height = MARGIN.top + MARGIN.bottom + ROW * Math.max(1, carriers.length);
  const { innerWidth, innerHeight } = chartArea(height, MARGIN);
  const y = scaleBand<string>({ domain: carriers.map((c) => c.name), range: [0, innerHeight], padding: 0.3 });
  const x = scaleLinear<number>({
    domain: [0, Math.max(1, ...carriers.map((c) => c.count))],
    range: [0, innerWidth],
  });
  return (
    <figure>
      <svg
        viewBox={`0 0 ${CHART_WIDTH} ${height}`}
        role="img"
        aria-label={title}
        className="h-auto w-full"
        data-chart="carriers"
      >
        <Group left={MARGIN.left} top={MARGIN.top}>
          {carriers.map((c) => {
            const top = y(c.name) ?? 0;
            return (
              <g key={c.name}>
                <text
                  x={-10}
                  y={top + y.bandwidth() / 2}
                  textAnchor="end"
                  dominantBaseline="middle"
                  className="fill-ink-muted text-[13px]"
                >
                  {c.name}
                </text>
                <Bar
                  x={0}
                  y={top}
                  width={Math.max(2, x(c.count))}
                  height={y.bandwidth()}
                  rx={3}
                  className="fill-accent-500"
                />
                <text
                  x={Math.max(2, x(c.count)) + 6}
                  y={top + y.bandwidth() / 2}
                  dominantBaseline="middle"
                  className="fill-ink text-[13px] tabular-nums"
                >
                  {formatCount(c.count)}
                </text>
              </g>
            );
          })}
        </Group>
      </svg>
      <ChartTable
        caption={title}
        columns={['Carrier', 'Shipments']}
        rows={carriers.map((c) => ({ label: c.name, values: [c.count] }))}
      />
    </figure>
  );
}
