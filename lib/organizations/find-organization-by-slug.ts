// Resolves the organization named in a URL. A cross-tenant read by nature (the tenant is not known
// until this returns), so it uses the reviewed system client (lib/db/system.ts).
import type { OrganizationKind, OrganizationStatus } from '../db/generated/prisma/client.ts';
import { systemDb } from '../db/system.ts';
import { ZOrganizationSlug } from './schemas.ts';

export interface OrganizationSummary {
  id: string;
  slug: string;
  name: string;
  kind: OrganizationKind;
  status: OrganizationStatus;
}

/** Returns null for an unknown slug and for one that is not a valid slug at all (no query). */
export async function findOrganizationBySlug(slug: string): Promise<OrganizationSummary | null> {
  const parsed = ZOrganizationSlug.safeParse(slug);
  if (!parsed.success) return null;
  return systemDb().organization.findUnique({
    where: { slug: parsed.data },
    select: { id: true, slug: true, name: true, kind: true, status: true },
  });
}
