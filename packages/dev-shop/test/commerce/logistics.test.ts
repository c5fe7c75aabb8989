import { describe, expect, it } from "vitest";
import { buyer } from "../../src/commerce/index.ts";
import type { Shop } from "../../src/state/platform.ts";
import {
  arr,
  call,
  expectOk,
  gbShop,
  type Json,
  makeStore,
  NOW,
  recorder,
  shopData,
  usShop,
} from "./helpers.ts";

describe("logistics", () => {
  const store = makeStore();

  it("lists two sales warehouses and a return warehouse with full addresses", async () => {
    const warehouses = arr(expectOk(await call(store, "GET /logistics/202309/warehouses")).warehouses);
    expect(warehouses.map((w) => w.type).sort()).toEqual([
      "RETURN_WAREHOUSE",
      "SALES_WAREHOUSE",
      "SALES_WAREHOUSE",
    ]);
    for (const warehouse of warehouses) {
      expect(warehouse).toMatchObject({ effect_status: "ENABLED", sub_type: "DOMESTIC_WAREHOUSE" });
      const address = warehouse.address as Json;
      expect(address.region_code).toBe("US");
      expect(address).toHaveProperty("distict");
      expect(address.full_address).toMatch(/United States$/);
    }
    expect(warehouses.filter((w) => w.is_default)).toHaveLength(2);
  });

  it("lists delivery options per warehouse and carriers per option", async () => {
    const sales = shopData(store).warehouses.find((w) => w.type === "SALES_WAREHOUSE")!;
    const options = arr(
      expectOk(
        await call(store, "GET /logistics/202309/warehouses/{warehouse_id}/delivery_options", {
          params: { warehouse_id: sales.id },
        }),
      ).delivery_options,
    );
    expect(options.map((o) => o.type)).toEqual(["STANDARD", "EXPRESS", "ECONOMY", "SEND_BY_SELLER"]);
    expect(options[0]).toMatchObject({ name: "Standard Shipping", platform: ["TIKTOK_SHOP"] });
    const seller = options.find((o) => o.type === "SEND_BY_SELLER")!;
    const providers = arr(
      expectOk(
        await call(store, "GET /logistics/202309/delivery_options/{delivery_option_id}/shipping_providers", {
          params: { delivery_option_id: seller.id as string },
        }),
      ).shipping_providers,
    );
    expect(providers.map((p) => p.name)).toEqual(["USPS", "UPS", "FedEx", "DHL eCommerce"]);
    const gbSeller = shopData(store, gbShop).deliveryOptions.find((o) => o.type === "SEND_BY_SELLER")!;
    const gbProviders = arr(
      expectOk(
        await call(store, "GET /logistics/202309/delivery_options/{delivery_option_id}/shipping_providers", {
          params: { delivery_option_id: gbSeller.id },
          shop: gbShop,
        }),
      ).shipping_providers,
    );
    expect(gbProviders.map((p) => p.name)).toEqual(expect.arrayContaining(["Royal Mail", "DPD", "Evri"]));
    const unknown = await call(store, "GET /logistics/202309/warehouses/{warehouse_id}/delivery_options", {
      params: { warehouse_id: "7000000000000000000" },
    });
    expect(unknown.code).toBe(36009004);
  });

  it("lists a cross-border seller's global warehouses, and none for local sellers", async () => {
    const cb: Shop = { ...gbShop, id: "7495000000000000003", sellerType: "CROSS_BORDER", cipher: "ROW_cb" };
    const cbStore = makeStore({ shops: [usShop, cb], ordersPerShop: 40 });
    const global = expectOk(await call(cbStore, "GET /logistics/202309/global_warehouses", { shop: null }));
    expect(arr(global.global_warehouses)).toHaveLength(2);
    expect(arr(global.global_warehouses)[0]).toMatchObject({ ownership: "SELLER" });
    const local = expectOk(await call(store, "GET /logistics/202309/global_warehouses", { shop: null }));
    expect(local.global_warehouses).toEqual([]);
  });
});

describe("buyer simulation webhooks", () => {
  it("announces an address change before shipping with webhook 3", () => {
    const store = makeStore();
    const { events, emit } = recorder();
    const id = buyer.placeOrder(store, usShop.id, NOW, emit, { onHold: false });
    const before = shopData(store).orders[id]!.address.addressLine1;
    buyer.updateAddress(store, id, NOW + 60, emit, { addressLine1: "1 New Street" });
    const order = shopData(store).orders[id]!;
    expect(order.hasUpdatedRecipientAddress).toBe(true);
    expect(order.address.addressLine1).toBe("1 New Street");
    expect(before).not.toBe("1 New Street");
    expect(events.at(-1)).toEqual({
      shopId: usShop.id,
      type: 3,
      data: { order_id: id, update_time: NOW + 60 },
    });
  });

  it("refuses to oversell", () => {
    const store = makeStore();
    const { emit } = recorder();
    const sku = Object.values(shopData(store).products)
      .filter((p) => p.status === "ACTIVATE")
      .flatMap((p) => p.skus)
      .find((s) => s.stock.length === 1)!;
    sku.stock[0]!.available = 1;
    expect(() =>
      buyer.placeOrder(store, usShop.id, NOW, emit, { skuIds: [sku.id], quantityPerSku: 2 }),
    ).toThrow(/stock/);
    buyer.placeOrder(store, usShop.id, NOW, emit, { skuIds: [sku.id] });
    expect(sku.stock[0]).toMatchObject({ available: 0 });
  });
});
