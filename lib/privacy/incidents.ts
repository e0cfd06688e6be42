// Incident register (privacy engine §8), kept by platform operators. Deadlines are derived from
// the detection time: containment 24 h, Amazon notification 24 h (when Amazon data is involved,
// Amazon DPP), regulator 72 h (when required, GDPR art. 33); affected people "without undue
// delay" (GDPR art. 34): when the incident is a high risk to them, the register holds it to 72 h
// as well, otherwise it is tracked as a milestone. A milestone's time is set once; the timeline is
// append-only. Merchants see the incidents that list their organization, and recording one
// notifies each listed organization's owners and admins at once (email and security webhook,
// lib/privacy/security-notifier.ts): the "merchants notified" milestone records when
// (docs/decisions/0015-security-alerts.md). The incident records how many data subjects are
// affected, as far as known.
// No buyer PII: scope is prose written by the operator, data is described by category.
// Closing an incident is writing its post-incident review (after containment). Every operator
// action is also recorded in the operator audit log (lib/operators/record-operator-event.ts).
import { z } from 'zod';
import { appDb } from '../db/client.ts';
import type { Prisma } from '../db/generated/prisma/client.ts';
import { AppError } from '../errors/app-error.ts';
import { recordOperatorEvent } from '../operators/record-operator-event.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { raiseSecurityEvent, type SecuritySeverity } from './security-notifier.ts';

const HOUR = 3600 * 1000;
export const INCIDENT_DEADLINE_HOURS = {
  containment: 24,
  amazon: 24,
  regulator: 72,
  dataSubjects: 72,
} as const;

export const INCIDENT_SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;

export const ZRecordIncidentInput = z.strictObject({
  title: z.string().trim().min(3).max(200),
  scope: z.string().trim().min(3).max(4000),
  detectedAt: z.coerce.date(),
  severity: z.enum(INCIDENT_SEVERITIES).default('MEDIUM'),
  affectedOrganizationIds: z
    .array(z.uuid())
    .max(1000)
    .default([])
    .transform((ids) => [...new Set(ids)]),
  dataCategories: z
    .array(z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, 'a category like buyer-address'))
    .max(30)
    .default([]),
  amazonDataInvolved: z.boolean().default(false),
  regulatorNotificationRequired: z.boolean().default(false),
  /** Buyers, users and other people affected, as far as known at recording (0 = none known). */
  affectedDataSubjects: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
  /** A high risk to their rights and freedoms: they must be told, within the register's deadline. */
  highRiskToDataSubjects: z.boolean().default(false),
});

export const INCIDENT_MILESTONES = [
  'contained',
  'amazon_notified',
  'regulator_notified',
  'affected_notified',
] as const;
export const ZIncidentMilestoneInput = z.strictObject({
  incidentId: z.uuid(),
  milestone: z.enum(INCIDENT_MILESTONES),
  at: z.coerce.date(),
  /** How and to whom a notification went (e.g. "Seller Central case 123"); optional. */
  note: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().max(500).optional()),
});
export const ZIncidentNoteInput = z.strictObject({
  incidentId: z.uuid(),
  entry: z.string().trim().min(1).max(2000),
});
export const ZIncidentReviewInput = z.strictObject({
  incidentId: z.uuid(),
  review: z.string().trim().min(10).max(20000),
});

const MILESTONE_COLUMN = {
  contained: 'containedAt',
  amazon_notified: 'amazonNotifiedAt',
  regulator_notified: 'regulatorNotifiedAt',
  affected_notified: 'affectedNotifiedAt',
} as const;

type IncidentRow = Prisma.IncidentGetPayload<object>;

/** Request metadata for the operator audit log. */
export interface OperatorMeta {
  ip?: string | null;
}

async function audit(
  operatorId: string,
  action: string,
  incidentId: string,
  meta: OperatorMeta,
  metadata: Record<string, string | string[]> = {},
) {
  await recordOperatorEvent({ operatorId, action, ip: meta.ip, metadata: { incidentId, ...metadata } });
}

export interface IncidentDeadline {
  name: 'containment' | 'amazon' | 'regulator' | 'data_subjects';
  dueAt: Date;
  doneAt: Date | null;
  overdue: boolean;
}

