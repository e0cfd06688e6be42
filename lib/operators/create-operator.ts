// Creates a platform operator (issue 3, item 10) — only from the CLI (`npm run operator:create`),
// never by sign-up. Returns a one-time password to hand over out of band; TOTP enrolment is forced
// on the first sign-in, and no session exists before it.
import { randomBytes } from 'node:crypto';
import { hash } from '@node-rs/bcrypt';
import { appDb } from '../db/client.ts';
import { AppError } from '../errors/app-error.ts';
import { recordOperatorEvent } from './record-operator-event.ts';
import { ZOperatorEmail } from './schemas.ts';

export const OPERATOR_BCRYPT_COST = 12;

export async function createOperator(
  input: { email: string },
  options: { cost?: number } = {},
): Promise<{ operatorId: string; oneTimePassword: string }> {
  const email = ZOperatorEmail.parse(input.email);
  const oneTimePassword = randomBytes(18).toString('base64url');
  const passwordHash = await hash(oneTimePassword, { cost: options.cost ?? OPERATOR_BCRYPT_COST });
  const existing = await appDb().operator.findUnique({ where: { email }, select: { id: true } });
  if (existing) throw new AppError('CONFLICT', 'an operator with this email already exists');
  const operator = await appDb().operator.create({ data: { email, passwordHash }, select: { id: true } });
  await recordOperatorEvent({ operatorId: operator.id, action: 'operator.created' });
  return { operatorId: operator.id, oneTimePassword };
}
