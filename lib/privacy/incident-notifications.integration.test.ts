// Breach notification: recording an incident that lists organizations tells each one's owners and
// admins at once (email, security webhook) and records the "merchants notified" milestone with its
// time; the incident records its affected data subjects, and a high-risk incident gets a 72 h
// "affected people notified" deadline. Unlisted organizations hear nothing; no organization learns
// about another, and the operator's scope prose and the data-subject count stay in the register.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { appDb } from '../db/client.ts';
import { Prisma } from '../db/generated/prisma/client.ts';
import { systemDb } from '../db/system.ts';
import { setEmailTransportForTests, type TEmailMessage } from '../email/send-email.ts';
import { closeQueues } from '../jobs/queues.ts';
import { createOperator } from '../operators/create-operator.ts';
import { userContext } from '../tenancy/tenant-context.ts';
import { createOrganizationWithAdmins } from '../../tests/factories/security.ts';
import {
  getIncident,
  incidentDeadlines,
  listIncidentsForOrganization,
  recordIncident,
  recordIncidentMilestone,
} from './incidents.ts';

const H = 3600 * 1000;
const sent: TEmailMessage[] = [];

beforeAll(() => setEmailTransportForTests({ send: async (m) => void sent.push(m) }));
afterAll(async () => {
  setEmailTransportForTests(undefined);
  await closeQueues();
});

const newOperator = async () =>
  (await createOperator({ email: `ops-${randomUUID()}@packline.test` }, { cost: 4 })).operatorId;

