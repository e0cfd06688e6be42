// Incident register (privacy engine §8), kept by platform operators. Deadlines are derived from
// the detection time: containment 24 h, Amazon notification 24 h (when Amazon data is involved,
// Amazon DPP), regulator 72 h (when required, GDPR art. 33); affected people "without undue
// delay" has no fixed deadline and is tracked as a milestone. A milestone's time is set once;
// the timeline is append-only. Merchants see the incidents that list their organization.
// No buyer PII: scope is prose written by the operator, data is described by category.
import { z } from 'zod';
import { appDb } from '../db/client.ts';
import type { Prisma } from '../db/generated/prisma/client.ts';
import { AppError } from '../errors/app-error.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';

const HOUR = 3600 * 1000;
export const INCIDENT_DEADLINE_HOURS = { containment: 24, amazon: 24, regulator: 72 } as const;

export const ZRecordIncidentInput = z.strictObject({
  title: z.string().trim().min(3).max(200),
  scope: z.string().trim().min(3).max(4000),
  detectedAt: z.coerce.date(),
  affectedOrganizationIds: z.array(z.uuid()).max(1000).default([]),
  dataCategories: z
    .array(z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, 'a category like buyer-address'))
    .max(30)
    .default([]),
  amazonDataInvolved: z.boolean().default(false),
  regulatorNotificationRequired: z.boolean().default(false),
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

export interface IncidentDeadline {
  name: 'containment' | 'amazon' | 'regulator';
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
  return list;
}

const timelineOf = (row: IncidentRow) =>
  Array.isArray(row.timeline) ? (row.timeline as Prisma.JsonArray) : [];

export async function recordIncident(
  operatorId: string,
  input: z.input<typeof ZRecordIncidentInput>,
  now: Date,
) {
  const data = ZRecordIncidentInput.parse(input);
  if (data.detectedAt > now) throw new AppError('BAD_REQUEST', 'detection time is in the future');
  return appDb().incident.create({
    data: {
      ...data,
      createdByOperatorId: operatorId,
      timeline: [{ at: now.toISOString(), operatorId, entry: 'incident recorded' }],
    },
  });
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
) {
  const { incidentId, milestone, at } = ZIncidentMilestoneInput.parse(input);
  if (at > now) throw new AppError('BAD_REQUEST', 'the time is in the future');
  const row = await load(incidentId);
  if (at < row.detectedAt) throw new AppError('BAD_REQUEST', 'before the incident was detected');
  const column = MILESTONE_COLUMN[milestone];
  if (row[column]) throw new AppError('CONFLICT', `${milestone.replace('_', ' ')} is already recorded`);
  return appDb().incident.update({
    where: { id: incidentId },
    data: {
      [column]: at,
      timeline: [
        ...timelineOf(row),
        { at: now.toISOString(), operatorId, entry: `${milestone} at ${at.toISOString()}` },
      ],
    },
  });
}

export async function addIncidentNote(
  operatorId: string,
  input: z.input<typeof ZIncidentNoteInput>,
  now: Date,
) {
  const { incidentId, entry } = ZIncidentNoteInput.parse(input);
  const row = await load(incidentId);
  return appDb().incident.update({
    where: { id: incidentId },
    data: { timeline: [...timelineOf(row), { at: now.toISOString(), operatorId, entry }] },
  });
}

export async function completeIncidentReview(
  operatorId: string,
  input: z.input<typeof ZIncidentReviewInput>,
  now: Date,
) {
  const { incidentId, review } = ZIncidentReviewInput.parse(input);
  const row = await load(incidentId);
  if (!row.containedAt)
    throw new AppError('CONFLICT', 'contain the incident before the post-incident review');
  return appDb().incident.update({
    where: { id: incidentId },
    data: {
      review,
      reviewCompletedAt: now,
      timeline: [
        ...timelineOf(row),
        { at: now.toISOString(), operatorId, entry: 'post-incident review completed' },
      ],
    },
  });
}

/** Operator console: every incident with its deadlines, open ones first. */
export async function listIncidents(now: Date) {
  const rows = await appDb().incident.findMany({
    orderBy: [{ reviewCompletedAt: { sort: 'desc', nulls: 'first' } }, { detectedAt: 'desc' }],
    take: 200,
  });
  return rows.map((row) => ({
    ...row,
    deadlines: incidentDeadlines(row, now),
    open: !row.reviewCompletedAt,
  }));
}

/** A merchant's view: the incidents that list this organization (no other organization's ids). */
export async function listIncidentsForOrganization(ctx: TenantContext, now: Date) {
  assertPermission(ctx, 'security.read');
  const rows = await appDb().incident.findMany({
    where: { affectedOrganizationIds: { has: ctx.organizationId } },
    orderBy: { detectedAt: 'desc' },
    take: 100,
  });
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    scope: row.scope,
    detectedAt: row.detectedAt,
    dataCategories: row.dataCategories,
    containedAt: row.containedAt,
    affectedNotifiedAt: row.affectedNotifiedAt,
    reviewCompletedAt: row.reviewCompletedAt,
    deadlines: incidentDeadlines(row, now),
  }));
}
