import type { Handler } from "../handler.ts";
import { catalogHandlers } from "./catalog.ts";
import { financeHandlers } from "./finance.ts";
import { fulfillmentHandlers } from "./fulfillment.ts";
import { logisticsHandlers } from "./logistics.ts";
import { orderHandlers } from "./orders.ts";
import { returnHandlers } from "./returns.ts";

/**
 * The commerce side of the development shop: catalog, orders, fulfillment, logistics and
 * after-sales of every seeded shop, as the platform side (gateway, Seller Center, control API)
 * consumes it.
 */

export { buyer, type PlaceOrderOptions, type ReturnOptions } from "./buyer.ts";
export { editProductInfo, type ProductInfoPatch } from "./catalog.ts";
export { renderProduct } from "./catalog-view.ts";
export { CommerceError } from "./errors.ts";
export { renderPackageDetail } from "./fulfillment-view.ts";
export { type HistoricalOrderOptions, placeHistoricalOrder } from "./history.ts";
export { type LabelOptions, labelPath, renderLabelPdf } from "./label-pdf.ts";
export { type ShopEventEmitter, tickCommerce } from "./lifecycle.ts";
export { renderOrder } from "./order-view.ts";
export { type SeedOptions, seedCommerce } from "./seed/index.ts";
export {
  ensureShopCommerce,
  findShopData,
  listCancellations,
  listOrders,
  listPackages,
  listProducts,
  listReturns,
} from "./shop-data.ts";
export type { CommerceState } from "./state.ts";

/** Handlers keyed by `"METHOD /path/{placeholders}"` exactly as in the contract. */
export const commerceHandlers: Record<string, Handler> = {
  ...orderHandlers,
  ...fulfillmentHandlers,
  ...logisticsHandlers,
  ...returnHandlers,
  ...catalogHandlers,
  ...financeHandlers,
};
