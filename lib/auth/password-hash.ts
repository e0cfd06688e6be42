// Password hashing: bcrypt (@node-rs/bcrypt) at cost 12 (~215 ms here). Tests may pass a lower
// cost explicitly (`{ cost: 4 }`); there is deliberately no environment switch for it.
import { hash, verify } from '@node-rs/bcrypt';

export const BCRYPT_COST = 12;

export interface HashOptions {
  /** Tests only: a lower cost passed explicitly. Production code never sets it. */
  cost?: number;
}

export function hashPassword(password: string, options: HashOptions = {}): Promise<string> {
  return hash(password, { cost: options.cost ?? BCRYPT_COST, rejectLongPasswords: true });
}

export async function verifyPassword(password: string, passwordHash: string): Promise<boolean> {
  try {
    return await verify(password, passwordHash);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/**
 * Spends the same bcrypt work as a real check, against a hash nobody's password matches, so an
 * unknown email or a user without a password costs as much time as a wrong password.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummy ??= hashPassword(`dummy-${Math.random()}-${Date.now()}`);
  await verifyPassword(password, await dummy);
  return false;
}
