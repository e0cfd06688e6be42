// Platform operator console sessions (issue 3, item 10): a separate cookie holding an RS256 token
// with its own audience (packline:operator), so an operator token is never a user session and
// vice versa. 8 h absolute lifetime; the operator's sessionVersion revokes it at once. A session
// is only issued after password + TOTP (lib/operators/sign-in-operator.ts).
import { cookies } from 'next/headers';
import { cache } from 'react';
import { z } from 'zod';
import { appDb } from '../db/client.ts';
import { getEnv } from '../env.ts';
import { AUDIENCES, InvalidTokenError, signToken, verifyToken } from './tokens.ts';

export const OPERATOR_SESSION_TTL_SECONDS = 8 * 3600;

export function operatorCookieName(): string {
  return new URL(getEnv().APP_URL).protocol === 'https:' ? '__Host-packline-operator' : 'packline-operator';
}

export interface OperatorSession {
  operatorId: string;
  email: string;
}

const ZClaims = z.object({ sub: z.uuid(), sv: z.number().int() });

export async function issueOperatorSessionToken(operatorId: string, sessionVersion: number): Promise<string> {
  return signToken(
    { sv: sessionVersion },
    { audience: AUDIENCES.operator, subject: operatorId, expiresInSeconds: OPERATOR_SESSION_TTL_SECONDS },
  );
}

/** Verifies a token and checks the operator still exists, is enabled, enrolled, and not revoked. */
export async function validateOperatorToken(token: string | undefined): Promise<OperatorSession | null> {
  if (!token) return null;
  let claims: z.infer<typeof ZClaims>;
  try {
    const parsed = ZClaims.safeParse(await verifyToken(token, AUDIENCES.operator));
    if (!parsed.success) return null;
    claims = parsed.data;
  } catch (error) {
    if (error instanceof InvalidTokenError) return null;
    throw error;
  }
  const operator = await appDb().operator.findUnique({
    where: { id: claims.sub },
    select: { id: true, email: true, sessionVersion: true, disabledAt: true, totpEnabledAt: true },
  });
  if (!operator || operator.disabledAt || !operator.totpEnabledAt) return null;
  if (operator.sessionVersion !== claims.sv) return null;
  return { operatorId: operator.id, email: operator.email };
}

export const getOperatorSession = cache(async (): Promise<OperatorSession | null> => {
  const store = await cookies();
  return validateOperatorToken(store.get(operatorCookieName())?.value);
});

export async function setOperatorSessionCookie(token: string): Promise<void> {
  const store = await cookies();
  store.set(operatorCookieName(), token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: new URL(getEnv().APP_URL).protocol === 'https:',
    path: '/',
    maxAge: OPERATOR_SESSION_TTL_SECONDS,
  });
}

export async function clearOperatorSessionCookie(): Promise<void> {
  (await cookies()).delete(operatorCookieName());
}
