import { describe, expect, it } from 'vitest';
import { auditEventHash, canonicalJson, GENESIS_HASH } from './audit-hash.ts';

const fields = {
  organizationId: '0190a1b2-0000-7000-8000-000000000001',
  seq: 1n,
  at: new Date('2026-11-25T10:00:00.123Z'),
  actorType: 'USER',
  actorId: null,
  action: 'member.invited',
  targetType: 'membership',
  targetId: 'x',
  purpose: null,
  ip: '127.0.0.1',
  requestId: null,
  metadata: { b: 1, a: ['x'] },
};

describe('audit hash', () => {
  it('is independent of key order, as jsonb reorders keys', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 0 }] } })).toBe(
      '{"a":{"c":[3,{"e":0,"f":1}],"d":2},"b":1}',
    );
    expect(auditEventHash(GENESIS_HASH, fields)).toEqual(
      auditEventHash(GENESIS_HASH, { ...fields, metadata: { a: ['x'], b: 1 } }),
    );
  });

  it('changes with any field and with the previous hash, and ignores extra row columns', () => {
    const base = auditEventHash(GENESIS_HASH, fields);
    expect(auditEventHash(GENESIS_HASH, { ...fields, targetId: 'y' })).not.toEqual(base);
    expect(auditEventHash(GENESIS_HASH, { ...fields, seq: 2n })).not.toEqual(base);
    expect(auditEventHash(Buffer.alloc(32, 1), fields)).not.toEqual(base);
    expect(auditEventHash(GENESIS_HASH, { ...fields, id: 'row-id' } as typeof fields)).toEqual(base);
  });
});
