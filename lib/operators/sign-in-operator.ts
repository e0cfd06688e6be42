// Operator sign-in: password, then TOTP — always. An operator without TOTP gets a fresh secret to
// enrol (shown once) and must confirm a code from it before any session is issued. Unknown email
// and wrong password are the same failure with the same bcrypt cost; attempts are rate-limited.
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/bcrypt';
import { appDb } from '../db/client.ts';
import { AppError } from '../errors/app-error.ts';
import { openSecret, sealSecret } from '../auth/mfa/secret-box.ts';
import { issueOperatorSessionToken } from '../auth/operator-session.ts';
import { consumeOperatorSignIn } from './operator-rate-limit.ts';
import { OPERATOR_BCRYPT_COST } from './create-operator.ts';
import { recordOperatorEvent } from './record-operator-event.ts';
import { ZOperatorSignInInput, type TOperatorSignInInput } from './schemas.ts';
import { checkTotp, newTotpSecret, totpUri } from './totp.ts';

// A real cost-12 bcrypt hash of a random string, compared against when the email is unknown so
// that case costs the same time as a wrong password.
let dummyHash: Promise<string> | undefined;
const dummy = () => (dummyHash ??= hash(randomBytes(16).toString('hex'), { cost: OPERATOR_BCRYPT_COST }));

export type OperatorSignInResult =
  | { status: 'signed_in'; token: string }
  | { status: 'enrol'; secret: string; uri: string }
  | { status: 'code_required' };

/** Sealed TOTP secrets are bound to their operator row (AES-GCM AAD), like users' (lib/auth/mfa). */
const aad = (operatorId: string) => `operator:${operatorId}`;

const failed = () => new AppError('UNAUTHENTICATED', 'email, password or code is incorrect');

export async function signInOperator(
  input: TOperatorSignInInput,
  meta: { ip?: string } = {},
): Promise<OperatorSignInResult> {
  const { email, password, code } = ZOperatorSignInInput.parse(input);
  await consumeOperatorSignIn({ email, ip: meta.ip ?? 'unknown' });
  const operator = await appDb().operator.findUnique({ where: { email } });
  const passwordOk = await verify(password, operator?.passwordHash ?? (await dummy())).catch(() => false);
  if (!operator || !passwordOk || operator.disabledAt) {
    await recordOperatorEvent({
      operatorId: operator?.id ?? null,
      action: 'operator.sign_in_failed',
      ip: meta.ip,
    });
    throw failed();
  }

  if (!operator.totpEnabledAt) {
    if (!code || !operator.totpSecret) {
      const secret = newTotpSecret();
      await appDb().operator.update({
        where: { id: operator.id },
        data: { totpSecret: sealSecret(secret, aad(operator.id)) },
      });
      return { status: 'enrol', secret, uri: totpUri(secret, email) };
    }
  } else if (!code) {
    return { status: 'code_required' };
  }

  const step = checkTotp(openSecret(operator.totpSecret!, aad(operator.id)), code!, operator.totpLastStep);
  if (step === null) {
    await recordOperatorEvent({ operatorId: operator.id, action: 'operator.mfa_failed', ip: meta.ip });
    throw failed();
  }
  // Claim the step atomically so the same code cannot be used twice concurrently.
  const claimed = await appDb().operator.updateMany({
    where: {
      id: operator.id,
      OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }],
    },
    data: { totpLastStep: step, ...(operator.totpEnabledAt ? {} : { totpEnabledAt: new Date() }) },
  });
  if (claimed.count !== 1) throw failed();
  if (!operator.totpEnabledAt) {
    await recordOperatorEvent({ operatorId: operator.id, action: 'operator.mfa_enrolled', ip: meta.ip });
  }
  await recordOperatorEvent({ operatorId: operator.id, action: 'operator.signed_in', ip: meta.ip });
  return {
    status: 'signed_in',
    token: await issueOperatorSessionToken(operator.id, operator.sessionVersion),
  };
}
