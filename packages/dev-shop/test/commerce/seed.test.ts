import { describe, expect, it } from "vitest";
import { seedCommerce } from "../../src/commerce/index.ts";
import { toMinor } from "../../src/commerce/money.ts";
import type { Shop } from "../../src/state/platform.ts";
import { gbShop, makeStore, NOW, usShop } from "./helpers.ts";

const crossBorder: Shop = {
  ...gbShop,
  id: "7495000000000000003",
  name: "Test CB",
  sellerType: "CROSS_BORDER",
  cipher: "ROW_test_cb",
  code: "GBCBTEST01",
};
const threeShops = [usShop, gbShop, crossBorder];

describe("seedCommerce", () => {
  it("is deterministic for a seed and a clock", () => {
    const a = seedCommerce([usShop, gbShop], { seed: 7, now: NOW, productsPerShop: 20, ordersPerShop: 120 });
    const b = seedCommerce([usShop, gbShop], { seed: 7, now: NOW, productsPerShop: 20, ordersPerShop: 120 });
    const c = seedCommerce([usShop, gbShop], { seed: 8, now: NOW, productsPerShop: 20, ordersPerShop: 120 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  it("seeds the default size fast enough to reseed in every test", () => {
    const started = performance.now();
    const state = seedCommerce(threeShops, { seed: 1, now: NOW });
    const elapsed = performance.now() - started;
    const shops = Object.values(state.shops);
    const products = shops.reduce((sum, shop) => sum + Object.keys(shop.products).length, 0);
    const orders = shops.reduce((sum, shop) => sum + Object.keys(shop.orders).length, 0);
    expect(products).toBeGreaterThanOrEqual(140);
    expect(products).toBeLessThanOrEqual(160);
    expect(orders).toBeGreaterThanOrEqual(1900);
    expect(orders).toBeLessThanOrEqual(2100);
    expect(elapsed).toBeLessThan(1500);
  });

  const state = seedCommerce(threeShops, { seed: 3, now: NOW });

  it.each(threeShops.map((shop) => [shop.name, shop] as const))("covers every state in %s", (_name, shop) => {
    const data = state.shops[shop.id]!;
    const orders = Object.values(data.orders);
    const statuses = new Set(orders.map((order) => order.status));
    for (const status of [
      "UNPAID",
      "ON_HOLD",
      "AWAITING_SHIPMENT",
      "PARTIALLY_SHIPPING",
      "AWAITING_COLLECTION",
      "IN_TRANSIT",
      "DELIVERED",
      "COMPLETED",
      "CANCELLED",
    ]) {
      expect(statuses, status).toContain(status);
    }
    expect(orders.some((order) => order.lineItems.length > 1)).toBe(true);
    expect(orders.some((order) => order.lineItems.some((line) => line.isGift))).toBe(true);
    expect(orders.some((order) => order.isSampleOrder)).toBe(true);
    expect(orders.some((order) => order.fulfillmentType === "FULFILLMENT_BY_TIKTOK")).toBe(true);
    expect(orders.some((order) => order.shippingType === "SELLER")).toBe(true);
    expect(orders.some((order) => order.shippingType === "TIKTOK")).toBe(true);
    expect(orders.some((order) => order.splitOrCombineTag === "SPLIT")).toBe(true);
    expect(orders.some((order) => order.splitOrCombineTag === "COMBINED")).toBe(true);
    expect(orders.some((order) => order.isBuyerRequestCancel)).toBe(true);
    expect(Object.values(data.packages).some((pkg) => pkg.orderIds.length > 1)).toBe(true);
    const cancelStatuses = new Set(Object.values(data.cancellations).map((c) => c.status));
    for (const status of ["PENDING", "SUCCESS", "CANCEL", "COMPLETE"]) {
      expect(cancelStatuses, status).toContain(`CANCELLATION_REQUEST_${status}`);
    }
    const initiators = new Set(orders.map((order) => order.cancellationInitiator).filter(Boolean));
    expect([...initiators].sort()).toEqual(["BUYER", "SELLER", "SYSTEM"]);
    const returnStatuses = new Set(Object.values(data.returns).map((r) => r.status));
    for (const status of [
      "RETURN_OR_REFUND_REQUEST_PENDING",
      "REFUND_OR_RETURN_REQUEST_REJECT",
      "AWAITING_BUYER_SHIP",
      "BUYER_SHIPPED_ITEM",
      "REJECT_RECEIVE_PACKAGE",
      "RETURN_OR_REFUND_REQUEST_SUCCESS",
      "RETURN_OR_REFUND_REQUEST_CANCEL",
      "RETURN_OR_REFUND_REQUEST_COMPLETE",
      "AWAITING_BUYER_RESPONSE",
    ]) {
      expect(returnStatuses, status).toContain(status);
    }
  });

  it("spreads orders over the last 90 days and holds ON_HOLD orders for one hour", () => {
    for (const data of Object.values(state.shops)) {
      for (const order of Object.values(data.orders)) {
        expect(order.createTime).toBeGreaterThanOrEqual(NOW - 90 * 86400);
        expect(order.createTime).toBeLessThanOrEqual(NOW);
        if (order.status === "ON_HOLD") {
          expect(order.holdUntil).toBe((order.paidTime ?? 0) + 3600);
          expect(order.holdUntil!).toBeGreaterThan(NOW);
        }
      }
      const oldest = Math.min(...Object.values(data.orders).map((order) => order.createTime));
      expect(oldest).toBeLessThan(NOW - 60 * 86400);
    }
  });

  it("prices orders with TikTok's identities, taxes US lines and uses the shop currency", () => {
    for (const shop of threeShops) {
      const data = state.shops[shop.id]!;
      for (const order of Object.values(data.orders)) {
        const p = order.payment;
        const m = (value: string) => toMinor(value, shop.currency);
        expect(p.currency).toBe(shop.currency);
        expect(m(p.subTotal)).toBe(
          m(p.originalTotalProductPrice) - m(p.sellerDiscount) - m(p.platformDiscount),
        );
        expect(m(p.shippingFee)).toBe(
          m(p.originalShippingFee) - m(p.shippingFeeSellerDiscount) - m(p.shippingFeePlatformDiscount),
        );
        expect(m(p.totalAmount)).toBe(m(p.subTotal) + m(p.shippingFee) + m(p.tax) + m(p.retailDeliveryFee));
        for (const line of order.lineItems) {
          expect(m(line.salePrice)).toBe(
            m(line.originalPrice) - m(line.sellerDiscount) - m(line.platformDiscount),
          );
          if (line.isGift || order.isSampleOrder) expect(m(line.salePrice)).toBe(0);
        }
        if (shop.region === "GB")
          expect(order.lineItems.every((line) => line.itemTax.length === 0)).toBe(true);
      }
    }
    const us = Object.values(state.shops[usShop.id]!.orders);
    expect(us.some((order) => order.lineItems.some((line) => line.itemTax[0]?.taxType === "SALES_TAX"))).toBe(
      true,
    );
  });

  it("keeps committed stock equal to what unshipped orders reserve", () => {
    const data = state.shops[usShop.id]!;
    let reserved = 0;
    for (const order of Object.values(data.orders)) {
      if (order.status === "CANCELLED" || order.fulfillmentType !== "FULFILLMENT_BY_SELLER") continue;
      reserved += order.lineItems.filter(
        (line) =>
          !line.cancelled &&
          (line.packageId === null || data.packages[line.packageId]?.stage === "UNSHIPPED"),
      ).length;
    }
    const committed = Object.values(data.products)
      .flatMap((product) => product.skus)
      .flatMap((sku) => sku.stock)
      .reduce((sum, row) => sum + row.committed, 0);
    expect(committed).toBe(reserved);
    expect(reserved).toBeGreaterThan(0);
  });

  it("gives each local shop two sales warehouses and one return warehouse, and stable carrier ids", () => {
    const store = makeStore();
    const other = makeStore({ seed: 999 });
    for (const shop of [usShop, gbShop]) {
      const data = store.commerce.shops[shop.id]!;
      expect(data.warehouses.filter((w) => w.type === "SALES_WAREHOUSE")).toHaveLength(2);
      expect(data.warehouses.filter((w) => w.type === "RETURN_WAREHOUSE")).toHaveLength(1);
      expect(data.shippingProviders.map((p) => p.id)).toEqual(
        other.commerce.shops[shop.id]!.shippingProviders.map((p) => p.id),
      );
    }
    expect(store.commerce.shops[usShop.id]!.shippingProviders.map((p) => p.name)).toEqual(
      expect.arrayContaining(["USPS", "UPS", "FedEx"]),
    );
    expect(store.commerce.shops[gbShop.id]!.shippingProviders.map((p) => p.name)).toEqual(
      expect.arrayContaining(["Royal Mail", "DPD", "Evri"]),
    );
  });
});
