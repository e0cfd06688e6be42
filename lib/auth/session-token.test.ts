// Session tokens: RS256 under the session audience, the 24 h cap, the idle timeout and the
// pending-MFA window; tampered, foreign-audience and HS256 tokens are refused.
import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setTestEnv } from '../../tests/helpers/test-env.ts';
import { AUDIENCES, InvalidTokenError, signToken } from './tokens.ts';
import {
  ABSOLUTE_SESSION_SECONDS,
  decodeSessionToken,
  encodeSessionToken,
  shouldRefresh,
} from './session-token.ts';

const sub = '0196f0c2-7a1e-7c3b-9f5e-1a2b3c4d5e6f';
const now = () => Math.floor(Date.now() / 1000);

beforeAll(() => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  setTestEnv({
    AUTH_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    APP_URL: 'https://packline.test',
    SESSION_IDLE_MINUTES: '30',
  });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('session tokens', () => {
  it('round-trip with RS256, Packline claims only, and a 1-hour lifetime', async () => {
    const token = await encodeSessionToken({ sub, sv: 3, authTime: now(), mfa: 'none' });
    const [header] = token.split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toMatchObject({ alg: 'RS256' });
    const decoded = await decodeSessionToken(token);
    expect(decoded).toMatchObject({ sub, sv: 3, mfa: 'none' });
    expect(decoded!.exp - decoded!.iat).toBe(3600);
  });

  it('never outlive the 24-hour session', async () => {
    const authTime = now() - ABSOLUTE_SESSION_SECONDS + 600;
    const decoded = await decodeSessionToken(await encodeSessionToken({ sub, sv: 1, authTime, mfa: 'none' }));
    expect(decoded!.exp - decoded!.iat).toBeLessThanOrEqual(600);
    await expect(
      encodeSessionToken({ sub, sv: 1, authTime: now() - ABSOLUTE_SESSION_SECONDS - 1, mfa: 'none' }),
    ).rejects.toThrow(/absolute/);
  });

  it('are refused after the idle timeout, and refreshed after five minutes of activity', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const token = await encodeSessionToken({ sub, sv: 1, authTime: now(), mfa: 'verified' });
    vi.setSystemTime(Date.now() + 6 * 60_000);
    const decoded = await decodeSessionToken(token);
    expect(decoded && shouldRefresh(decoded)).toBe(true);
    vi.setSystemTime(Date.now() + 25 * 60_000);
    expect(await decodeSessionToken(token)).toBeNull();
  });

  it('pending-MFA tokens live ten minutes and are never refreshed', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const token = await encodeSessionToken({ sub, sv: 1, authTime: now(), mfa: 'pending' });
    const decoded = await decodeSessionToken(token);
    expect(decoded!.exp - decoded!.iat).toBe(600);
    vi.setSystemTime(Date.now() + 6 * 60_000);
    expect(shouldRefresh((await decodeSessionToken(token))!)).toBe(false);
    vi.setSystemTime(Date.now() + 5 * 60_000);
    expect(await decodeSessionToken(token)).toBeNull();
  });

  it('cannot keep a pending-MFA session alive by re-issuing it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const authTime = now();
    vi.setSystemTime(Date.now() + 9 * 60_000);
    const reissued = await encodeSessionToken({ sub, sv: 1, authTime, mfa: 'pending' });
    expect(await decodeSessionToken(reissued)).not.toBeNull();
    vi.setSystemTime(Date.now() + 2 * 60_000);
    expect(await decodeSessionToken(reissued)).toBeNull();
    await expect(encodeSessionToken({ sub, sv: 1, authTime, mfa: 'pending' })).rejects.toBeInstanceOf(
      InvalidTokenError,
    );
  });

  it('refuse API tokens, tampered payloads, HS256, missing claims and garbage', async () => {
    const api = await signToken(
      { sv: 1, authTime: now(), mfa: 'none' },
      { audience: AUDIENCES.api, subject: sub, expiresInSeconds: 60 },
    );
    expect(await decodeSessionToken(api)).toBeNull();

    const token = await encodeSessionToken({ sub, sv: 1, authTime: now(), mfa: 'pending' });
    const [h, p, s] = token.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...payload, mfa: 'verified' })).toString('base64url');
    expect(await decodeSessionToken(`${h}.${forged}.${s}`)).toBeNull();

    const hs = await new SignJWT({ sv: 1, authTime: now(), mfa: 'verified' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(sub)
      .setAudience(AUDIENCES.session)
      .setIssuer('https://packline.test')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('x'.repeat(32)));
    expect(await decodeSessionToken(hs)).toBeNull();

    const bare = await signToken({}, { audience: AUDIENCES.session, subject: sub, expiresInSeconds: 60 });
    expect(await decodeSessionToken(bare)).toBeNull();
    expect(await decodeSessionToken('not.a.token')).toBeNull();
    expect(await decodeSessionToken(undefined)).toBeNull();
  });
});
