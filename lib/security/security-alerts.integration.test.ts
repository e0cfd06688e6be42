// Security alerts for unauthorised access attempts, end to end from the real flows: failed
// sign-ins and a lockout (signInWithPassword), MFA failures, a PII permission denial (the vault)
// and a reused API refresh token (issueApiTokens) record security events; each such event queues a
// `security.alert-scan` job, whose handler (scanSecurityEvent, run here as the worker would) emails
// the organization's owners and admins and queues its webhook delivery. Debounced per kind and
// subject; other organizations hear nothing; no password, buyer PII or email address in any alert.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../api-clients/create-api-client.ts';
import { issueApiTokens } from '../api-clients/issue-api-tokens.ts';
import { recordSecurityEvent } from '../auth/security-events.ts';
import { signInWithPassword } from '../auth/sign-in-with-password.ts';
import { appDb } from '../db/client.ts';
import { systemDb } from '../db/system.ts';
import { setEmailTransportForTests, type TEmailMessage } from '../email/send-email.ts';
import { AppError } from '../errors/app-error.ts';
import { closeQueues, getQueue } from '../jobs/queues.ts';
import { jobIdFor } from '../jobs/registry.ts';
import { readBuyerPii } from '../pii/read-buyer-pii.ts';
import { listOrganizationSecurityAlerts } from '../privacy/list-security-alerts.ts';
import { userContext } from '../tenancy/tenant-context.ts';
import { addMember, createUser, createUserWithPassword } from '../../tests/factories.ts';
import { createOrganizationWithAdmins } from '../../tests/factories/security.ts';
import { setTestEnv, snapshotTestEnv } from '../../tests/helpers/test-env.ts';
import { alertAction, scanSecurityEvent } from './detect-security-alerts.ts';
import { disconnectLimitsRedis } from '../redis/limits-redis.ts';

const CANARY_PASSWORD = 'canary-password-Zx81-never-in-an-alert';
const sent: TEmailMessage[] = [];
const restoreEnv = snapshotTestEnv();
let scanned = new Set<string>();

beforeAll(() => {
  setTestEnv({ SECURITY_ALERT_ACCOUNT_FAILURES: '3', SECURITY_ALERT_IP_FAILURES: '6' });
  setEmailTransportForTests({ send: async (m) => void sent.push(m) });
});

afterAll(async () => {
  setEmailTransportForTests(undefined);
  restoreEnv();
  await closeQueues();
  await disconnectLimitsRedis();
});

/** The worker's part: every security event not scanned yet goes through the alert scan. */
async function runAlertScans() {
  const events = await appDb().securityEvent.findMany({
    where: { action: { startsWith: 'auth.' } },
    orderBy: { at: 'asc' },
    select: { id: true },
  });
  const raised = [];
  for (const { id } of events.filter((e) => !scanned.has(e.id))) {
    scanned.add(id);
    raised.push(...(await scanSecurityEvent(id, { now: new Date() })));
  }
  return raised;
}

const recipients = (subjectPart: string) =>
  sent
    .filter((m) => m.kind === 'security.alert' && m.subject.includes(subjectPart))
    .map((m) => m.to)
    .sort();

const deliveriesOf = (organizationId: string, action: string) =>
  systemDb().securityWebhookDelivery.findMany({ where: { organizationId, action } });

