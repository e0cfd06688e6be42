'use server';
// Order detail: reveal the recipient for a purpose. The wrapper needs orders.read; the vault's
// reader then requires the purpose's own permission (pii.reveal / pii.print) and audits the read.
import { tenantAction } from '@/lib/auth/tenant-action.ts';
import { revealOrderRecipient } from '@/lib/orders/reveal-order-recipient.ts';
import { ZRevealRecipientInput } from '@/lib/orders/schemas.ts';

export const revealRecipientAction = tenantAction(
  ZRevealRecipientInput,
  'orders.read',
  async ({ ctx, input }) => {
    const pii = await revealOrderRecipient(ctx, input);
    return {
      name: pii.name ?? null,
      addressLine1: pii.addressLine1 ?? null,
      addressLine2: pii.addressLine2 ?? null,
      addressLine3: pii.addressLine3 ?? null,
      city: pii.city ?? null,
      region: pii.region ?? null,
      postcode: pii.postcode ?? null,
      phone: pii.phone ?? null,
      email: pii.email ?? null,
      countryCode: pii.countryCode,
    };
  },
);
