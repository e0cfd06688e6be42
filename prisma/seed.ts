// npm run db:seed — the demo organization, when the database has none (lib/demo/seed-demo.ts).
// Refuses NODE_ENV=production (the demo accounts' password is public).
import { disconnectSystemDb } from '../lib/db/system.ts';
import { seedDemo } from '../lib/demo/seed-demo.ts';

const result = await seedDemo();
process.stdout.write(
  result.created
    ? `db:seed: created demo organization "/${result.slug}"\n`
    : 'db:seed: organizations exist; nothing seeded\n',
);
await disconnectSystemDb();
