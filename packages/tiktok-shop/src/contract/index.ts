import { authorization, seller } from "./authorization.ts";
import { customerService } from "./customer-service.ts";
import type { AnyEndpoint } from "./define.ts";
import { event } from "./event.ts";
import { finance } from "./finance.ts";
import { fulfillment } from "./fulfillment.ts";
import { logistics } from "./logistics.ts";
import { order } from "./order.ts";
import { product } from "./product.ts";
import { promotion } from "./promotion.ts";
import { returnRefund } from "./return-refund.ts";

export * from "./authorization.ts";
export * from "./common.ts";
export * from "./customer-service.ts";
export * from "./define.ts";
export * from "./event.ts";
export * from "./finance.ts";
export * from "./fulfillment.ts";
export * from "./logistics.ts";
export * from "./order.ts";
export * from "./product.ts";
export * from "./promotion.ts";
export * from "./return-refund.ts";
export * from "./scopes.ts";

/** Every endpoint, grouped by domain as TikTok's docs group them. */
export const contract = {
  authorization,
  seller,
  event,
  order,
  fulfillment,
  logistics,
  returnRefund,
  product,
  finance,
  customerService,
  promotion,
};

export type Contract = typeof contract;
export type DomainName = keyof Contract;

/** Flat list of every endpoint with its domain, for routers and generated documents. */
export const allEndpoints: ReadonlyArray<{ domain: DomainName; endpoint: AnyEndpoint }> = Object.entries(
  contract,
).flatMap(([domain, endpoints]) =>
  Object.values(endpoints as Record<string, AnyEndpoint>).map((endpoint) => ({
    domain: domain as DomainName,
    endpoint,
  })),
);
