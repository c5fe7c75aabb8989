import { fail, type HandlerResult } from "../handler.ts";

/**
 * Business error codes of the commerce endpoints.
 *
 * Confirmed (TikTok's endpoint error tables or live responses, see the reference §3.3): the
 * product codes 120xxxxx, 21008111, 21008106, 21011044 (ON_HOLD refuses shipping), 21011049
 * (shipping info update after the 72 h window), 10007014 (combine), 25001011 and 25011014.
 *
 * Unconfirmed: TikTok documents no code for the remaining fulfillment and after-sale failures.
 * Those below keep the prefix of their domain (2101xxxx fulfillment, 2501xxxx after-sales) and
 * say what is wrong in plain words; a client should branch on them only through this table.
 */
export const codes = {
  invalidParam: 36009004,
  // products
  productIdNotExist: 12019150,
  productNotExist: 12052032,
  productOtherShop: 12052034,
  warehouseNotExist: 12052097,
  warehouseNotSales: 12052532,
  warehouseDuplicate: 12052555,
  multipleWarehouses: 12019028,
  stockInvalid: 12019024,
  productStatusInvalid: 12052901,
  priceStatusInvalid: 12019113,
  skuIdRequired: 12052036,
  skuNotInProduct: 12052557,
  skuDuplicate: 12052553,
  priceFormat: 12052012,
  priceInvalid: 12052073,
  listPriceInvalid: 12052375,
  tooManySkuIds: 12019087,
  currencyInvalid: 12052084,
  tooManyProductIds: 12019120,
  tooManySkus: 12019015,
  searchCap: 12052180,
  tooManySellerSkus: 12019027,
  searchCreateTime: 12019118,
  searchUpdateTime: 12019119,
  productInvalidInput: 12052910,
  // orders and fulfillment
  notBelong: 21008111,
  regionUnsupported: 21008106,
  onHold: 21011044,
  shippingInfoWindow: 21011049,
  combineNotAllowed: 10007014,
  packageStatus: 21011001,
  orderCancelled: 21011002,
  fulfilledByTiktok: 21011003,
  pendingCancellation: 21011004,
  unpaid: 21011005,
  trackingInvalid: 21011010,
  providerInvalid: 21011011,
  selfShipmentRequired: 21011012,
  shippingTypeMismatch: 21011013,
  lineItemInvalid: 21011020,
  splitInvalid: 21011030,
  documentUnavailable: 21011050,
  shippingServiceInvalid: 21011060,
  // after-sales
  reverseInProgress: 25001011,
  cannotRejectReceive: 25011014,
  aftersaleNotFound: 25001003,
  aftersaleStatus: 25011001,
  decisionNotApplicable: 25011002,
  rejectReasonInvalid: 25011003,
  cancelReasonInvalid: 25011004,
  notCancellable: 25011005,
  partialRefundInvalid: 25011006,
  aftersaleIneligible: 25011008,
} as const;

export const messages = {
  notBelong: "The order or package does not belong to the current seller.",
  regionUnsupported:
    "This interface cannot be used in this region or this business type. Please don't use the api.",
  onHold:
    "The order is on hold: the buyer may still cancel it within one hour of payment. Ship it once its status is AWAITING_SHIPMENT.",
  shippingInfoWindow:
    "Shipping information can only be updated within 72 hours after the package was shipped.",
  productStatusInvalid:
    "The product in its current status is not available for this operation. Change the product status and try again.",
} as const;

export function invalidParam(detail: string): HandlerResult {
  return fail(codes.invalidParam, `Invalid param error. ${detail}`, 400);
}

export function notBelong(): HandlerResult {
  return fail(codes.notBelong, messages.notBelong);
}

/** An error that travels through the domain operations and becomes a response or a batch item error. */
export class CommerceError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "CommerceError";
  }
}

/** Runs a domain operation and turns a CommerceError into the matching TikTok response. */
export function attempt(run: () => HandlerResult): HandlerResult {
  try {
    return run();
  } catch (error) {
    if (error instanceof CommerceError) return fail(error.code, error.message, error.status);
    throw error;
  }
}

export function raise(code: number, message: string, status?: number): never {
  throw new CommerceError(code, message, status);
}

/** Generic parameter validation failure (TikTok answers these with HTTP 400). */
export function raiseInvalid(detail: string): never {
  throw new CommerceError(codes.invalidParam, `Invalid param error. ${detail}`, 400);
}
