// The evidence figures as shown on the Privacy screen and the printable report: every figure the
// issue lists is present, in one order, and the ones that break a promise are flagged.
import { describe, expect, it } from 'vitest';
import { evidenceFigures, type ComplianceEvidence } from './compliance-evidence.ts';

const base: ComplianceEvidence = {
  generatedAt: '2027-06-01T00:00:00.000Z',
  organizationId: '00000000-0000-7000-8000-000000000001',
  retention: {
    piiRetentionDays: 30,
    oldestStoredCompletion: '2027-05-20T00:00:00.000Z',
    oldestStoredAgeDays: 12,
    recordsPastDue: 0,
    heldByRestriction: 0,
    lastRuns: {
      ANONYMISE_BUYER_PII: { status: 'SUCCEEDED', startedAt: '2027-06-01T00:00:00.000Z', processed: 3 },
      HARD_DELETE_ORDERS: { status: 'SUCCEEDED', startedAt: '2027-06-01T00:00:00.000Z', processed: 0 },
      EXPIRE_AUDIT_EVENTS: { status: 'SUCCEEDED', startedAt: '2027-06-01T00:00:00.000Z', processed: 0 },
    },
  },
  encryption: {
    recordsHoldingPii: 10,
    encryptedSharePercent: 100,
    dataKeys: [
      { purpose: 'buyer-pii', version: 1, status: 'RETIRED', createdAt: '2027-01-01T00:00:00.000Z' },
      { purpose: 'buyer-pii', version: 2, status: 'ACTIVE', createdAt: '2027-04-01T00:00:00.000Z' },
    ],
    lastRotationAt: '2027-04-01T00:00:00.000Z',
  },
  audit: { chainOk: true, events: 42 },
  access: { piiMembersWithoutMfa: 0, membersNotReviewed90Days: 0 },
  credentials: { disconnectedWithCredentials: 0 },
  dataSubjectRequests: { open: 1, overdue: 0 },
  lwaSecret: {
    configured: true,
    rotatedAt: '2027-01-01T00:00:00.000Z',
    ageDays: 151,
    daysToDeadline: 29,
    maxAgeDays: 180,
    warning: true,
  },
  incidents: { open: 0, overdueDeadlines: 0, items: [] },
};

describe('evidence figures', () => {
  it('lists every figure in order and flags only what breaks a promise', () => {
    const figures = evidenceFigures(base);
    expect(figures.map((f) => f.key)).toEqual([
      'oldest-pii',
      'past-due',
      'restricted',
      'encrypted',
      'data-keys',
      'last-rotation',
      'run-ANONYMISE_BUYER_PII',
      'run-HARD_DELETE_ORDERS',
      'run-EXPIRE_AUDIT_EVENTS',
      'audit-chain',
      'no-mfa',
      'not-reviewed',
      'credentials-left',
      'dsr',
      'lwa-secret',
      'incidents',
    ]);
    const byKey = Object.fromEntries(figures.map((f) => [f.key, f]));
    expect(byKey['data-keys']!.value).toBe('buyer-pii: v1 retired, v2 active');
    expect(byKey['lwa-secret']).toMatchObject({
      value: '151 days since rotation · 29 days to the 180-day deadline',
      ok: false,
    });
    expect(figures.filter((f) => !f.ok).map((f) => f.key)).toEqual(['lwa-secret']);
  });

  it('flags past-due records, plaintext PII, a broken chain, a failed run and overdue incident deadlines', () => {
    const figures = evidenceFigures({
      ...base,
      retention: {
        ...base.retention,
        recordsPastDue: 2,
        oldestStoredAgeDays: 40,
        lastRuns: { ...base.retention.lastRuns, HARD_DELETE_ORDERS: null },
      },
      encryption: { ...base.encryption, encryptedSharePercent: 90 },
      audit: { chainOk: false, events: 42 },
      lwaSecret: { ...base.lwaSecret, ageDays: 100, daysToDeadline: 80, warning: false } as never,
      incidents: { open: 1, overdueDeadlines: 1, items: [] },
    });
    expect(figures.filter((f) => !f.ok).map((f) => f.key)).toEqual([
      'oldest-pii',
      'past-due',
      'encrypted',
      'run-HARD_DELETE_ORDERS',
      'audit-chain',
      'incidents',
    ]);
  });

  it('says when Amazon is not configured, and when the secret is past its deadline', () => {
    expect(evidenceFigures({ ...base, lwaSecret: { configured: false } }).at(-2)).toMatchObject({
      value: 'Amazon not configured',
      ok: true,
    });
    const past = evidenceFigures({
      ...base,
      lwaSecret: { ...base.lwaSecret, ageDays: 185, daysToDeadline: -5 } as never,
    });
    expect(past.at(-2)!.value).toBe('185 days since rotation · 5 days past the 180-day deadline');
  });
});
