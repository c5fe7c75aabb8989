import {
  type Address,
  buyer,
  CommerceError,
  type PlaceOrderOptions,
  type ReturnOptions,
} from "../domains.ts";
import type { Runtime } from "../platform/runtime.ts";

/**
 * The buyer simulation bound to the running dev shop: its store, its clock and its webhook
 * delivery. Seller Center's buyer page, the control API (/control/buyer/...) and tests use it.
 * Failures are thrown as BuyerActionError with TikTok-style codes.
 */
export interface BuyerControl {
  /** Places an order (ON_HOLD for an hour by default) and returns its id. */
  placeOrder(shopId: string, options?: PlaceOrderOptions): string;
  payForOrder(orderId: string, onHold?: boolean): void;
  /** Cancels at once while UNPAID or ON_HOLD, otherwise opens a request; returns the cancellation id. */
  requestCancellation(orderId: string, reason?: string): string;
  /** Opens a return or refund request; returns its id. */
  requestReturn(orderId: string, options?: ReturnOptions): string;
  shipReturn(returnId: string): void;
  answerPartialRefund(returnId: string, accept: boolean): void;
  withdrawReturn(returnId: string): void;
  updateAddress(orderId: string, address?: Partial<Address>): void;
}

export class BuyerActionError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = "BuyerActionError";
  }
}

export function createBuyerControl(runtime: Runtime): BuyerControl {
  const emit = (shopId: string, type: number, data: Record<string, unknown>) =>
    runtime.webhooks.emitForShop(shopId, type, data);
  const run = <T>(action: () => T): T => {
    try {
      const result = action();
      runtime.markDirty();
      return result;
    } catch (error) {
      if (error instanceof CommerceError) throw new BuyerActionError(error.code, error.message);
      throw error;
    }
  };
  const store = runtime.store;
  const now = () => runtime.clock.now();
  return {
    placeOrder: (shopId, options) => run(() => buyer.placeOrder(store, shopId, now(), emit, options)),
    payForOrder: (orderId, onHold) => run(() => buyer.payForOrder(store, orderId, now(), emit, onHold)),
    requestCancellation: (orderId, reason) =>
      run(() => buyer.requestCancellation(store, orderId, now(), emit, reason)),
    requestReturn: (orderId, options) => run(() => buyer.requestReturn(store, orderId, now(), emit, options)),
    shipReturn: (returnId) => run(() => buyer.shipReturn(store, returnId, now(), emit)),
    answerPartialRefund: (returnId, accept) =>
      run(() => buyer.answerPartialRefund(store, returnId, accept, now(), emit)),
    withdrawReturn: (returnId) => run(() => buyer.withdrawReturn(store, returnId, now(), emit)),
    updateAddress: (orderId, address) => run(() => buyer.updateAddress(store, orderId, now(), emit, address)),
  };
}
