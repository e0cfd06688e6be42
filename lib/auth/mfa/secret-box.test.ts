import { beforeAll, describe, expect, it } from 'vitest';
import { setTestEnv } from '../../../tests/helpers/test-env.ts';
import { openSecret, sealSecret } from './secret-box.ts';

const alice = '0196f0c2-7a1e-7c3b-9f5e-1a2b3c4d5e6f';
const bob = '0196f0c2-7a1e-7c3b-9f5e-1a2b3c4d5e70';

beforeAll(() => {
  setTestEnv({ AUTH_SECRET: 'b'.repeat(40) });
});

describe('TOTP secret box', () => {
  it('round-trips, never contains the plaintext, and differs on every seal', () => {
    const sealed = sealSecret('JBSWY3DPEHPK3PXP', alice);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(sealed).not.toBe(sealSecret('JBSWY3DPEHPK3PXP', alice));
    expect(openSecret(sealed, alice)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses another user’s row (AAD) and tampering', () => {
    const sealed = sealSecret('JBSWY3DPEHPK3PXP', alice);
    expect(() => openSecret(sealed, bob)).toThrow();
    const [v, iv, body] = sealed.split('.');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => openSecret(`${v}.${iv}.${flipped.toString('base64url')}`, alice)).toThrow();
  });
});
