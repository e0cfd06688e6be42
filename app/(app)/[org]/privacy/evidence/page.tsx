import type { Metadata } from 'next';
import Link from 'next/link';
import { requireTenant } from '@/lib/auth/require-tenant.ts';
import { evidenceFigures, getComplianceEvidence, HOLD_LABELS } from '@/lib/privacy/compliance-evidence.ts';
import { PrintButton } from './print-button.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Compliance evidence report' };

const DEADLINES = {
  containment: 'Containment',
  amazon: 'Amazon notified',
  regulator: 'Regulator notified',
  data_subjects: 'Affected people notified',
};
const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

// Print only the report: everything else on the page (the app shell) is hidden on paper.
const PRINT_CSS = `
@media print {
  @page { margin: 16mm; }
  body * { visibility: hidden; }
  #evidence-report, #evidence-report * { visibility: visible; }
  #evidence-report { position: absolute; inset: 0 auto auto 0; width: 100%; }
  #evidence-report [data-print-hide] { display: none; }
  #evidence-report tr { break-inside: avoid; }
}`;

// The printable compliance evidence report (privacy engine §9): every figure from live state, the
// open incidents with their deadlines, and when it was generated. Same figures as the JSON export.
export default async function ComplianceEvidenceReportPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const tenant = await requireTenant(slug, 'privacy.manage');
  const evidence = await getComplianceEvidence(tenant.ctx, new Date());
  const figures = evidenceFigures(evidence);
  return (
    <article id="evidence-report" className="mx-auto max-w-3xl space-y-6 bg-surface text-ink">
      <style>{PRINT_CSS}</style>
      <div data-print-hide className="flex flex-wrap items-center gap-4 text-sm">
        <Link href={`/${tenant.organization.slug}/privacy`} className="text-accent-700 hover:underline">
          ← Privacy
        </Link>
        <PrintButton />
      </div>
      <header>
        <h1 className="text-xl font-semibold">Compliance evidence — {tenant.organization.name}</h1>
        <p className="text-sm text-ink-muted">
          Generated {utc(evidence.generatedAt)} from live state · organization {evidence.organizationId}
        </p>
      </header>
      <table className="w-full border-collapse text-sm" aria-label="Evidence figures">
        <thead>
          <tr className="border-b border-line-strong text-left">
            <th className="py-1.5 pr-4 font-medium">Figure</th>
            <th className="py-1.5 pr-4 font-medium">Value</th>
            <th className="py-1.5 font-medium">Status</th>
          </tr>
        </thead>
        <tbody>
          {figures.map((f) => (
            <tr key={f.key} data-testid={`report-${f.key}`} className="border-b border-line align-top">
              <td className="py-1.5 pr-4">{f.label}</td>
              <td className="py-1.5 pr-4 font-medium">{f.value}</td>
              <td className={f.ok ? 'py-1.5 text-emerald-700' : 'py-1.5 font-semibold text-red-700'}>
                {f.ok ? 'OK' : 'ATTENTION'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <section>
        <h2 className="mb-2 text-base font-semibold">Active order holds</h2>
        {evidence.retention.holds.items.length === 0 ? (
          <p className="text-sm text-ink-muted">No order is held past its normal due date.</p>
        ) : (
          <ul className="space-y-1 text-sm" data-testid="report-hold-items">
            {evidence.retention.holds.items.map((h) => (
              <li key={`${h.orderId}-${h.kind}`}>
                Order {h.order} — {HOLD_LABELS[h.kind]} since {utc(h.placedAt)} · buyer data due{' '}
                {h.piiDueAt ? utc(h.piiDueAt) : 'when released'}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h2 className="mb-2 text-base font-semibold">Open incidents and deadlines</h2>
        {evidence.incidents.items.length === 0 ? (
          <p className="text-sm text-ink-muted">No open incident concerns this organization.</p>
        ) : (
          <ul className="space-y-2 text-sm">
            {evidence.incidents.items.map((i) => (
              <li key={i.id}>
                <span className="font-medium">{i.title}</span> ({i.severity.toLowerCase()}), detected{' '}
                {utc(i.detectedAt)}:{' '}
                {i.deadlines
                  .map(
                    (d) =>
                      `${DEADLINES[d.name]} due ${utc(d.dueAt)} — ${
                        d.doneAt ? `done ${utc(d.doneAt)}` : d.overdue ? 'OVERDUE' : 'pending'
                      }`,
                  )
                  .join('; ')}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
