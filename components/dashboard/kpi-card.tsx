// One dashboard figure: its label, the number, a line of detail, and a link to the screen that
// lists the rows behind it.
import Link from 'next/link';
import type { ReactNode } from 'react';
import type { LucideIcon } from 'lucide-react';
import { ArrowRight } from 'lucide-react';
import { Card } from '@/components/ui/card.tsx';
import { cn } from '@/components/ui/cn.ts';

export interface KpiCardProps {
  /** Stable name for tests and analytics (data-kpi). */
  name: string;
  label: string;
  icon: LucideIcon;
  value: ReactNode;
  detail?: ReactNode;
  href: string;
  linkLabel: string;
  /** `attention`: the figure needs someone today (overdue orders, sync errors). */
  tone?: 'default' | 'attention';
}

export function KpiCard({ name, label, icon: Icon, value, detail, href, linkLabel, tone }: KpiCardProps) {
  return (
    <Card className="flex flex-col p-4" data-kpi={name}>
      <div className="flex items-center justify-between">
        <h2 className="text-sm font-medium text-ink-muted">{label}</h2>
        <Icon aria-hidden className="size-4 text-ink-subtle" />
      </div>
      <p
        className={cn(
          'mt-1 text-2xl font-semibold tabular-nums',
          tone === 'attention' ? 'text-red-700' : 'text-ink',
        )}
        data-kpi-value
      >
        {value}
      </p>
      {detail ? <p className="mt-0.5 text-[13px] text-ink-muted">{detail}</p> : null}
      <div className="mt-auto pt-3">
        <Link
          href={href}
          className="inline-flex items-center gap-1 text-sm font-medium text-accent-700 hover:underline"
        >
          {linkLabel}
          <ArrowRight aria-hidden className="size-3.5" />
        </Link>
      </div>
    </Card>
  );
}