describe('security alerts', () => {
  it('failed sign-ins to one account, then its lockout, alert its organizations’ owners and admins only, once per window', async () => {
    const a = await createOrganizationWithAdmins();
    const b = await createOrganizationWithAdmins();
    const victim = await createUserWithPassword();
    await addMember(a.org.id, victim.id, 'MANAGER');
    sent.length = 0;
    scanned = new Set((await appDb().securityEvent.findMany({ select: { id: true } })).map((e) => e.id));

    for (let i = 0; i < 5; i++) {
      const result = await signInWithPassword(
        { email: victim.email, password: CANARY_PASSWORD },
        { ip: `192.0.2.${10 + i}` },
      );
      expect(result.ok).toBe(false);
    }
    const events = await appDb().securityEvent.findMany({
      where: { userId: victim.id, action: { in: ['auth.sign_in_failed', 'auth.lockout'] } },
      select: { id: true, action: true },
    });
    expect(events.map((e) => e.action).sort()).toEqual([
      'auth.lockout',
      ...Array<string>(5).fill('auth.sign_in_failed'),
    ]);
    // Each one queued its scan for the worker.
    for (const e of events) {
      expect(await getQueue('notify').getJob(jobIdFor('security.alert-scan', e.id))).toBeDefined();
    }

    const raised = await runAlertScans();
    expect(raised.map((r) => [r.organizationId, r.action]).sort()).toEqual(
      [
        [a.org.id, alertAction('account_lockout')],
        [a.org.id, alertAction('failed_sign_ins_account')],
      ].sort(),
    );
    const expected = [a.owner.email, a.admin.email].sort();
    expect(recipients('alert.account_lockout')).toEqual(expected);
    expect(recipients('alert.failed_sign_ins_account')).toEqual(expected);
    // Neither the warehouse member, nor the victim, nor the other organization's admins.
    expect(sent.map((m) => m.to)).not.toContain(a.staff.email);
    expect(sent.map((m) => m.to)).not.toContain(b.owner.email);
    expect(await deliveriesOf(a.org.id, alertAction('account_lockout'))).toHaveLength(1);
    expect(await deliveriesOf(b.org.id, alertAction('account_lockout'))).toHaveLength(0);

    // Debounced per kind and subject: another lockout of the same account within the window
    // raises nothing; one of another account does.
    await recordSecurityEvent({ action: 'auth.lockout', userId: victim.id, ip: '192.0.2.99' });
    expect(await runAlertScans()).toEqual([]);
    await recordSecurityEvent({ action: 'auth.lockout', userId: a.staff.id, ip: '192.0.2.99' });
    expect((await runAlertScans()).map((r) => [r.organizationId, r.action])).toEqual([
      [a.org.id, alertAction('account_lockout')],
    ]);

    // Visible on the organization's Security events screen data, with the source event.
    const alertRow = await appDb().securityEvent.findFirstOrThrow({
      where: { action: alertAction('account_lockout') },
    });
    expect(alertRow.metadata).toMatchObject({
      organizationId: a.org.id,
      severity: 'high',
      kind: 'account_lockout',
    });

    const everything = JSON.stringify([sent, await appDb().securityEvent.findMany()]);
    expect(everything).not.toContain(CANARY_PASSWORD);
    expect(everything).not.toContain(victim.email);

    // Where the admins look: the alerts sent, with the webhook's state; only their own.
    const asAdmin = (t: Awaited<ReturnType<typeof createOrganizationWithAdmins>>) =>
      userContext({ organizationId: t.org.id, userId: t.admin.id, role: 'ADMIN' });
    const listed = await listOrganizationSecurityAlerts(asAdmin(a));
    expect(listed.map((l) => [l.action, l.severity, l.webhook?.status]).sort()).toEqual(
      [
        [alertAction('account_lockout'), 'high', 'PENDING'],
        [alertAction('account_lockout'), 'high', 'PENDING'],
        [alertAction('failed_sign_ins_account'), 'medium', 'PENDING'],
      ].sort(),
    );
    expect(await listOrganizationSecurityAlerts(asAdmin(b))).toEqual([]);
    const viewer = userContext({ organizationId: a.org.id, userId: a.staff.id, role: 'VIEWER' });
    await expect(listOrganizationSecurityAlerts(viewer)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('failed sign-ins from one address tell each organization only about its own members', async () => {
    const a = await createOrganizationWithAdmins();
    const b = await createOrganizationWithAdmins();
    const inA = await createUserWithPassword();
    const inB = await createUserWithPassword();
    await addMember(a.org.id, inA.id, 'VIEWER');
    await addMember(b.org.id, inB.id, 'VIEWER');
    sent.length = 0;
    scanned = new Set((await appDb().securityEvent.findMany({ select: { id: true } })).map((e) => e.id));
    const ip = '198.51.100.23';
    // 2 + 1 failures to known accounts, 3 to unknown addresses: 6 from one IP.
    for (const email of [
      inA.email,
      inA.email,
      inB.email,
      'nobody-1@example.test',
      'nobody-2@example.test',
      'nobody-3@example.test',
    ]) {
      await signInWithPassword({ email, password: CANARY_PASSWORD }, { ip });
    }
    const raised = await runAlertScans();
    const byIp = raised.filter((r) => r.action === alertAction('failed_sign_ins_ip'));
    expect(byIp.map((r) => r.organizationId).sort()).toEqual([a.org.id, b.org.id].sort());
    expect(byIp.find((r) => r.organizationId === a.org.id)?.summary).toMatch(
      /^6 failed sign-ins .* 2 of them to 1 of your members/,
    );
    expect(byIp.find((r) => r.organizationId === b.org.id)?.summary).toMatch(
      /^6 failed sign-ins .* 1 of them to 1 of your members/,
    );
    expect(recipients('alert.failed_sign_ins_ip')).toEqual(
      [a.owner.email, a.admin.email, b.owner.email, b.admin.email].sort(),
    );
    const row = await appDb().securityEvent.findFirstOrThrow({
      where: {
        action: alertAction('failed_sign_ins_ip'),
        metadata: { path: ['organizationId'], equals: a.org.id },
      },
    });
    // The address is on the alert row (the Security events screen), not in the email.
    expect(row.ip).toBe(ip);
    expect(JSON.stringify(sent)).not.toContain(ip);
    expect(JSON.stringify(sent)).not.toContain('nobody-1@example.test');
  });

  it('MFA failures and an MFA lockout alert at once; a second failure of the same member is debounced', async () => {
    const a = await createOrganizationWithAdmins();
    const member = await createUser();
    await addMember(a.org.id, member.id, 'MANAGER');
    sent.length = 0;
    await recordSecurityEvent({ action: 'auth.mfa_challenge_failed', userId: member.id, ip: '203.0.113.5' });
    await recordSecurityEvent({ action: 'auth.mfa_challenge_failed', userId: member.id, ip: '203.0.113.5' });
    await recordSecurityEvent({ action: 'auth.mfa_lockout', userId: member.id, ip: '203.0.113.5' });
    const raised = (await runAlertScans()).filter((r) => r.organizationId === a.org.id);
    expect(raised.map((r) => [r.action, r.severity]).sort()).toEqual([
      [alertAction('mfa_failure'), 'high'],
      [alertAction('mfa_lockout'), 'high'],
    ]);
    expect(recipients('alert.mfa_failure')).toEqual([a.owner.email, a.admin.email].sort());
  });

  it('a member asking the vault for buyer details without the permission is refused and alerts the admins', async () => {
    const a = await createOrganizationWithAdmins();
    const ctx = userContext({ organizationId: a.org.id, userId: a.staff.id, role: 'WAREHOUSE' });
    sent.length = 0;
    const attempt = readBuyerPii(ctx, '0193a000-0000-7000-8000-0000000000aa', 'customer-service');
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const denial = await appDb().securityEvent.findFirstOrThrow({
      where: { action: 'auth.pii_permission_denied', userId: a.staff.id },
    });
    expect(denial.metadata).toMatchObject({ organizationId: a.org.id, purpose: 'customer-service' });
    const raised = await runAlertScans();
    expect(raised.map((r) => [r.organizationId, r.action])).toEqual([
      [a.org.id, alertAction('pii_permission_denied')],
    ]);
    expect(recipients('alert.pii_permission_denied')).toEqual([a.owner.email, a.admin.email].sort());
    expect(await deliveriesOf(a.org.id, alertAction('pii_permission_denied'))).toHaveLength(1);
  });

  it('a reused API refresh token alerts the client’s organization', async () => {
    const a = await createOrganizationWithAdmins();
    const b = await createOrganizationWithAdmins();
    const ctx = userContext({ organizationId: a.org.id, userId: a.owner.id, role: 'OWNER' });
    const client = await createApiClient(ctx, { name: 'Sync', permissions: ['organization.read'] });
    const first = await issueApiTokens({
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.clientSecret,
    });
    await issueApiTokens({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    sent.length = 0;
    await expect(
      issueApiTokens(
        { grant_type: 'refresh_token', refresh_token: first.refresh_token },
        { ip: '192.0.2.200' },
      ),
    ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const raised = await runAlertScans();
    expect(raised.map((r) => [r.organizationId, r.action, r.severity])).toEqual([
      [a.org.id, alertAction('refresh_token_reused'), 'high'],
    ]);
    expect(recipients('alert.refresh_token_reused')).toEqual([a.owner.email, a.admin.email].sort());
    expect(sent.map((m) => m.to)).not.toContain(b.owner.email);
    const text = JSON.stringify([sent, await appDb().securityEvent.findMany()]);
    expect(text).not.toContain(first.refresh_token);
    expect(text).not.toContain(client.clientSecret);
  });
});
