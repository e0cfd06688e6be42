// The demo tenant `npm run dev` shows on a fresh machine: created only when the database has no
// organization at all, so it never touches real data. Uses the system client (a reviewed call
// site) because it runs before any tenant exists. Never in production: its password is public.
import { systemDb } from '../db/system.ts';
import { hashPassword } from '../auth/password-hash.ts';
import { getEnv } from '../env.ts';
import { AppError } from '../errors/app-error.ts';
import { connectDemoCourier } from './connect-demo-courier.ts';

export const DEMO_ORGANIZATION = { slug: 'demo', name: 'Demo Merchant Ltd' } as const;
export const DEMO_USERS = [
  { email: 'owner@demo.packline.test', name: 'Olivia Owner', role: 'OWNER' },
  { email: 'manager@demo.packline.test', name: 'Max Manager', role: 'MANAGER' },
  { email: 'picker@demo.packline.test', name: 'Priya Picker', role: 'WAREHOUSE' },
] as const;

/**
 * The password of every demo user (documented in the README, printed by `npm run dev`). Public on
 * purpose: the demo tenant holds no real data and is only created on an empty database.
 */
export const DEMO_PASSWORD = 'correct-horse-packline-42';

/** The demo accounts share a published password: a production database must never get them. */
export function assertDemoSeedAllowed(nodeEnv: string = getEnv().NODE_ENV): void {
  if (nodeEnv === 'production') {
    throw new AppError('FORBIDDEN', 'the demo seed (a public password) never runs with NODE_ENV=production');
  }
}

export async function seedDemo(): Promise<{ created: boolean; slug: string }> {
  assertDemoSeedAllowed();
  const db = systemDb();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const seeded = await db.$transaction(async (tx) => {
    // Serialise concurrent seeds (two dev processes starting at once).
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('packline:seed-demo', 0))`;
    if ((await tx.organization.count()) > 0) return { slug: DEMO_ORGANIZATION.slug, organizationId: null };
    const organization = await tx.organization.create({ data: DEMO_ORGANIZATION });
    for (const user of DEMO_USERS) {
      const row = await tx.user.upsert({
        where: { email: user.email },
        create: {
          email: user.email,
          name: user.name,
          passwordHash,
          passwordChangedAt: new Date(),
          // Demo addresses cannot receive mail; they count as verified (invitations, Google).
          emailVerifiedAt: new Date(),
        },
        update: {},
      });
      await tx.passwordHistory.create({ data: { userId: row.id, passwordHash } });
      await tx.membership.create({
        data: { organizationId: organization.id, userId: row.id, role: user.role },
      });
    }
    return { slug: organization.slug, organizationId: organization.id };
  });
  // The demo ships with the built-in test carrier (after the commit: the credentials store runs
  // its own tenant transaction).
  if (seeded.organizationId) await connectDemoCourier(seeded.organizationId);
  return { created: seeded.organizationId !== null, slug: seeded.slug };
}
