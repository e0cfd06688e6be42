import { describe, expect, it } from 'vitest';
import { auditRowsToCsv } from './audit-log.ts';

describe('audit CSV', () => {
  it('writes a header and one CRLF line per event', () => {
    const csv = auditRowsToCsv([
      {
        seq: '1',
        at: new Date('2027-01-01T00:00:00Z'),
        actorType: 'USER',
        actorId: null,
        action: 'x.y',
        targetType: 'thing',
        targetId: '=cmd|calc',
        purpose: null,
        ip: null,
        requestId: null,
        metadata: { n: 1 },
      },
    ]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'seq,at,actor_type,actor_id,action,target_type,target_id,purpose,ip,request_id,metadata',
    );
    expect(lines[1]).toContain(`"'=cmd|calc"`);
    expect(lines).toHaveLength(3);
  });
});
