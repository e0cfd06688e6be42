// Everything that comes from outside for the Amazon channel is parsed here: SP-API responses
// (Orders v0, Orders 2026-01-01, Tokens) and the connect inputs. A response that does not match
// fails the whole page with AmazonResponseError (paths and codes only, never values) before
// anything is written.
import { z } from 'zod';

export const AMAZON_REGIONS = ['na', 'eu', 'fe'] as const;
export const ZAmazonRegion = z.enum(AMAZON_REGIONS);
export type TAmazonRegion = z.infer<typeof ZAmazonRegion>;

/** Default marketplaces per region when the seller's are not known yet (Sellers API not used). */
export const REGION_MARKETPLACES: Record<TAmazonRegion, string[]> = {
  na: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'],
  eu: ['A1F83G8C2ARO7P', 'A1PA6795UKMFR9', 'A13V1IB3VIYZZH'],
  fe: ['A1VC38T7YXB528', 'A39IBJ37TRP1C6'],
};

export const ZMarketplaceId = z.string().regex(/^[A-Z0-9]{10,20}$/, 'a marketplace id');
export const ZSellingPartnerId = z.string().regex(/^[A-Z0-9]{8,20}$/, 'a selling partner id');
export const ZAmazonOrderId = z.string().regex(/^\d{3}-\d{7}-\d{7}$/, 'an Amazon order id (3-7-7)');

export const ZOrdersApiVersion = z.enum(['V0', 'V2026_01_01']);

/** Self-authorization: a refresh token generated in Seller Central. */
export const ZConnectSelfAuthorizedInput = z.strictObject({
  sellingPartnerId: ZSellingPartnerId,
  region: ZAmazonRegion,
  refreshToken: z
    .string()
    .trim()
    .regex(/^Atzr\|[\x21-\x7e]{10,2040}$/, 'a refresh token starting with Atzr|'),
  marketplaceIds: z.array(ZMarketplaceId).min(1).max(50).optional(),
  ordersApiVersion: ZOrdersApiVersion.optional(),
});
export type TConnectSelfAuthorizedInput = z.input<typeof ZConnectSelfAuthorizedInput>;

/** The redirect from Amazon's consent page (website authorization workflow, Step 3). */
export const ZAmazonCallbackQuery = z.object({
  state: z.string().min(10).max(2000),
  selling_partner_id: ZSellingPartnerId,
  spapi_oauth_code: z.string().min(4).max(2048),
});

export const ZUpdateIntegrationSettingsInput = z.strictObject({
  integrationId: z.uuid(),
  ordersApiVersion: ZOrdersApiVersion.optional(),
  syncIntervalMinutes: z.coerce.number().int().min(1).max(1440).optional(),
});

export const ZIntegrationIdInput = z.strictObject({ integrationId: z.uuid() });

// --- SP-API responses -------------------------------------------------------------------------

const ZIsoDate = z.iso.datetime({ offset: true });
export const ZMoney = z.object({
  CurrencyCode: z.string().regex(/^[A-Z]{3}$/),
  Amount: z.string().regex(/^-?\d+(\.\d+)?$/),
});

export const V0_ORDER_STATUSES = [
  'PendingAvailability',
  'Pending',
  'Unshipped',
  'PartiallyShipped',
  'Shipped',
  'InvoiceUnconfirmed',
  'Canceled',
  'Unfulfillable',
] as const;
export type TV0OrderStatus = (typeof V0_ORDER_STATUSES)[number];

const ZV0Address = z.object({
  Name: z.string().optional(),
  AddressLine1: z.string().optional(),
  AddressLine2: z.string().optional(),
  AddressLine3: z.string().optional(),
  City: z.string().optional(),
  StateOrRegion: z.string().optional(),
  PostalCode: z.string().optional(),
  CountryCode: z.string().optional(),
  Phone: z.string().optional(),
});

export const ZV0Order = z.object({
  AmazonOrderId: ZAmazonOrderId,
  PurchaseDate: ZIsoDate,
  LastUpdateDate: ZIsoDate,
  OrderStatus: z.enum(V0_ORDER_STATUSES),
  FulfillmentChannel: z.enum(['MFN', 'AFN']),
  MarketplaceId: ZMarketplaceId,
  ShipServiceLevel: z.string().max(200).optional(),
  OrderTotal: ZMoney.optional(),
  NumberOfItemsShipped: z.number().int().min(0).optional(),
  NumberOfItemsUnshipped: z.number().int().min(0).optional(),
  EarliestShipDate: ZIsoDate.optional(),
  LatestShipDate: ZIsoDate.optional(),
  EarliestDeliveryDate: ZIsoDate.optional(),
  LatestDeliveryDate: ZIsoDate.optional(),
  IsPrime: z.boolean().optional(),
  IsBusinessOrder: z.boolean().optional(),
  ShippingAddress: ZV0Address.optional(),
  BuyerInfo: z.object({ BuyerEmail: z.string().optional(), BuyerName: z.string().optional() }).optional(),
});
export type TV0Order = z.infer<typeof ZV0Order>;

