import { describe, expect, it } from 'vitest';
import { can, PERMISSIONS, PII_ROLES, ROLE_PERMISSIONS, ROLES } from './permissions.ts';

describe('permission matrix', () => {
  it('names every permission resource.verb and grants each to at least the owner', () => {
    for (const p of PERMISSIONS) {
      expect(p).toMatch(/^[a-z_]+\.[a-z_]+$/);
      expect(can('OWNER', p)).toBe(true);
    }
  });

  it('is ordered: each role holds every permission of the roles below it', () => {
    for (let i = 1; i < ROLES.length; i++) {
      for (const p of ROLE_PERMISSIONS[ROLES[i]!]) expect(can(ROLES[i - 1]!, p)).toBe(true);
    }
  });

  it('keeps buyer PII away from viewers and on-screen reveal away from warehouse staff', () => {
    expect(can('VIEWER', 'pii.print')).toBe(false);
    expect(can('WAREHOUSE', 'pii.print')).toBe(true);
    expect(can('WAREHOUSE', 'pii.reveal')).toBe(false);
    expect(PII_ROLES).toEqual(['OWNER', 'ADMIN', 'MANAGER', 'WAREHOUSE']);
  });
});
