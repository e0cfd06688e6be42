import { beforeAll, describe, expect, it } from 'vitest';
import {
  CONSENT_STATE_TTL_MS,
  readConsentStateSlug,
  signConsentState,
  verifyConsentState,
} from './oauth-state.ts';
import { setTestEnv } from '../../../tests/helpers/test-env.ts';

const org = '0196f000-0000-7000-8000-000000000001';
const user = '0196f000-0000-7000-8000-000000000002';

beforeAll(() => {
  setTestEnv({ AUTH_SECRET: 'x'.repeat(40) });
});

describe('consent state', () => {
  it('round-trips for the same organization and user, and names the slug', () => {
    const state = signConsentState({ organizationId: org, slug: 'acme', userId: user, region: 'eu' });
    expect(verifyConsentState(state, { organizationId: org, userId: user })).toMatchObject({
      r: 'eu',
      s: 'acme',
    });
    expect(readConsentStateSlug(state)).toBe('acme');
  });

  it('rejects another user, another organization, tampering and expiry', () => {
    const now = Date.now();
    const state = signConsentState({ organizationId: org, slug: 'acme', userId: user, region: 'na' }, now);
    const other = '0196f000-0000-7000-8000-000000000003';
    expect(() => verifyConsentState(state, { organizationId: org, userId: other })).toThrow(
      /invalid or expired/,
    );
    expect(() => verifyConsentState(state, { organizationId: other, userId: user })).toThrow(
      /invalid or expired/,
    );
    const [body, sig] = state.split('.');
    expect(() => verifyConsentState(`${body}x.${sig}`, { organizationId: org, userId: user })).toThrow();
    expect(() => verifyConsentState('garbage', { organizationId: org, userId: user })).toThrow();
    expect(() =>
      verifyConsentState(state, { organizationId: org, userId: user }, now + CONSENT_STATE_TTL_MS + 1),
    ).toThrow(/invalid or expired/);
    expect(readConsentStateSlug(state, now + CONSENT_STATE_TTL_MS + 1)).toBeNull();
    expect(readConsentStateSlug(`${body}.AAAA`)).toBeNull();
  });
});
