// The app role's write access to operators (migration operator_secret_grants, and
// scripts/lib/db-setup.ts applyGrants): it may record TOTP enrolment state, never an operator's
// password hash, email, session version or disabled flag.
import { describe, expect, it } from 'vitest';
import { appDb } from '../db/client.ts';
import { Prisma } from '../db/generated/prisma/client.ts';
import { systemDb } from '../db/system.ts';
import { createOperator } from './create-operator.ts';

const permissionDenied = async (write: Promise<unknown>) => {
  const error: unknown = await write.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
  expect(String((error as Error).message)).toMatch(/permission denied for table operators/);
};

describe('operators grants', () => {
  it('lets the app role update TOTP enrolment columns only', async () => {
    const { operatorId } = await createOperator({ email: `op-${Date.now()}@packline.test` }, { cost: 4 });
    const before = await systemDb().operator.findUniqueOrThrow({ where: { id: operatorId } });

    await appDb().operator.update({ where: { id: operatorId }, data: { totpLastStep: 42 } });
    await permissionDenied(
      appDb().operator.update({ where: { id: operatorId }, data: { passwordHash: '$2b$04$attacker' } }),
    );
    await permissionDenied(
      appDb().operator.update({ where: { id: operatorId }, data: { email: 'attacker@example.test' } }),
    );
    await permissionDenied(
      appDb().operator.update({ where: { id: operatorId }, data: { disabledAt: null } }),
    );

    const after = await systemDb().operator.findUniqueOrThrow({ where: { id: operatorId } });
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(after.email).toBe(before.email);
    expect(after.totpLastStep).toBe(42);
  });
});