export function incidentDeadlines(incident: IncidentRow, now: Date): IncidentDeadline[] {
  const at = (hours: number) => new Date(incident.detectedAt.getTime() + hours * HOUR);
  const list: IncidentDeadline[] = [];
  const push = (name: IncidentDeadline['name'], dueAt: Date, doneAt: Date | null) =>
    list.push({ name, dueAt, doneAt, overdue: doneAt ? doneAt > dueAt : now > dueAt });
  push('containment', at(INCIDENT_DEADLINE_HOURS.containment), incident.containedAt);
  if (incident.amazonDataInvolved)
    push('amazon', at(INCIDENT_DEADLINE_HOURS.amazon), incident.amazonNotifiedAt);
  if (incident.regulatorNotificationRequired)
    push('regulator', at(INCIDENT_DEADLINE_HOURS.regulator), incident.regulatorNotifiedAt);
  if (incident.highRiskToDataSubjects)
    push('data_subjects', at(INCIDENT_DEADLINE_HOURS.dataSubjects), incident.affectedNotifiedAt);
  return list;
}

const timelineOf = (row: IncidentRow) =>
  Array.isArray(row.timeline) ? (row.timeline as Prisma.JsonArray) : [];

export async function recordIncident(
  operatorId: string,
  input: z.input<typeof ZRecordIncidentInput>,
  now: Date,
  meta: OperatorMeta = {},
) {
  const data = ZRecordIncidentInput.parse(input);
  if (data.detectedAt > now) throw new AppError('BAD_REQUEST', 'detection time is in the future');
  const incident = await appDb().incident.create({
    data: {
      ...data,
      createdByOperatorId: operatorId,
      timeline: [
        { at: now.toISOString(), operatorId, entry: `detected at ${data.detectedAt.toISOString()}` },
      ],
    },
  });
  await audit(operatorId, 'incident.recorded', incident.id, meta, {
    severity: data.severity,
    affectedOrganizationIds: data.affectedOrganizationIds.slice(0, 50),
  });
  if (incident.affectedOrganizationIds.length === 0) return incident;
  return notifyAffectedMerchants(operatorId, incident, now, meta);
}

const ALERT_SEVERITY: Record<IncidentRow['severity'], SecuritySeverity> = {
  LOW: 'low',
  MEDIUM: 'medium',
  HIGH: 'high',
  CRITICAL: 'high',
};

/**
 * Tells each listed organization's owners and admins (email and its security webhook; the
 * notifier never throws) and records the "merchants notified" milestone with its time. Each
 * organization learns only about itself: no other organization, no operator, no data-subject count.
 */
async function notifyAffectedMerchants(
  operatorId: string,
  incident: IncidentRow,
  now: Date,
  meta: OperatorMeta,
): Promise<IncidentRow> {
  const categories = incident.dataCategories.join(', ') || 'not yet known';
  for (const organizationId of incident.affectedOrganizationIds) {
    await raiseSecurityEvent({
      organizationId,
      action: 'incident.merchant_notified',
      severity: ALERT_SEVERITY[incident.severity],
      metadata: { incidentId: incident.id, incidentSeverity: incident.severity },
      summary:
        `Packline recorded a security incident that concerns your organization: "${incident.title}" ` +
        `(severity ${incident.severity.toLowerCase()}, detected ${incident.detectedAt.toISOString()}). ` +
        `Data categories involved: ${categories}. Its details, deadlines and progress are on ` +
        `Settings → Security → Incidents; we will keep them up to date.`,
    });
  }
  const count = incident.affectedOrganizationIds.length;
  const row = await appDb().incident.update({
    where: { id: incident.id },
    data: {
      merchantsNotifiedAt: now,
      timeline: [
        ...timelineOf(incident),
        {
          at: now.toISOString(),
          operatorId: null,
          entry: `merchants notified: owners and admins of ${count} organization(s) (email; security webhook where configured)`,
        },
      ],
    },
  });
  await audit(operatorId, 'incident.merchants_notified', incident.id, meta, {
    organizations: String(count),
  });
  return row;
}

async function load(incidentId: string): Promise<IncidentRow> {
  const row = await appDb().incident.findUnique({ where: { id: incidentId } });
  if (!row) throw new AppError('NOT_FOUND', 'incident not found');
  return row;
}

export async function recordIncidentMilestone(
  operatorId: string,
  input: z.input<typeof ZIncidentMilestoneInput>,
  now: Date,
  meta: OperatorMeta = {},
) {
  const { incidentId, milestone, at, note } = ZIncidentMilestoneInput.parse(input);
  if (at > now) throw new AppError('BAD_REQUEST', 'the time is in the future');
  const row = await load(incidentId);
  if (row.reviewCompletedAt) throw new AppError('CONFLICT', 'the incident is closed');
  if (at < row.detectedAt) throw new AppError('BAD_REQUEST', 'before the incident was detected');
  const column = MILESTONE_COLUMN[milestone];
  // Set once: the conditional update makes two concurrent recordings of one milestone a conflict.
  const entry = `${milestone} at ${at.toISOString()}${note ? ` — ${note}` : ''}`;
  const { count } = await appDb().incident.updateMany({
    where: { id: incidentId, [column]: null, updatedAt: row.updatedAt },
    data: {
      [column]: at,
      timeline: [...timelineOf(row), { at: now.toISOString(), operatorId, entry }],
    },
  });
  if (count === 0) throw new AppError('CONFLICT', `${milestone.replace('_', ' ')} is already recorded`);
  await audit(operatorId, 'incident.milestone_recorded', incidentId, meta, { milestone });
  return load(incidentId);
}

