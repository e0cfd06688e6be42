// Signing and verifying Packline's RS256 JWTs. Verification pins the algorithm (no `none`, no
// HS256 with the public key), looks the key up by `kid` among our own keys only, and checks
// issuer, audience and expiry. Every token kind has its own audience.
import { errors, jwtVerify, SignJWT, decodeProtectedHeader, type JWTPayload } from 'jose';
import { getEnv } from '../env.ts';
import { getSigningKeys } from './keys.ts';

export const AUDIENCES = {
  session: 'packline:session',
  api: 'packline:api',
  /** Platform operator console sessions (lib/auth/operator-session.ts): never valid as a user session. */
  operator: 'packline:operator',
  /** Email-address verification links (lib/auth/email-verification.ts). */
  emailVerification: 'packline:email-verification',
} as const;
export type TokenAudience = (typeof AUDIENCES)[keyof typeof AUDIENCES];

export const issuer = (): string => getEnv().APP_URL;

export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
}

export async function signToken(
  claims: JWTPayload,
  options: { audience: TokenAudience; subject: string; expiresInSeconds: number; jti?: string },
): Promise<string> {
  const { kid, privateKey } = await getSigningKeys();
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
    .setIssuer(issuer())
    .setAudience(options.audience)
    .setSubject(options.subject)
    .setIssuedAt(now)
    .setExpirationTime(now + options.expiresInSeconds);
  if (options.jti) jwt.setJti(options.jti);
  return jwt.sign(privateKey);
}

/** Verifies a token; every failure is an InvalidTokenError with a reason safe to log. */
export async function verifyToken(
  token: string,
  audience: TokenAudience,
): Promise<JWTPayload & { sub: string }> {
  let kid: string | undefined;
  try {
    const header = decodeProtectedHeader(token);
    if (header.alg !== 'RS256') throw new InvalidTokenError(`unexpected alg ${String(header.alg)}`);
    kid = header.kid;
  } catch (error) {
    if (error instanceof InvalidTokenError) throw error;
    throw new InvalidTokenError('malformed token');
  }
  const key = (await getSigningKeys()).verification.find((v) => v.kid === kid);
  if (!key) throw new InvalidTokenError('unknown key id');
  try {
    const { payload } = await jwtVerify(token, key.key, {
      algorithms: ['RS256'],
      issuer: issuer(),
      audience,
    });
    if (typeof payload.sub !== 'string' || !payload.sub) throw new InvalidTokenError('missing subject');
    return payload as JWTPayload & { sub: string };
  } catch (error) {
    if (error instanceof InvalidTokenError) throw error;
    if (error instanceof errors.JWTExpired) throw new InvalidTokenError('expired');
    if (error instanceof errors.JWTClaimValidationFailed)
      throw new InvalidTokenError(`claim ${error.claim} invalid`);
    throw new InvalidTokenError('signature or format invalid');
  }
}
