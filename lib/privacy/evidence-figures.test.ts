// The evidence figures as shown on the Privacy screen and the printable report: every figure the
// issue lists is present, in one order, and the ones that break a promise are flagged.
import { describe, expect, it } from 'vitest';
import { evidenceFigures, type ComplianceEvidence } from './compliance-evidence.ts';

const base: ComplianceEvidence = {
  generatedAt: '2027-06-01T00:00:00.000Z',
  organizationId: '00000000-0000-7000-8000-000000000001',
  retention: {
    piiRetentionDays: 30,
    maxRetentionDays: 30,
    holdMaxDays: 90,
    ordersHoldingPii: 12,
    earliestDueAt: '2027-06-12T00:00:00.000Z',
    earliestDueInDays: 11,
    recordsPastDue: 0,
    heldByRestriction: 0,
    uncompleted: { ordersHoldingPii: 4, pastDue: 0, earliestDueAt: '2027-06-20T00:00:00.000Z' },
    disconnected: { ordersHoldingPii: 1, pastDue: 0 },
    holds: {
      active: 3,
      byKind: { RETURN: 1, DISPUTE: 1, LATE_FULFILMENT: 0, LEGAL: 1 },
      items: [],
    },
    lastRuns: {
      ANONYMISE_BUYER_PII: { status: 'SUCCEEDED', startedAt: '2027-06-01T00:00:00.000Z', processed: 3 },
      HARD_DELETE_ORDERS: { status: 'SUCCEEDED', startedAt: '2027-06-01T00:00:00.000Z', processed: 0 },
      EXPIRE_AUDIT_EVENTS: { status: 'SUCCEEDED', startedAt: '2027-06-01T00:00:00.000Z', processed: 0 },
    },
  },
  encryption: {
    recordsHoldingPii: 10,
    vault: {
      nonByteaColumns: [],
      malformedValues: 0,
      sampled: 10,
      decrypted: 10,
      decryptableElsewhere: 0,
      plaintextOutsideVault: 0,
      ok: true,
    },
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
      'uncompleted',
      'disconnected',
      'holds',
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
    expect(byKey['oldest-pii']!.value).toBe('2027-06-12 00:00 UTC · in 11 days (policy 30 days)');
    expect(byKey['uncompleted']!.value).toBe('4 · earliest due 2027-06-20 00:00 UTC · 0 past due');
    expect(byKey['holds']!.value).toBe('3 active · open return 1, dispute 1, late fulfilment 0, legal 1');
    expect(byKey['encrypted']!.value).toBe(
      '10 of 10 sampled records decrypt, only under this organization’s key · 0 malformed values in 10 records · 0 found in clear outside the vault',
    );
    expect(byKey['lwa-secret']).toMatchObject({
      value: '151 days since rotation · 29 days to the 180-day deadline',
      ok: false,
    });
    expect(figures.filter((f) => !f.ok).map((f) => f.key)).toEqual(['lwa-secret']);
  });

  it('flags past-due records (uncompleted and disconnected too), a failed vault check, a broken chain, a failed run and overdue incident deadlines', () => {
    const figures = evidenceFigures({
      ...base,
      retention: {
        ...base.retention,
        recordsPastDue: 2,
        earliestDueInDays: -10,
        uncompleted: { ...base.retention.uncompleted, pastDue: 1 },
        disconnected: { ordersHoldingPii: 1, pastDue: 1 },
        lastRuns: { ...base.retention.lastRuns, HARD_DELETE_ORDERS: null },
      },
      encryption: {
        ...base.encryption,
        vault: { ...base.encryption.vault, malformedValues: 1, ok: false },
      },
      audit: { chainOk: false, events: 42 },
      lwaSecret: { ...base.lwaSecret, ageDays: 100, daysToDeadline: 80, warning: false } as never,
      incidents: { open: 1, overdueDeadlines: 1, items: [] },
    });
    expect(figures.find((f) => f.key === 'oldest-pii')!.value).toMatch(
      /· 10 days overdue \(policy 30 days\)$/,
    );
    expect(figures.filter((f) => !f.ok).map((f) => f.key)).toEqual([
      'oldest-pii',
      'past-due',
      'uncompleted',
      'disconnected',
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
