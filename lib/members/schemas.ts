import { z } from 'zod';

export const MEMBERS_PAGE_SIZE = 25;

export const ZListMembersInput = z
  .object({
    organizationId: z.uuid(),
    /** Opaque cursor: return the page after this position. */
    after: z.string().optional(),
    /** Opaque cursor: return the page before this position. Ignored when `after` is set. */
    before: z.string().optional(),
    limit: z.number().int().min(1).max(100).default(MEMBERS_PAGE_SIZE),
  })
  .strict();

export type TListMembersInput = z.input<typeof ZListMembersInput>;
