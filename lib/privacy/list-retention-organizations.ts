// The daily retention sweep's list of organizations (ids only): every organization gets its own
// privacy.retention job, which then works inside that tenant only.
import { systemDb } from '../db/system.ts';

export async function listRetentionOrganizationIds(): Promise<string[]> {
  const rows = await systemDb().organization.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  return rows.map((r) => r.id);
}
