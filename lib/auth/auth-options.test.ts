// next-auth wiring, unit-tested (README "Google sign-in"): Google appears only when both of its
// variables are set; session tokens go through Packline's RS256 encode/decode while next-auth's
// own salted cookies (OAuth state, PKCE) keep its default format; an unverified Google email is
// refused without a database lookup.
import { generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { setTestEnv } from '../../tests/helpers/test-env.ts';
import { getEnv } from '../env.ts';
import { authOptions, buildProviders, googleConfigured, googleSignInAllowed } from './auth-options.ts';
import { sessionCookieName } from './session-token.ts';
import { PEER_ADDRESS_HEADER } from '../http/peer-address.ts';

const sub = '0196f0c2-7a1e-7c3b-9f5e-1a2b3c4d5e6f';

// The sign-in use case is exercised by its integration test; here only what authorize makes of it.
const signIn = vi.hoisted(() => vi.fn());
vi.mock('./sign-in-with-password.ts', () => ({ signInWithPassword: signIn }));

type Authorize = (
  credentials: Record<string, string>,
  req: { headers: Record<string, string> },
) => Promise<unknown>;
const authorize = () =>
  (buildProviders()[0] as unknown as { options: { authorize: Authorize } }).options.authorize;

beforeAll(() => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  setTestEnv({
    AUTH_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    AUTH_SECRET: 'a'.repeat(40),
    APP_URL: 'https://packline.test',
    GOOGLE_CLIENT_ID: undefined,
    GOOGLE_CLIENT_SECRET: undefined,
  });
});

describe('providers', () => {
  it('offers only email + password without Google settings', () => {
    expect(googleConfigured()).toBe(false);
    expect(buildProviders().map((p) => p.id)).toEqual(['credentials']);
  });

  it('adds Google (PKCE + state) when both client id and secret are set', () => {
    const env = {
      ...getEnv(),
      GOOGLE_CLIENT_ID: 'id.apps.googleusercontent.com',
      GOOGLE_CLIENT_SECRET: 'shh',
    };
    expect(googleConfigured(env)).toBe(true);
    const providers = buildProviders(env);
    expect(providers.map((p) => p.id)).toEqual(['credentials', 'google']);
    const google = providers[1] as unknown as { options: { clientId: string; checks: string[] } };
    expect(google.options.clientId).toBe('id.apps.googleusercontent.com');
    expect(google.options.checks).toEqual(['pkce', 'state']);
    expect(buildProviders({ ...env, GOOGLE_CLIENT_SECRET: undefined }).map((p) => p.id)).toEqual([
      'credentials',
    ]);
  });

  it('refuses a Google profile whose email is not verified, before any lookup', async () => {
    expect(await googleSignInAllowed({ email_verified: false }, 'a@b.test')).toBe(false);
    expect(await googleSignInAllowed({}, 'a@b.test')).toBe(false);
    expect(await googleSignInAllowed({ email_verified: true }, null)).toBe(false);
  });
});

describe('credentials authorize', () => {
  const creds = { email: 'a@b.test', password: 'pw' };
  const req = { headers: { [PEER_ADDRESS_HEADER]: '203.0.113.5' } };

  it('maps results to a user, to null, or to the codes the sign-in page explains', async () => {
    signIn.mockResolvedValueOnce({ ok: true, userId: sub, sessionVersion: 4, mfaEnabled: true });
    expect(await authorize()(creds, req)).toEqual({ id: sub, sv: 4, mfa: 'pending' });
    expect(signIn).toHaveBeenLastCalledWith(creds, { ip: '203.0.113.5', requestId: null });
    signIn.mockResolvedValueOnce({ ok: false, reason: 'invalid' });
    expect(await authorize()(creds, req)).toBeNull();
    signIn.mockResolvedValueOnce({ ok: false, reason: 'locked', retryAfter: 900 });
    await expect(authorize()(creds, req)).rejects.toThrow(/^RateLimited$/);
    signIn.mockResolvedValueOnce({ ok: false, reason: 'password_expired' });
    await expect(authorize()(creds, req)).rejects.toThrow(/^PasswordExpired$/);
  });

  it('never lets an unexpected error message reach the redirect URL', async () => {
    signIn.mockRejectedValueOnce(new Error('connect ECONNREFUSED postgresql://app:secret@db:5432'));
    await expect(authorize()(creds, req)).rejects.toThrow(/^Unavailable$/);
  });
});

describe('session options', () => {
  it('use the JWT strategy, a 24 h cap, our cookie name and secure cookies on https', () => {
    expect(authOptions.session).toMatchObject({ strategy: 'jwt', maxAge: 86_400 });
    expect(authOptions.useSecureCookies).toBe(true);
    expect(authOptions.cookies?.sessionToken?.name).toBe(sessionCookieName());
    expect(sessionCookieName()).toBe('__Secure-next-auth.session-token');
    expect(authOptions.secret).toBe('a'.repeat(40));
  });

  it('encode session tokens as RS256 JWS and decode them again', async () => {
    const secret = authOptions.secret!;
    const token = await authOptions.jwt!.encode!({
      secret,
      token: { sub, sv: 2, authTime: Math.floor(Date.now() / 1000), mfa: 'none', name: 'x', email: 'x@y.z' },
    });
    expect(token.split('.')).toHaveLength(3);
    const decoded = await authOptions.jwt!.decode!({ secret, token });
    expect(decoded).toMatchObject({ sub, sv: 2, mfa: 'none' });
    expect(decoded).not.toHaveProperty('email');
    // Flip one bit inside the signature (changing only the last base64url character can leave the
    // decoded bytes unchanged: its low bits are padding).
    const [header, payload, signature] = token.split('.');
    const bytes = Buffer.from(signature!, 'base64url');
    bytes[10]! ^= 0x01;
    const tampered = `${header}.${payload}.${bytes.toString('base64url')}`;
    expect(await authOptions.jwt!.decode!({ secret, token: tampered })).toBeNull();
  });

  it('keep next-auth’s own format for salted cookies (OAuth state, PKCE)', async () => {
    const secret = authOptions.secret!;
    const salt = '__Secure-next-auth.pkce.code_verifier';
    const token = await authOptions.jwt!.encode!({ secret, salt, token: { value: 'verifier' }, maxAge: 900 });
    expect(token.split('.')).toHaveLength(5); // JWE
    expect(await authOptions.jwt!.decode!({ secret, salt, token })).toMatchObject({ value: 'verifier' });
    // …and a salted (JWE) value is never accepted as a session.
    expect(await authOptions.jwt!.decode!({ secret, token })).toBeNull();
  });
});
