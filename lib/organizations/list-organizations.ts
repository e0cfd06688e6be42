// Lists organizations for the organization switcher and the root redirect, oldest first.
// Cross-tenant, so it uses the reviewed system client (lib/db/system.ts).
// Until authentication lands this lists every organization; once users sign in, the switcher must
// list only the signed-in user's memberships instead.
import { systemDb } from '../db/system.ts';
import { ZListOrganizationsInput, type TListOrganizationsInput } from './schemas.ts';

export interface OrganizationListItem {
  id: string;
  slug: string;
  name: string;
}

export async function listOrganizations(
  input: TListOrganizationsInput = {},
): Promise<OrganizationListItem[]> {
  const { limit } = ZListOrganizationsInput.parse(input);
  return systemDb().organization.findMany({
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: limit,
    select: { id: true, slug: true, name: true },
  });
}
