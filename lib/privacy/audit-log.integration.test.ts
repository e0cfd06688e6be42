// The audit screen's query: filters by actor, action (exact or prefix), target and date; CSV
// export of the filtered rows neutralises formula cells; audit.read required.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { withTenant } from '../db/tenant.ts';
import { createOrganization } from '../../tests/factories.ts';
import { memberContext } from '../../tests/helpers/contexts.ts';
import { exportAuditEventsCsv, listAuditEvents } from './audit-log.ts';

describe('audit log screen query', () => {
  it('filters by actor, action, target and date, and exports formula-safe CSV', async () => {
    const org = await createOrganization();
    const manager = await memberContext(org.id, 'MANAGER');
    const actor = randomUUID();
    const add = (action: string, targetId: string, actorId: string | null = null) =>
      withTenant(org.id, (tx) =>
        recordAuditEvent(tx, {
          organizationId: org.id,
          actorType: 'USER',
          actorId,
          action,
          targetType: 'thing',
          targetId,
        }),
      );
    await add('pii.read', 'a');
    await add('pii.searched', 'b', actor);
    await add('member.removed', '=HYPERLINK("http://evil")', actor);

    const actions = async (filter: Parameters<typeof listAuditEvents>[1]) =>
      (await listAuditEvents(manager, filter)).rows.map((r) => r.action);
    expect(await actions({ action: 'pii.' })).toEqual(['pii.searched', 'pii.read']);
    expect(await actions({ action: 'pii.read' })).toEqual(['pii.read']);
    expect(await actions({ actorId: actor })).toEqual(['member.removed', 'pii.searched']);
    expect(await actions({ targetType: 'thing', targetId: 'b' })).toEqual(['pii.searched']);
    const today = new Date().toISOString().slice(0, 10);
    expect(await actions({ from: today, to: today, action: 'pii.' })).toHaveLength(2);
    expect(await actions({ to: '2000-01-01' })).toEqual([]);
    await expect(listAuditEvents(manager, { actorId: 'nope' })).rejects.toThrow(/actor must be an id/);

    const { csv, rows } = await exportAuditEventsCsv(manager, { actorId: actor });
    expect(rows).toBe(2);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv).not.toMatch(/(^|,)"=/m);

    const viewer = await memberContext(org.id, 'VIEWER');
    await expect(listAuditEvents(viewer, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
