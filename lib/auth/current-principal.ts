// The principal of the current request: a bearer API token when an Authorization header is sent
// (then nothing else is considered), else the signed-in user, else an operator console session
// (which only reaches an organization through a break-glass grant).
import { AppError } from '../errors/app-error.ts';
import { authenticateApiToken, bearerToken } from './api-token.ts';
import { getOperatorSession } from './operator-session.ts';
import type { Principal } from './principal.ts';
import { getSessionUser } from './session.ts';

export async function currentPrincipal(headers: Pick<Headers, 'get'>): Promise<Principal> {
  const bearer = bearerToken(headers);
  if (bearer !== null) return authenticateApiToken(bearer);
  const user = await getSessionUser();
  if (user) return { kind: 'user', userId: user.userId, mfaVerified: user.mfaVerified };
  const operator = await getOperatorSession();
  if (operator) return { kind: 'operator', operatorId: operator.operatorId };
  throw new AppError('UNAUTHENTICATED', 'sign in required');
}
