// Setting a user's password (sign-up, change, reset): policy check, no reuse of the last 10,
// bcrypt hash, history row, passwordChangedAt. Runs inside the caller's transaction.
import type { Prisma } from '../db/generated/prisma/client.ts';
import { AppError } from '../errors/app-error.ts';
import { hashPassword, verifyPassword, type HashOptions } from './password-hash.ts';
import {
  checkPasswordPolicy,
  PASSWORD_HISTORY_DEPTH,
  PASSWORD_ISSUE_MESSAGES,
  type PasswordContext,
} from './password-policy.ts';

type Tx = Pick<Prisma.TransactionClient, 'user' | 'passwordHistory'>;

/** Throws UNPROCESSABLE with the policy's messages (safe to show) when the password is refused. */
export function assertPasswordAcceptable(password: string, ctx: PasswordContext): void {
  const issues = checkPasswordPolicy(password, ctx);
  if (issues.length) {
    throw new AppError('UNPROCESSABLE', PASSWORD_ISSUE_MESSAGES[issues[0]!], {
      field: 'password',
      issues,
    });
  }
}

export async function assertNotRecentlyUsed(tx: Tx, userId: string, password: string): Promise<void> {
  const recent = await tx.passwordHistory.findMany({
    where: { userId },
    orderBy: { createdAt: 'desc' },
    take: PASSWORD_HISTORY_DEPTH,
    select: { passwordHash: true },
  });
  for (const { passwordHash } of recent) {
    if (await verifyPassword(password, passwordHash)) {
      throw new AppError('UNPROCESSABLE', 'Choose a password you have not used recently.', {
        field: 'password',
        issues: ['reused'],
      });
    }
  }
}

/** Stores a new password (already policy-checked) and keeps the last 10 in the history. */
export async function storePassword(
  tx: Tx,
  userId: string,
  password: string,
  options: HashOptions = {},
): Promise<void> {
  const passwordHash = await hashPassword(password, options);
  await tx.user.update({ where: { id: userId }, data: { passwordHash, passwordChangedAt: new Date() } });
  await tx.passwordHistory.create({ data: { userId, passwordHash } });
  const stale = await tx.passwordHistory.findMany({
    where: { userId },
    orderBy: { createdAt: 'desc' },
    skip: PASSWORD_HISTORY_DEPTH,
    select: { id: true },
  });
  if (stale.length) await tx.passwordHistory.deleteMany({ where: { id: { in: stale.map((s) => s.id) } } });
}