export async function addIncidentNote(
  operatorId: string,
  input: z.input<typeof ZIncidentNoteInput>,
  now: Date,
  meta: OperatorMeta = {},
) {
  const { incidentId, entry } = ZIncidentNoteInput.parse(input);
  const row = await load(incidentId);
  const { count } = await appDb().incident.updateMany({
    where: { id: incidentId, updatedAt: row.updatedAt },
    data: { timeline: [...timelineOf(row), { at: now.toISOString(), operatorId, entry }] },
  });
  if (count === 0) throw new AppError('CONFLICT', 'the incident changed meanwhile; try again');
  await audit(operatorId, 'incident.note_added', incidentId, meta);
  return load(incidentId);
}

/** Closes the incident: only with its post-incident review, and only once it is contained. */
export async function completeIncidentReview(
  operatorId: string,
  input: z.input<typeof ZIncidentReviewInput>,
  now: Date,
  meta: OperatorMeta = {},
) {
  const { incidentId, review } = ZIncidentReviewInput.parse(input);
  const row = await load(incidentId);
  if (!row.containedAt)
    throw new AppError('CONFLICT', 'contain the incident before the post-incident review');
  const { count } = await appDb().incident.updateMany({
    where: { id: incidentId, reviewCompletedAt: null, updatedAt: row.updatedAt },
    data: {
      review,
      reviewCompletedAt: now,
      timeline: [
        ...timelineOf(row),
        { at: now.toISOString(), operatorId, entry: 'closed with the post-incident review' },
      ],
    },
  });
  if (count === 0) throw new AppError('CONFLICT', 'the incident is already closed');
  await audit(operatorId, 'incident.closed', incidentId, meta);
  return load(incidentId);
}

const withDeadlines = (row: IncidentRow, now: Date) => ({
  ...row,
  timeline: timelineOf(row) as Array<{ at: string; operatorId: string | null; entry: string }>,
  deadlines: incidentDeadlines(row, now),
  open: !row.reviewCompletedAt,
});

/** Operator console: one incident with its deadlines and timeline. */
export async function getIncident(incidentId: string, now: Date) {
  if (!z.uuid().safeParse(incidentId).success) throw new AppError('NOT_FOUND', 'incident not found');
  return withDeadlines(await load(incidentId), now);
}

/** Operator console: every incident with its deadlines, open ones first. */
export async function listIncidents(now: Date) {
  const rows = await appDb().incident.findMany({
    orderBy: [{ reviewCompletedAt: { sort: 'desc', nulls: 'first' } }, { detectedAt: 'desc' }],
    take: 200,
  });
  return rows.map((row) => withDeadlines(row, now));
}

/**
 * The incidents that list one organization, as that organization may see them: no other
 * organization's ids, no operator ids, no timeline (it names operators). Also read by the
 * organization's compliance evidence (open ones only).
 */
export async function incidentsConcerning(
  organizationId: string,
  now: Date,
  options: { openOnly?: boolean } = {},
) {
  const rows = await appDb().incident.findMany({
    where: {
      affectedOrganizationIds: { has: organizationId },
      ...(options.openOnly ? { reviewCompletedAt: null } : {}),
    },
    orderBy: { detectedAt: 'desc' },
    take: 100,
  });
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    scope: row.scope,
    severity: row.severity,
    detectedAt: row.detectedAt,
    dataCategories: row.dataCategories,
    containedAt: row.containedAt,
    amazonNotifiedAt: row.amazonNotifiedAt,
    regulatorNotifiedAt: row.regulatorNotifiedAt,
    affectedNotifiedAt: row.affectedNotifiedAt,
    merchantsNotifiedAt: row.merchantsNotifiedAt,
    highRiskToDataSubjects: row.highRiskToDataSubjects,
    reviewCompletedAt: row.reviewCompletedAt,
    deadlines: incidentDeadlines(row, now),
  }));
}

/** A merchant's view: the incidents that list this organization. */
export async function listIncidentsForOrganization(ctx: TenantContext, now: Date) {
  assertPermission(ctx, 'security.read');
  return incidentsConcerning(ctx.organizationId, now);
}
