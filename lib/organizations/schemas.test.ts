import { describe, it, expect } from 'vitest';
import { ZOrganizationSlug } from './schemas.ts';

describe('ZOrganizationSlug', () => {
  it.each(['acme', 'acme-ltd', 'acme_ltd', 'a', 'shop42', '3pl-north'])('accepts %s', (slug) => {
    expect(ZOrganizationSlug.safeParse(slug).success).toBe(true);
  });

  it.each(['', 'Acme', '-acme', '_acme', 'acme ltd', 'a'.repeat(101), '../etc', '%2e', 'acme.com'])(
    'rejects %j',
    (slug) => {
      expect(ZOrganizationSlug.safeParse(slug).success).toBe(false);
    },
  );
});
