// Recent count tasks (the newest 100), with what they count; open and pending ones first.
import { withTenant } from '../db/tenant.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { ZListCountTasksInput, type TListCountTasksInput } from './schemas.ts';

const STATUS_ORDER = { OPEN: 0, PENDING_APPROVAL: 1, REJECTED: 2, COMPLETED: 3 } as const;

export async function listCountTasks(ctx: TenantContext, input: TListCountTasksInput = {}) {
  assertPermission(ctx, 'inventory.read');
  const { status } = ZListCountTasksInput.parse(input);
  const organizationId = ctx.organizationId;
  const tasks = await withTenant(organizationId, (tx) =>
    tx.countTask.findMany({
      where: { organizationId, ...(status ? { status } : {}) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: 100,
      select: {
        id: true,
        status: true,
        blind: true,
        createdAt: true,
        warehouse: { select: { code: true } },
        location: { select: { code: true } },
        product: { select: { sku: true } },
      },
    }),
  );
  return tasks.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
}