export const ZV0GetOrdersPayload = z.object({
  Orders: z.array(ZV0Order).max(100),
  NextToken: z.string().min(1).optional(),
  LastUpdatedBefore: ZIsoDate.optional(),
  CreatedBefore: ZIsoDate.optional(),
});

export const ZV0OrderItem = z.object({
  OrderItemId: z.string().min(1).max(100),
  ASIN: z.string().max(20).optional(),
  SellerSKU: z.string().max(200).optional(),
  Title: z.string().max(2000).optional(),
  QuantityOrdered: z.number().int().min(0),
  QuantityShipped: z.number().int().min(0).optional(),
  ItemPrice: ZMoney.optional(),
  ItemTax: ZMoney.optional(),
});
export type TV0OrderItem = z.infer<typeof ZV0OrderItem>;

export const ZV0GetOrderItemsPayload = z.object({
  AmazonOrderId: ZAmazonOrderId,
  OrderItems: z.array(ZV0OrderItem),
  NextToken: z.string().min(1).optional(),
});

export const ZRdtResponse = z.object({
  restrictedDataToken: z.string().regex(/^Atz\.sprdt\|/),
  expiresIn: z.number().int().positive(),
});

const Z2026Money = z.object({
  amount: z.string().regex(/^-?\d+(\.\d+)?$/),
  currencyCode: z.string().regex(/^[A-Z]{3}$/),
});

export const Z2026Order = z.object({
  orderId: ZAmazonOrderId,
  createdTime: ZIsoDate,
  lastUpdatedTime: ZIsoDate,
  programs: z.array(z.string()).optional(),
  salesChannel: z.object({ marketplaceId: ZMarketplaceId }),
  buyer: z.object({ buyerName: z.string().optional(), buyerEmail: z.string().optional() }).optional(),
  recipient: z
    .object({
      deliveryAddress: z
        .object({
          name: z.string().optional(),
          addressLine1: z.string().optional(),
          addressLine2: z.string().optional(),
          addressLine3: z.string().optional(),
          city: z.string().optional(),
          stateOrRegion: z.string().optional(),
          postalCode: z.string().optional(),
          countryCode: z.string().optional(),
          phone: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
  proceeds: z.object({ grandTotal: Z2026Money.optional() }).optional(),
  fulfillment: z.object({
    fulfillmentStatus: z.enum([
      'PENDING_AVAILABILITY',
      'PENDING',
      'UNSHIPPED',
      'PARTIALLY_SHIPPED',
      'SHIPPED',
      'CANCELLED',
      'UNFULFILLABLE',
    ]),
    fulfilledBy: z.enum(['MERCHANT', 'AMAZON']),
    fulfillmentServiceLevel: z.string().optional(),
    shipByWindow: z
      .object({ earliestDateTime: ZIsoDate.optional(), latestDateTime: ZIsoDate.optional() })
      .optional(),
    deliverByWindow: z
      .object({ earliestDateTime: ZIsoDate.optional(), latestDateTime: ZIsoDate.optional() })
      .optional(),
  }),
  orderItems: z.array(
    z.object({
      orderItemId: z.string().min(1).max(100),
      quantityOrdered: z.number().int().min(0),
      product: z.object({
        asin: z.string().optional(),
        title: z.string().optional(),
        sellerSku: z.string().optional(),
        price: z.object({ unitPrice: Z2026Money.optional() }).optional(),
      }),
      fulfillment: z.object({ quantityFulfilled: z.number().int().min(0) }).optional(),
    }),
  ),
});
export type T2026Order = z.infer<typeof Z2026Order>;

export const Z2026SearchOrdersResponse = z.object({
  orders: z.array(Z2026Order).max(100),
  pagination: z.object({ nextToken: z.string().min(1) }).optional(),
  lastUpdatedBefore: ZIsoDate.optional(),
  createdBefore: ZIsoDate.optional(),
});

/** A response that does not match Amazon's model. The message names paths and codes, never values. */
export class AmazonResponseError extends Error {
  override readonly name = 'AmazonResponseError';
  constructor(
    readonly operation: string,
    error: z.ZodError,
  ) {
    const issues = error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'} ${i.code}`)
      .join('; ');
    super(`malformed ${operation} response from Amazon: ${issues}`);
  }
}

export function parseSpApiResponse<T extends z.ZodType>(
  operation: string,
  schema: T,
  body: unknown,
): z.output<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new AmazonResponseError(operation, parsed.error);
  return parsed.data;
}
