// Incident register: derived deadlines (24 h / 24 h / 72 h) with overdue flags, milestones set
// once, append-only timeline, review after containment (closing), merchants see only their
// incidents, every operator action in the operator audit log.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { appDb } from '../db/client.ts';
import { createOperator } from '../operators/create-operator.ts';
import { createOrganization } from '../../tests/factories.ts';
import { memberContext } from '../../tests/helpers/contexts.ts';
import {
  addIncidentNote,
  completeIncidentReview,
  listIncidents,
  listIncidentsForOrganization,
  recordIncident,
  recordIncidentMilestone,
} from './incidents.ts';
import { expectInvalidInput } from '../../tests/helpers/expect-error.ts';

const H = 3600 * 1000;
const newOperator = async () =>
  (await createOperator({ email: `ops-${randomUUID()}@packline.test` }, { cost: 4 })).operatorId;

describe('incident register', () => {
  it('derives deadlines from detection, flags overdue ones, records milestones once and the review', async () => {
    const operatorId = await newOperator();
    const affected = await createOrganization();
    const other = await createOrganization();
    const detectedAt = new Date('2027-04-01T08:00:00.000Z');
    const t = (hours: number) => new Date(detectedAt.getTime() + hours * H);
    const incident = await recordIncident(
      operatorId,
      {
        title: 'Leaked support export',
        scope: 'A support export with order ids was shared by mistake.',
        detectedAt,
        affectedOrganizationIds: [affected.id, affected.id],
        dataCategories: ['buyer-address'],
        severity: 'HIGH',
        amazonDataInvolved: true,
        regulatorNotificationRequired: true,
      },
      t(1),
    );
    await recordIncidentMilestone(
      operatorId,
      { incidentId: incident.id, milestone: 'contained', at: t(20) },
      t(21),
    );
    expect(incident.affectedOrganizationIds).toEqual([affected.id]);
    await recordIncidentMilestone(
      operatorId,
      { incidentId: incident.id, milestone: 'amazon_notified', at: t(30), note: 'Seller Central case 42' },
      t(30),
    );
    await expect(
      recordIncidentMilestone(
        operatorId,
        { incidentId: incident.id, milestone: 'contained', at: t(22) },
        t(31),
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await addIncidentNote(
      operatorId,
      { incidentId: incident.id, entry: 'Recipients confirmed deletion.' },
      t(32),
    );

    const [listed] = (await listIncidents(t(80))).filter((i) => i.id === incident.id);
    expect(listed!.deadlines).toEqual([
      { name: 'containment', dueAt: t(24), doneAt: t(20), overdue: false },
      { name: 'amazon', dueAt: t(24), doneAt: t(30), overdue: true },
      { name: 'regulator', dueAt: t(72), doneAt: null, overdue: true },
    ]);
    expect(listed!.timeline.map((e) => e.entry)).toEqual([
      `detected at ${detectedAt.toISOString()}`,
      'merchants notified: owners and admins of 1 organization(s) (email; security webhook where configured)',
      `contained at ${t(20).toISOString()}`,
      `amazon_notified at ${t(30).toISOString()} — Seller Central case 42`,
      'Recipients confirmed deletion.',
    ]);
    expect(listed).toMatchObject({ severity: 'HIGH', open: true });

    await completeIncidentReview(
      operatorId,
      { incidentId: incident.id, review: 'Root cause: manual export. Fixed by removing it.' },
      t(90),
    );
    // Closed: no second close, no more milestones.
    await expect(
      completeIncidentReview(operatorId, { incidentId: incident.id, review: 'A second review text.' }, t(91)),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      recordIncidentMilestone(
        operatorId,
        { incidentId: incident.id, milestone: 'affected_notified', at: t(91) },
        t(91),
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const mine = await listIncidentsForOrganization(await memberContext(affected.id, 'ADMIN'), t(90));
    expect(mine.map((i) => i.id)).toEqual([incident.id]);
    expect(JSON.stringify(mine)).not.toContain(operatorId);
    expect(await listIncidentsForOrganization(await memberContext(other.id, 'ADMIN'), t(90))).toEqual([]);
    // Merchants without security.read do not see the register at all.
    await expect(
      listIncidentsForOrganization(await memberContext(affected.id, 'MANAGER'), t(90)),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const audit = await appDb().operatorAuditEvent.findMany({
      where: { operatorId, action: { startsWith: 'incident.' } },
      orderBy: { at: 'asc' },
    });
    expect(audit.map((a) => a.action)).toEqual([
      'incident.recorded',
      'incident.merchants_notified',
      'incident.milestone_recorded',
      'incident.milestone_recorded',
      'incident.note_added',
      'incident.closed',
    ]);
    expect(audit.every((a) => (a.metadata as { incidentId?: string }).incidentId === incident.id)).toBe(true);
  });

  it('refuses bad input with clear errors and a review before containment', async () => {
    const operatorId = await newOperator();
    const now = new Date();
    await expectInvalidInput(
      recordIncident(operatorId, { title: 'x', scope: 'too short?', detectedAt: now }, now),
      'title',
    );
    await expect(
      recordIncident(
        operatorId,
        { title: 'Future', scope: 'In the future', detectedAt: new Date(now.getTime() + H) },
        now,
      ),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const incident = await recordIncident(
      operatorId,
      { title: 'Open one', scope: 'Something happened', detectedAt: now },
      now,
    );
    await expect(
      completeIncidentReview(
        operatorId,
        { incidentId: incident.id, review: 'Not contained yet, though.' },
        now,
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
