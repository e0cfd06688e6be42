'use server';
// Audit screen (privacy engine §4): CSV export of the filtered events (formula-injection safe).
import { tenantAction } from '@/lib/auth/tenant-action.ts';
import { exportAuditEventsCsv, ZAuditFilter } from '@/lib/privacy/audit-log.ts';

export const exportAuditCsvAction = tenantAction(ZAuditFilter, 'audit.read', ({ ctx, input }) =>
  exportAuditEventsCsv(ctx, input),
);
