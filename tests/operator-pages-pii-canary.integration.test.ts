// Operator console and compliance evidence without buyer PII (privacy engine §8–9). Two
// organizations hold orders whose every buyer value carries a CANARY marker (stored through the
// real vault, one revealed with an audited purpose, one looked up by a data-subject request), and
// they have security events and an incident. Then every operator console page (organizations,
// incidents, one incident, security events with and without filters, platform evidence), the
// organization's Privacy screen and printable evidence report, the JSON export route and the read
// functions behind them are rendered or called: no marker anywhere, and the real content is there.
// The pages' own authorisation (operator cookie, user session → tenant) is replaced by the
// operator / tenant under test; the app router's client hook gets a stand-in (no router mounted).
import { randomUUID } from 'node:crypto';
import { createElement, type ReactElement } from 'react';
import type { ComplianceEvidence } from '../lib/privacy/compliance-evidence.ts';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PEER_ADDRESS_HEADER } from '../lib/http/peer-address.ts';

vi.setConfig({ testTimeout: 120_000 });

const current: { operator: unknown; tenant: unknown } = { operator: null, tenant: null };
vi.mock('@/lib/auth/operator-session.ts', () => ({ getOperatorSession: async () => current.operator }));
vi.mock('@/lib/auth/session.ts', () => ({ getSessionUser: async () => null }));
vi.mock('@/lib/auth/require-tenant.ts', () => ({
  requireTenant: async () => current.tenant,
  holds: () => true,
}));
vi.mock('next/navigation', async (original) => ({
  ...(await original<typeof import('next/navigation')>()),
  useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }),
}));

const { ToastProvider } = await import('@/components/ui/toast.tsx');
const { createOrganization, createUser, addMember } = await import('./factories.ts');
const { createOrdersWithPii, daysBefore } = await import('./factories/orders.ts');
const { userContext } = await import('../lib/tenancy/tenant-context.ts');
const { createOperator } = await import('../lib/operators/create-operator.ts');
const { recordIncident, recordIncidentMilestone } = await import('../lib/privacy/incidents.ts');
const { recordSecurityEvent } = await import('../lib/auth/security-events.ts');
const { revealOrderRecipient } = await import('../lib/orders/reveal-order-recipient.ts');
const { openDsr } = await import('../lib/privacy/dsr.ts');
const { placeOrderHold } = await import('../lib/privacy/order-holds.ts');
const { createApiClient } = await import('../lib/api-clients/create-api-client.ts');
const { disconnectLimitsRedis } = await import('../lib/redis/limits-redis.ts');
const { getPlatformEvidence } = await import('../lib/privacy/platform-evidence.ts');
const { listPlatformSecurityEvents, securityEventSeverity } =
  await import('../lib/privacy/platform-security-events.ts');
const { resetTenantKeys } = await import('../lib/crypto/tenant-keys.ts');

type Org = { id: string; slug: string; name: string };
let orgA: Org;
let orgB: Org;
let ownerA: { id: string };
let memberB: { id: string };
let incidentId: string;
const now = new Date();

const canary = (i: number) => ({
  name: `CANARY${i} Buyer`,
  email: `canary${i}@buyer.example`,
  phone: `+49 30 9${String(i).padStart(6, '0')}`,
  postcode: `C${i}ANARY`,
});
const NO_PII = /CANARY|buyer\.example|\+49 30 9/i;

const render = async (element: Promise<ReactElement> | ReactElement) =>
  renderToStaticMarkup(createElement(ToastProvider, null, await element));

beforeAll(async () => {
  orgA = await createOrganization({ name: 'Kestrel Alpha' });
  orgB = await createOrganization({ name: 'Kestrel Bravo' });
  const a = await createUser();
  const b = await createUser();
  ownerA = a;
  memberB = b;
  await addMember(orgA.id, a.id, 'OWNER');
  await addMember(orgB.id, b.id, 'OWNER');
  const ctxA = userContext({ organizationId: orgA.id, userId: a.id, role: 'OWNER' });
  const ctxB = userContext({ organizationId: orgB.id, userId: b.id, role: 'OWNER' });
  const ordersA = await createOrdersWithPii(ctxA, [
    { completedAt: daysBefore(now, 45), buyer: canary(1) },
    { completedAt: daysBefore(now, 2), buyer: canary(2) },
  ]);
  await createOrdersWithPii(ctxB, [{ completedAt: daysBefore(now, 5), buyer: canary(3) }]);
  // PII read with a purpose, and a data-subject request found by email: both audited.
  const revealed = await revealOrderRecipient(ctxA, { orderId: ordersA[0]!.id, purpose: 'customer-service' });
  // An order hold: its reason is on the Privacy screen only, never in the exports.
  await placeOrderHold(
    ctxA,
    { orderId: ordersA[1]!.id, kind: 'DISPUTE', reason: 'Carrier claim KESTREL-77' },
    now,
  );
  expect(revealed.name).toBe('CANARY1 Buyer');
  await openDsr(ctxA, { kind: 'ACCESS', lookup: { email: 'canary2@buyer.example' } }, now);

  await recordSecurityEvent({
    action: 'auth.sign_in_failed',
    userId: a.id,
    metadata: { reason: 'password' },
  });
  await recordSecurityEvent({
    action: 'auth.lockout',
    userId: b.id,
    metadata: { reason: 'too_many_failures' },
  });
  await recordSecurityEvent({ action: 'auth.sign_in_succeeded', userId: b.id });

  const { operatorId } = await createOperator({ email: `ops-${randomUUID()}@packline.test` }, { cost: 4 });
  current.operator = { operatorId, email: 'ops@packline.test' };
  const detectedAt = new Date(now.getTime() - 30 * 3600_000);
  const incident = await recordIncident(
    operatorId,
    {
      title: 'Kestrel incident',
      scope: 'A label printer queue was reachable from the guest network.',
      detectedAt,
      severity: 'HIGH',
      affectedOrganizationIds: [orgA.id],
      dataCategories: ['buyer-address'],
      amazonDataInvolved: true,
    },
    now,
  );
  incidentId = incident.id;
  await recordIncidentMilestone(
    operatorId,
    { incidentId, milestone: 'contained', at: new Date(detectedAt.getTime() + 3600_000) },
    now,
  );
  current.tenant = {
    ctx: ctxA,
    organization: orgA,
    mfaWithheld: new Set(),
    principal: { kind: 'user', userId: a.id },
  };
});