describe('breach notification', () => {
  it('notifies the listed organizations’ owners and admins by email and webhook, and records when', async () => {
    const operatorId = await newOperator();
    const a = await createOrganizationWithAdmins({ name: `Alpha ${randomUUID()}` });
    const b = await createOrganizationWithAdmins({ name: `Bravo ${randomUUID()}` });
    const c = await createOrganizationWithAdmins({ name: `Charlie ${randomUUID()}` });
    const detectedAt = new Date(Date.now() - 2 * H);
    const now = new Date(detectedAt.getTime() + H);
    sent.length = 0;
    const scope = 'Support export 7731 with order ids was shared with the wrong merchant.';
    const incident = await recordIncident(
      operatorId,
      {
        title: 'Misdirected support export',
        scope,
        detectedAt,
        severity: 'CRITICAL',
        affectedOrganizationIds: [a.org.id, b.org.id],
        dataCategories: ['buyer-address', 'order-ids'],
        affectedDataSubjects: 1234,
        highRiskToDataSubjects: true,
      },
      now,
    );

    expect(incident.merchantsNotifiedAt).toEqual(now);
    expect(incident.affectedDataSubjects).toBe(1234);
    const stored = await getIncident(incident.id, now);
    expect(stored.merchantsNotifiedAt).toEqual(now);
    expect(stored.timeline.map((e) => e.entry)).toContainEqual(
      expect.stringMatching(/^merchants notified: owners and admins of 2 organization\(s\)/),
    );

    const to = sent
      .filter((m) => m.kind === 'security.alert')
      .map((m) => m.to)
      .sort();
    expect(to).toEqual([a.owner.email, a.admin.email, b.owner.email, b.admin.email].sort());
    expect(
      sent.every((m) => m.subject === 'Packline security alert (high): incident.merchant_notified'),
    ).toBe(true);
    expect(sent[0]!.text).toContain('Misdirected support export');
    const everything = JSON.stringify(sent);
    for (const hidden of [
      scope,
      '1234',
      a.org.name,
      b.org.name,
      c.org.name,
      a.org.id,
      b.org.id,
      operatorId,
    ]) {
      expect(everything).not.toContain(hidden);
    }

    const deliveries = await systemDb().securityWebhookDelivery.findMany({
      where: { action: 'incident.merchant_notified' },
      select: { organizationId: true, severity: true },
    });
    expect(deliveries.map((d) => d.organizationId).sort()).toEqual([a.org.id, b.org.id].sort());
    expect(deliveries.every((d) => d.severity === 'high')).toBe(true);

    // Each organization's Security events screen data has its own notice.
    const notices = await appDb().securityEvent.findMany({
      where: {
        action: 'incident.merchant_notified',
        metadata: { path: ['incidentId'], equals: incident.id },
      },
      select: { metadata: true },
    });
    expect(notices.map((n) => (n.metadata as { organizationId: string }).organizationId).sort()).toEqual(
      [a.org.id, b.org.id].sort(),
    );

    const operatorEvents = await appDb().operatorAuditEvent.findMany({
      where: { operatorId, action: 'incident.merchants_notified' },
    });
    expect(operatorEvents).toHaveLength(1);

    // The merchant sees when it was notified; an unlisted merchant sees nothing.
    const asA = userContext({ organizationId: a.org.id, userId: a.admin.id, role: 'ADMIN' });
    const [seen] = await listIncidentsForOrganization(asA, now);
    expect(seen).toMatchObject({ id: incident.id, merchantsNotifiedAt: now, highRiskToDataSubjects: true });
    expect(seen).not.toHaveProperty('affectedDataSubjects');
    const asC = userContext({ organizationId: c.org.id, userId: c.admin.id, role: 'ADMIN' });
    expect(await listIncidentsForOrganization(asC, now)).toEqual([]);
  });

  it('a high-risk incident must tell the affected people within 72 h; a low-risk one has no such deadline', async () => {
    const operatorId = await newOperator();
    const detectedAt = new Date('2026-10-01T08:00:00.000Z');
    const t = (hours: number) => new Date(detectedAt.getTime() + hours * H);
    sent.length = 0;
    const high = await recordIncident(
      operatorId,
      {
        title: 'Stolen laptop',
        scope: 'A laptop with a packing-slip cache was stolen.',
        detectedAt,
        affectedDataSubjects: 40,
        highRiskToDataSubjects: true,
      },
      t(1),
    );
    // No organization listed: nobody to notify, no milestone.
    expect(high.merchantsNotifiedAt).toBeNull();
    expect(sent).toEqual([]);
    const dataSubjects = (now: Date, row = high) =>
      incidentDeadlines(row, now).find((d) => d.name === 'data_subjects');
    expect(dataSubjects(t(71))).toMatchObject({ dueAt: t(72), doneAt: null, overdue: false });
    expect(dataSubjects(t(73))).toMatchObject({ overdue: true });
    const told = await recordIncidentMilestone(
      operatorId,
      { incidentId: high.id, milestone: 'affected_notified', at: t(70) },
      t(73),
    );
    expect(dataSubjects(t(100), told)).toMatchObject({ doneAt: t(70), overdue: false });

    const low = await recordIncident(
      operatorId,
      {
        title: 'Phishing attempt',
        scope: 'A phishing email reached two operators; nobody clicked.',
        detectedAt,
      },
      t(1),
    );
    expect(low.affectedDataSubjects).toBe(0);
    expect(incidentDeadlines(low, t(100)).map((d) => d.name)).toEqual(['containment']);
  });

  it('refuses a negative or fractional number of data subjects, in the schema and in the database', async () => {
    const operatorId = await newOperator();
    const input = { title: 'Bad count', scope: 'Count check.', detectedAt: new Date(Date.now() - H) };
    await expect(
      recordIncident(operatorId, { ...input, affectedDataSubjects: -1 }, new Date()),
    ).rejects.toBeInstanceOf(ZodError);
    await expect(
      recordIncident(operatorId, { ...input, affectedDataSubjects: 2.5 }, new Date()),
    ).rejects.toBeInstanceOf(ZodError);
    const row = await recordIncident(operatorId, input, new Date());
    await expect(
      appDb().incident.update({ where: { id: row.id }, data: { affectedDataSubjects: -5 } }),
    ).rejects.toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
  });
});
