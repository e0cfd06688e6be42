// The operator console's platform evidence summary (privacy engine §8): per organization, the
// figures of its own compliance evidence that show whether the platform keeps its promises —
// earliest due date of un-anonymised PII, records past due, active order holds, the vault check,
// last retention runs, audit chain status, open incidents. Counts and dates only: never buyer PII, never member names.
// Each organization's figures are computed under its own RLS scope (computeComplianceEvidence);
// the list of organizations is the console's reviewed cross-tenant read.
import { listOrganizationsForOperator } from '../operators/list-organizations-for-operator.ts';
import { computeComplianceEvidence, type ComplianceEvidence } from './compliance-evidence.ts';

/** Organizations per page: each verifies its audit chain, so the page stays bounded. */
export const PLATFORM_EVIDENCE_PAGE = 25;
const CONCURRENCY = 4;

export interface PlatformEvidenceRow {
  organizationId: string;
  name: string;
  slug: string;
  status: 'ACTIVE' | 'SUSPENDED';
  piiRetentionDays: number;
  /** Days to the earliest due date of stored buyer PII (negative: overdue). */
  earliestDueInDays: number | null;
  recordsPastDue: number;
  heldByRestriction: number;
  activeHolds: number;
  recordsHoldingPii: number;
  vaultCheckOk: boolean;
  lastRuns: ComplianceEvidence['retention']['lastRuns'];
  chainOk: boolean;
  auditEvents: number;
  openIncidents: number;
  overdueIncidentDeadlines: number;
}

export interface PlatformEvidence {
  generatedAt: string;
  page: number;
  pages: number;
  organizations: number;
  rows: PlatformEvidenceRow[];
}

async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export async function getPlatformEvidence(now: Date, page = 1): Promise<PlatformEvidence> {
  const organizations = await listOrganizationsForOperator();
  const pages = Math.max(1, Math.ceil(organizations.length / PLATFORM_EVIDENCE_PAGE));
  const current = Math.min(Math.max(1, Math.floor(page)), pages);
  const slice = organizations.slice((current - 1) * PLATFORM_EVIDENCE_PAGE, current * PLATFORM_EVIDENCE_PAGE);
  const rows = await mapLimited(slice, CONCURRENCY, async (org): Promise<PlatformEvidenceRow> => {
    const e = await computeComplianceEvidence(org.id, now);
    return {
      organizationId: org.id,
      name: org.name,
      slug: org.slug,
      status: org.status,
      piiRetentionDays: e.retention.piiRetentionDays,
      earliestDueInDays: e.retention.earliestDueInDays,
      recordsPastDue: e.retention.recordsPastDue,
      heldByRestriction: e.retention.heldByRestriction,
      activeHolds: e.retention.holds.active,
      recordsHoldingPii: e.encryption.recordsHoldingPii,
      vaultCheckOk: e.encryption.vault.ok,
      lastRuns: e.retention.lastRuns,
      chainOk: e.audit.chainOk,
      auditEvents: e.audit.events,
      openIncidents: e.incidents.open,
      overdueIncidentDeadlines: e.incidents.overdueDeadlines,
    };
  });
  return { generatedAt: now.toISOString(), page: current, pages, organizations: organizations.length, rows };
}