afterAll(async () => {
  resetTenantKeys();
  await disconnectLimitsRedis();
});

describe('operator console pages carry no buyer PII', () => {
  it('organizations, incident register and one incident render with their content and no canary', async () => {
    const { default: OrganizationsPage } = await import('../app/operator/page.tsx');
    const { default: IncidentsPage } = await import('../app/operator/incidents/page.tsx');
    const { default: IncidentPage } = await import('../app/operator/incidents/[incidentId]/page.tsx');
    const orgs = await render(OrganizationsPage());
    expect(orgs).toContain('Kestrel Alpha');
    const list = await render(IncidentsPage());
    expect(list).toContain('Kestrel incident');
    expect(list).toContain('OVERDUE'); // Amazon not notified within 24 h
    const one = await render(IncidentPage({ params: Promise.resolve({ incidentId }) }));
    expect(one).toContain('A label printer queue');
    expect(one).toContain('Containment (24 h): met');
    for (const html of [orgs, list, one]) expect(html).not.toMatch(NO_PII);
  });

  it('security events: all, by organization, by severity, by kind and date; no canary', async () => {
    const { default: SecurityEventsPage } = await import('../app/operator/security-events/page.tsx');
    const page = (q: Record<string, string>) =>
      render(SecurityEventsPage({ searchParams: Promise.resolve(q) }));
    const all = await page({});
    expect(all).toContain('auth.lockout');
    const today = now.toISOString().slice(0, 10);

    const ofA = await listPlatformSecurityEvents({ org: orgA.id });
    expect(ofA.length).toBeGreaterThan(0);
    // Org A's account events are its owner's; the incident listing it notified it too.
    const accountEventsOfA = ofA.filter((e) => e.action.startsWith('auth.'));
    expect(accountEventsOfA.length).toBeGreaterThan(0);
    expect(accountEventsOfA.every((e) => e.userId === ownerA.id)).toBe(true);
    expect(ofA.filter((e) => !e.action.startsWith('auth.')).map((e) => e.action)).toEqual([
      'incident.merchant_notified',
    ]);
    const highOfB = await listPlatformSecurityEvents({ org: orgB.id, severity: 'high' });
    expect(highOfB.map((e) => e.action)).toEqual(['auth.lockout']);
    const infoOfB = await listPlatformSecurityEvents({ org: orgB.id, severity: 'info' });
    expect(infoOfB.map((e) => e.action)).toEqual(['auth.sign_in_succeeded']);
    expect(
      (
        await listPlatformSecurityEvents({
          org: orgA.id,
          kind: 'auth.sign_in_failed',
          from: today,
          to: today,
        })
      ).length,
    ).toBe(1);
    expect(await listPlatformSecurityEvents({ org: orgA.id, from: '2001-01-01', to: '2001-01-02' })).toEqual(
      [],
    );
    expect(securityEventSeverity('security.anomalous_pii_reads')).toBe('high');
    expect(securityEventSeverity('security.permission_denied')).toBe('medium');

    const filtered = await page({ org: orgB.id, severity: 'high', from: today });
    expect(filtered).toContain('<code class="text-xs">auth.lockout</code>');
    expect(filtered).not.toContain('<code class="text-xs">auth.sign_in_succeeded</code>');
    const bad = await page({ org: 'not-a-uuid', from: 'yesterday' });
    expect(bad).toContain('Filters ignored');
    for (const html of [all, filtered, bad]) expect(html).not.toMatch(NO_PII);
    expect(JSON.stringify(await listPlatformSecurityEvents({}))).not.toMatch(NO_PII);
  });

  it('platform evidence: per-organization figures, no canary', async () => {
    const { default: EvidencePage } = await import('../app/operator/evidence/page.tsx');
    const evidence = await getPlatformEvidence(now);
    const rowA = evidence.rows.find((r) => r.organizationId === orgA.id);
    expect(rowA).toMatchObject({
      piiRetentionDays: 30,
      earliestDueInDays: -15,
      recordsPastDue: 1,
      activeHolds: 1,
      vaultCheckOk: true,
      chainOk: true,
      openIncidents: 1,
      overdueIncidentDeadlines: 1,
    });
    expect(evidence.rows.find((r) => r.organizationId === orgB.id)).toMatchObject({
      recordsPastDue: 0,
      openIncidents: 0,
    });
    const html = await render(EvidencePage({ searchParams: Promise.resolve({}) }));
    expect(html).toContain('Kestrel Alpha');
    expect(html).toContain('verified');
    expect(JSON.stringify(evidence)).not.toMatch(NO_PII);
    expect(html).not.toMatch(NO_PII);
  });
});

