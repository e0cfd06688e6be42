// Prisma CLI configuration. Only `prisma generate` runs here (scripts/prisma.mjs); migrations are
// applied by scripts/migrate.ts. The URL is read for completeness on machines where the Prisma
// CLI's own migrate commands work (`prisma migrate deploy` against the owner role).
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: {
    url: process.env.DATABASE_OWNER_URL ?? 'postgresql://packline_owner@127.0.0.1:5432/packline',
  },
});
