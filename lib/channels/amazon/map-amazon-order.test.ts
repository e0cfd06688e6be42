import { describe, expect, it } from 'vitest';
import { AMAZON_STATUS_MAP, needsRecipient, normalizeV0Order, toMinorUnits } from './map-amazon-order.ts';
import {
  V0_ORDER_STATUSES,
  ZV0GetOrdersPayload,
  parseSpApiResponse,
  AmazonResponseError,
} from './schemas.ts';

describe('toMinorUnits', () => {
  it('converts decimal strings exactly, per currency exponent', () => {
    expect(toMinorUnits('12.34', 'USD')).toBe(1234n);
    expect(toMinorUnits('0.1', 'EUR')).toBe(10n);
    expect(toMinorUnits('19.999', 'USD')).toBe(2000n);
    expect(toMinorUnits('1500', 'JPY')).toBe(1500n);
    expect(toMinorUnits('1.234', 'KWD')).toBe(1234n);
    expect(toMinorUnits('-3.50', 'GBP')).toBe(-350n);
    expect(toMinorUnits('123456789012.34', 'USD')).toBe(12345678901234n);
  });
});

describe('Amazon status mapping', () => {
  it('maps every v0 status onto the Packline lifecycle', () => {
    for (const s of V0_ORDER_STATUSES) expect(AMAZON_STATUS_MAP[s]).toBeDefined();
    expect(AMAZON_STATUS_MAP.Canceled).toBe('CANCELLED');
    expect(AMAZON_STATUS_MAP.InvoiceUnconfirmed).toBe('SHIPPED');
    expect(AMAZON_STATUS_MAP.Unshipped).toBe('AWAITING_FULFILMENT');
  });

  it('needs the recipient only for merchant-fulfilled orders still to ship', () => {
    expect(needsRecipient('MERCHANT', 'Unshipped')).toBe(true);
    expect(needsRecipient('MERCHANT', 'PartiallyShipped')).toBe(true);
    expect(needsRecipient('MARKETPLACE', 'Unshipped')).toBe(false);
    expect(needsRecipient('MERCHANT', 'Shipped')).toBe(false);
    expect(needsRecipient('MERCHANT', 'Canceled')).toBe(false);
  });

  it('normalizes a v0 order', () => {
    const o = normalizeV0Order({
      AmazonOrderId: '111-1234567-1234567',
      PurchaseDate: '2026-03-01T10:00:00Z',
      LastUpdateDate: '2026-03-01T11:00:00Z',
      OrderStatus: 'Unshipped',
      FulfillmentChannel: 'MFN',
      MarketplaceId: 'ATVPDKIKX0DER',
      OrderTotal: { CurrencyCode: 'USD', Amount: '25.10' },
      LatestShipDate: '2026-03-03T23:59:59Z',
    });
    expect(o).toMatchObject({
      status: 'AWAITING_FULFILMENT',
      fulfilmentChannel: 'MERCHANT',
      totalMinor: 2510n,
      currency: 'USD',
      latestShipAt: new Date('2026-03-03T23:59:59Z'),
    });
  });
});

describe('SP-API response parsing', () => {
  it('rejects a malformed page naming paths, never values', () => {
    const bad = { Orders: [{ AmazonOrderId: 'CANARY-not-an-id', OrderStatus: 'Bogus' }] };
    let error: unknown;
    try {
      parseSpApiResponse('orders.getOrders', ZV0GetOrdersPayload, bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AmazonResponseError);
    expect((error as Error).message).toMatch(
      /^malformed orders\.getOrders response from Amazon: Orders\.0\./,
    );
    expect((error as Error).message).not.toContain('CANARY');
  });
});
