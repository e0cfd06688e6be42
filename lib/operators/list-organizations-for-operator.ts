// The operator console's list of organizations: names, slugs, status and member counts only —
// never orders or buyer PII. Cross-tenant by nature, so a reviewed system-client call site.
import { systemDb } from '../db/system.ts';

export interface OperatorOrganizationItem {
  id: string;
  slug: string;
  name: string;
  status: 'ACTIVE' | 'SUSPENDED';
  createdAt: Date;
  members: number;
}

export async function listOrganizationsForOperator(): Promise<OperatorOrganizationItem[]> {
  const rows = await systemDb().organization.findMany({
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: 500,
    select: {
      id: true,
      slug: true,
      name: true,
      status: true,
      createdAt: true,
      _count: { select: { memberships: true } },
    },
  });
  return rows.map(({ _count, ...r }) => ({ ...r, members: _count.memberships }));
}
