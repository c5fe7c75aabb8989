/**
 * Access scopes per domain, checked by the gateway (105005 when the token lacks one).
 *
 * TikTok publishes scope packages in Partner Center rather than per endpoint, and the public
 * material names only some of them (finance, customer service, promotion, order). The rest are
 * the most plausible names in the same `seller.<domain>.<level>` pattern; they are kept in this
 * one table so that correcting one is a one-line change for both the client and the dev shop.
 */
export const scopes = {
  shop: "seller.shop.info",
  authorization: "seller.authorization.info",
  order: "seller.order.info",
  fulfillment: "seller.fulfillment.basic",
  logistics: "seller.logistics",
  returnRefund: "seller.return_refund.basic",
  productRead: "seller.product.basic",
  productWrite: "seller.product.write",
  productDelete: "seller.product.delete",
  finance: "seller.finance.info",
  customerService: "seller.customer_service",
  promotionRead: "seller.promotion.info",
  promotionWrite: "seller.promotion.write",
  webhook: "seller.webhook",
} as const;

export type Scope = (typeof scopes)[keyof typeof scopes];

export const allScopes: readonly Scope[] = Object.values(scopes);