describe('compliance evidence exports carry no buyer PII', () => {
  it('the Privacy screen, the printable report and GET /api/v1/compliance/evidence', async () => {
    const { default: PrivacyPage } = await import('../app/(app)/[org]/privacy/page.tsx');
    const { default: ReportPage } = await import('../app/(app)/[org]/privacy/evidence/page.tsx');
    const { GET } = await import('../app/api/v1/compliance/evidence/route.ts');
    const { POST: tokenRoute } = await import('../app/api/v1/auth/token/route.ts');
    const params = Promise.resolve({ org: orgA.slug });
    const privacy = await render(PrivacyPage({ params }));
    expect(privacy).toContain('Records past due (must be 0)');
    expect(privacy).toContain('Orders not completed holding buyer PII');
    expect(privacy).toContain('Carrier claim KESTREL-77');
    const report = await render(ReportPage({ params: Promise.resolve({ org: orgA.slug }) }));
    expect(report).toContain('Amazon LWA client secret age');
    expect(report).toContain('Kestrel incident');
    expect(report).toContain('OVERDUE');
    expect(report).toContain('Active order holds');
    expect(report).not.toContain('KESTREL-77');

    const ctxA = userContext({ organizationId: orgA.id, userId: ownerA.id, role: 'OWNER' });
    const client = await createApiClient(ctxA, { name: 'Evidence', permissions: ['privacy.manage'] });
    const token = await tokenRoute(
      new Request('http://localhost/api/v1/auth/token', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', [PEER_ADDRESS_HEADER]: '10.9.0.1' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: client.clientId,
          client_secret: client.clientSecret,
        }).toString(),
      }),
    );
    const { access_token } = (await token.json()) as { access_token: string };
    const call = (auth?: string) =>
      GET(
        new Request('http://localhost/api/v1/compliance/evidence', {
          headers: auth ? { authorization: `Bearer ${auth}` } : {},
        }),
        { params: Promise.resolve({}) },
      );
    const res = await call(access_token);
    expect(res.status).toBe(200);
    const body = (await res.json()) as ComplianceEvidence;
    expect(body).toMatchObject({
      organizationId: orgA.id,
      retention: {
        recordsPastDue: 1,
        uncompleted: { ordersHoldingPii: 0, pastDue: 0 },
        holds: { active: 1, byKind: { DISPUTE: 1 } },
      },
      encryption: { vault: { ok: true, malformedValues: 0, decryptableElsewhere: 0 } },
      incidents: { open: 1 },
      lwaSecret: { configured: true },
    });
    expect((await call()).status).toBe(401);
    for (const text of [privacy, report, JSON.stringify(body)]) expect(text).not.toMatch(NO_PII);
    expect(JSON.stringify(body)).not.toContain('KESTREL-77');
  });
});

describe('the merchant incidents screen', () => {
  it('shows an organization only the incidents that list it', async () => {
    const { default: IncidentsPage } = await import('../app/(app)/[org]/security/incidents/page.tsx');
    const tenantA = current.tenant;
    const mine = await render(IncidentsPage({ params: Promise.resolve({ org: orgA.slug }) }));
    expect(mine).toContain('Kestrel incident');
    expect(mine).toContain('Amazon notified: overdue since');
    expect(mine).not.toContain(orgB.id);
    expect(mine).not.toMatch(NO_PII);
    current.tenant = {
      ctx: userContext({ organizationId: orgB.id, userId: memberB.id, role: 'OWNER' }),
      organization: orgB,
      mfaWithheld: new Set(),
      principal: { kind: 'user', userId: memberB.id },
    };
    try {
      const theirs = await render(IncidentsPage({ params: Promise.resolve({ org: orgB.slug }) }));
      expect(theirs).toContain('No incidents');
      expect(theirs).not.toContain('Kestrel incident');
    } finally {
      current.tenant = tenantA;
    }
  });
});
