import type { contract } from "@tts-kit/tiktok-shop/contract";
import type { z } from "zod";

/**
 * Status enums taken from the shared endpoint contract (through the request filters that carry
 * them, since the contract's index exports endpoints rather than every enum), so that the
 * emulator's state and the client's types cannot drift apart.
 */

type OrderFilter = z.infer<typeof contract.order.getOrderList.body>;
type ProductFilter = z.infer<typeof contract.product.searchProducts.body>;
type ReturnFilter = z.infer<typeof contract.returnRefund.searchReturns.body>;

export type OrderStatus = NonNullable<OrderFilter["order_status"]>;
export type ProductStatus = Exclude<NonNullable<ProductFilter["status"]>, "ALL">;
export type ReturnStatus = NonNullable<ReturnFilter["return_status"]>[number];
