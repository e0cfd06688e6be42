'use server';
// Data-subject requests screen (privacy engine §5). Lookup values (email, phone) travel in the
// action body only — never in a URL — and are not stored: the request keeps vault record ids.
// Rectified values go straight into the vault (re-encrypted), never into the request.
import { z } from 'zod';
import { tenantAction } from '@/lib/auth/tenant-action.ts';
import {
  eraseDsr,
  exportDsr,
  openDsr,
  rectifyDsr,
  setDsrRestriction,
  ZDsrRef,
  ZOpenDsrInput,
  ZRectifyDsrInput,
} from '@/lib/privacy/dsr.ts';

export const openDsrAction = tenantAction(ZOpenDsrInput, 'privacy.dsr', ({ ctx, input }) =>
  openDsr(ctx, input, new Date()),
);

export const exportDsrAction = tenantAction(ZDsrRef, 'privacy.dsr', async ({ ctx, input }) =>
  JSON.stringify(await exportDsr(ctx, input, new Date()), null, 2),
);

export const eraseDsrAction = tenantAction(ZDsrRef, 'privacy.dsr', ({ ctx, input }) =>
  eraseDsr(ctx, input, new Date()),
);

const ZSetRestriction = ZDsrRef.extend({ restricted: z.boolean() });

export const setDsrRestrictionAction = tenantAction(ZSetRestriction, 'privacy.dsr', ({ ctx, input }) =>
  setDsrRestriction(ctx, input, new Date()),
);

export const rectifyDsrAction = tenantAction(ZRectifyDsrInput, 'privacy.dsr', ({ ctx, input }) =>
  rectifyDsr(ctx, input, new Date()),
);
