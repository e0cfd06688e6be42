// next-auth (v4) configuration: JWT session strategy with Packline's RS256 session tokens
// (lib/auth/session-token.ts) instead of next-auth's encrypted JWE, the email + password
// Credentials provider, and Google when GOOGLE_CLIENT_ID/SECRET are set.
//
// Every env-dependent option is a getter, read per request (next-auth spreads the options), so
// importing this module at build time needs no environment.
import type { AuthOptions, User } from 'next-auth';
import { decode as defaultDecode, encode as defaultEncode, type JWT } from 'next-auth/jwt';
import CredentialsProvider from 'next-auth/providers/credentials';
import GoogleProvider from 'next-auth/providers/google';
import type { Provider } from 'next-auth/providers/index';
import { getEnv } from '../env.ts';
import { appDb } from '../db/client.ts';
import { getLogger } from '../logger.ts';
import {
  ABSOLUTE_SESSION_SECONDS,
  decodeSessionToken,
  encodeSessionToken,
  secureCookies,
  sessionCookieName,
  sessionCookieOptions,
  ZSessionClaims,
  type TSessionMfa,
} from './session-token.ts';
import { loadSessionState } from './session-state.ts';
import { signInWithPassword } from './sign-in-with-password.ts';
import { requestMeta } from './request-meta.ts';
import { recordSecurityEventSafely } from './security-events.ts';

declare module 'next-auth' {
  interface User {
    sv?: number;
    mfa?: TSessionMfa;
  }
}

/** Errors the sign-in page explains (next-auth passes a thrown message through as `error`). */
export const SIGN_IN_ERRORS = {
  locked: 'RateLimited',
  passwordExpired: 'PasswordExpired',
  unavailable: 'Unavailable',
} as const;

export function googleConfigured(env = getEnv()): boolean {
  return Boolean(env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET);
}

export function buildProviders(env = getEnv()): Provider[] {
  const providers: Provider[] = [
    CredentialsProvider({
      id: 'credentials',
      name: 'Email and password',
      credentials: {
        email: { label: 'Email', type: 'email' },
        password: { label: 'Password', type: 'password' },
      },
      async authorize(credentials, req): Promise<User | null> {
        const meta = requestMeta(req.headers);
        let result;
        try {
          result = await signInWithPassword(
            { email: credentials?.email, password: credentials?.password },
            meta,
          );
        } catch (error) {
          // next-auth would put a thrown message into the redirect URL: only our own codes go there.
          getLogger().error({ err: error, requestId: meta.requestId }, 'sign-in failed unexpectedly');
          throw new Error(SIGN_IN_ERRORS.unavailable);
        }
        if (!result.ok) {
          if (result.reason === 'locked') throw new Error(SIGN_IN_ERRORS.locked);
          if (result.reason === 'password_expired') throw new Error(SIGN_IN_ERRORS.passwordExpired);
          return null;
        }
        return { id: result.userId, sv: result.sessionVersion, mfa: result.mfaEnabled ? 'pending' : 'none' };
      },
    }),
  ];
  if (env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET) {
    providers.push(
      GoogleProvider({
        clientId: env.GOOGLE_CLIENT_ID,
        clientSecret: env.GOOGLE_CLIENT_SECRET,
        checks: ['pkce', 'state'],
      }),
    );
  }
  return providers;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * Google sign-in links to an existing account with the same, Google-verified email — only once the
 * account proved that address itself (lib/auth/email-verification.ts): otherwise whoever
 * registered the address first would share the real owner's account.
 */
export async function googleSignInAllowed(
  profile: unknown,
  email: string | null | undefined,
): Promise<boolean> {
  const verified = (profile as { email_verified?: unknown } | undefined)?.email_verified === true;
  if (!verified || !email) return false;
  const user = await appDb().user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { disabledAt: true, emailVerifiedAt: true },
  });
  return Boolean(user && !user.disabledAt && user.emailVerifiedAt);
}

export const authOptions: AuthOptions = {
  get secret() {
    return getEnv().AUTH_SECRET;
  },
  get providers() {
    return buildProviders();
  },
  get useSecureCookies() {
    return secureCookies();
  },
  get cookies() {
    return { sessionToken: { name: sessionCookieName(), options: sessionCookieOptions() } };
  },
  session: { strategy: 'jwt', maxAge: ABSOLUTE_SESSION_SECONDS },
  jwt: {
    maxAge: ABSOLUTE_SESSION_SECONDS,
    // A `salt` marks next-auth's own short-lived cookies (OAuth state, PKCE): those keep its
    // default encrypted format. Session tokens (no salt) are Packline's RS256 JWS.
    async encode(params) {
      if (params.salt) return defaultEncode(params);
      const claims = ZSessionClaims.parse(params.token);
      return encodeSessionToken(claims);
    },
    async decode(params): Promise<JWT | null> {
      if (params.salt) return defaultDecode(params);
      const session = await decodeSessionToken(params.token);
      return session ? { ...session } : null;
    },
  },
  pages: { signIn: '/sign-in', error: '/sign-in' },
  callbacks: {
    async signIn({ account, profile, user }) {
      if (account?.provider === 'google') return googleSignInAllowed(profile, user.email);
      return account?.provider === 'credentials';
    },
    async jwt({ token, user, account }) {
      if (user && account) {
        // A fresh sign-in: only Packline's claims go into the token (no name, email or picture).
        if (account.provider === 'credentials') {
          const now = nowSeconds();
          return { sub: user.id, sv: user.sv, authTime: now, mfa: user.mfa ?? 'none', pwdAt: now };
        }
        const row = await appDb().user.findUnique({
          where: { email: (user.email ?? '').trim().toLowerCase() },
          select: { id: true, sessionVersion: true, mfaEnabledAt: true },
        });
        if (!row) throw new Error('account not found');
        await recordSecurityEventSafely({
          action: 'auth.sign_in_succeeded',
          userId: row.id,
          metadata: { method: account.provider, mfaPending: row.mfaEnabledAt !== null },
        });
        return {
          sub: row.id,
          sv: row.sessionVersion,
          authTime: nowSeconds(),
          mfa: row.mfaEnabledAt ? 'pending' : 'none',
        };
      }
      // Every later read (GET /api/auth/session): revoked or disabled → throw, which makes
      // next-auth clear the cookie.
      const claims = ZSessionClaims.parse(token);
      const state = await loadSessionState(claims.sub);
      if (!state || state.disabled || state.sessionVersion !== claims.sv) throw new Error('session revoked');
      const { sub, sv, authTime, mfa, pwdAt, mfaAt } = claims;
      return { sub, sv, authTime, mfa, pwdAt, mfaAt };
    },
    async session({ session, token }) {
      // The browser learns its user id and nothing else; pages read the user server-side.
      return { expires: session.expires, user: { id: token.sub } } as typeof session;
    },
  },
  events: {
    async signOut({ token }) {
      const userId = typeof token?.sub === 'string' ? token.sub : null;
      await recordSecurityEventSafely({ action: 'auth.signed_out', userId });
    },
  },
  logger: {
    error(code, metadata) {
      getLogger().warn({ code, kind: (metadata as { name?: string } | undefined)?.name }, 'next-auth error');
    },
    warn(code) {
      getLogger().warn({ code }, 'next-auth warning');
    },
    debug() {},
  },
};
