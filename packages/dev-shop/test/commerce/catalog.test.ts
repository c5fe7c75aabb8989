import { describe, expect, it } from "vitest";
import { editProductInfo, tickCommerce } from "../../src/commerce/index.ts";
import type { Product } from "../../src/commerce/state.ts";
import type { DevShopStore } from "../../src/state/store.ts";
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

const SEARCH = "POST /product/202309/products/search";
const GET = "GET /product/202309/products/{product_id}";
const INVENTORY = "POST /product/202309/products/{product_id}/inventory/update";
const PRICE = "POST /product/202309/products/{product_id}/prices/update";

function live(store: DevShopStore, predicate: (product: Product) => boolean = () => true): Product {
  return Object.values(shopData(store).products).find((p) => p.status === "ACTIVATE" && predicate(p))!;
}

describe("Search Products and Get Product", () => {
  const store = makeStore();
  const products = Object.values(shopData(store).products);

  it("pages through the live catalog with total_count, leaving deleted products out of ALL", async () => {
    const ids: string[] = [];
    let token = "";
    do {
      const page = expectOk(
        await call(store, SEARCH, { query: { page_size: 7, ...(token ? { page_token: token } : {}) } }),
      );
      expect(page.total_count).toBe(products.filter((p) => p.status !== "DELETED").length);
      ids.push(...arr(page.products).map((p) => p.id as string));
      token = page.next_page_token as string;
    } while (token);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(products.filter((p) => p.status !== "DELETED").length);
  });

  it("filters by status, seller SKU and inclusive time windows", async () => {
    for (const status of ["ACTIVATE", "SELLER_DEACTIVATED", "DELETED"]) {
      const page = expectOk(await call(store, SEARCH, { query: { page_size: 100 }, body: { status } }));
      expect(page.total_count).toBe(products.filter((p) => p.status === status).length);
      expect(arr(page.products).every((p) => p.status === status)).toBe(true);
    }
    const sku = products[3]!.skus[0]!;
    const bySku = expectOk(
      await call(store, SEARCH, { query: { page_size: 100 }, body: { seller_skus: [sku.sellerSku] } }),
    );
    expect(arr(bySku.products).map((p) => p.id)).toEqual([products[3]!.id]);
    const pivot = products[5]!;
    const window = expectOk(
      await call(store, SEARCH, {
        query: { page_size: 100 },
        body: { status: pivot.status, create_time_ge: pivot.createTime, create_time_le: pivot.createTime },
      }),
    );
    expect(arr(window.products).map((p) => p.id)).toContain(pivot.id);
    const inverted = await call(store, SEARCH, {
      query: { page_size: 10 },
      body: { create_time_ge: 10, create_time_le: 5 },
    });
    expect(inverted.code).toBe(12019118);
    const tooMany = await call(store, SEARCH, {
      query: { page_size: 10 },
      body: { seller_skus: Array.from({ length: 11 }, (_, i) => `S${i}`) },
    });
    expect(tooMany.code).toBe(12019027);
  });

  it("refuses to page past 10,000 results", async () => {
    const big = makeStore({ shops: [usShop], productsPerShop: 1, ordersPerShop: 0 });
    const data = shopData(big);
    const template = Object.values(data.products)[0]!;
    for (let i = 0; i < 10_050; i++) {
      const id = `17299${String(i).padStart(14, "0")}`;
      data.products[id] = { ...template, id, status: "ACTIVATE", createTime: template.createTime + i };
    }
    let token = "";
    let pages = 0;
    let last = await call(big, SEARCH, { query: { page_size: 100 } });
    while (last.code === 0 && last.data.next_page_token) {
      token = last.data.next_page_token as string;
      pages++;
      last = await call(big, SEARCH, { query: { page_size: 100, page_token: token } });
    }
    expect(last.code).toBe(12052180);
    expect(pages).toBe(100);
  });

  it("returns the full product and tells unknown ids from other shops' ids", async () => {
    const product = live(store);
    const data = expectOk(await call(store, GET, { params: { product_id: product.id } }));
    expect(data).toMatchObject({
      id: product.id,
      status: "ACTIVATE",
      product_status: "ACTIVATE",
      audit: { status: "APPROVED" },
    });
    const sku = arr(data.skus)[0]!;
    expect(sku.price).toMatchObject({ currency: "USD", sale_price: product.skus[0]!.price });
    expect(arr(sku.inventory).length).toBe(product.skus[0]!.stock.length);
    expect(arr(data.main_images)[0]!.urls).toEqual([`/static/products/${product.id}.svg`]);
    expect((await call(store, GET, { params: { product_id: "1729000000000000000" } })).code).toBe(12019150);
    const foreign = Object.keys(shopData(store, gbShop).products)[0]!;
    expect((await call(store, GET, { params: { product_id: foreign } })).code).toBe(12052034);
  });
});

describe("Update Inventory and Inventory Search", () => {
  it("sets stock per warehouse and keeps committed units", async () => {
    const store = makeStore();
    const product = live(store, (p) => p.skus[0]!.stock.length === 2);
    const sku = product.skus[0]!;
    const [w1, w2] = sku.stock.map((row) => row.warehouseId);
    const committed = sku.stock.map((row) => row.committed);
    const result = await call(store, INVENTORY, {
      params: { product_id: product.id },
      body: {
        skus: [
          {
            id: sku.id,
            inventory: [
              { warehouse_id: w1, quantity: 7 },
              { warehouse_id: w2, quantity: 0 },
            ],
          },
        ],
      },
    });
    expect(expectOk(result)).toEqual({});
    expect(sku.stock.map((row) => row.available)).toEqual([7, 0]);
    expect(sku.stock.map((row) => row.committed)).toEqual(committed);
    const search = expectOk(
      await call(store, "POST /product/202309/inventory/search", { body: { product_ids: [product.id] } }),
    );
    const record = arr(search.inventory)[0]!;
    const skuRecord = arr(record.skus).find((s) => s.id === sku.id)!;
    expect(skuRecord.total_available_quantity).toBe(7);
    expect(skuRecord.total_committed_quantity).toBe(committed[0]! + committed[1]!);
    expect(arr(skuRecord.warehouse_inventory)[0]).toEqual({
      warehouse_id: w1,
      available_quantity: 7,
      committed_quantity: committed[0],
    });
  });

  it("reports per-SKU errors and applies the valid SKUs", async () => {
    const store = makeStore();
    const data = shopData(store);
    const product = live(store, (p) => p.skus.length >= 3);
    // Stock every SKU in both sales warehouses, so that leaving one out is an error.
    const sales = data.warehouses.filter((w) => w.type === "SALES_WAREHOUSE").map((w) => w.id);
    for (const sku of product.skus) {
      sku.stock = sales.map(
        (warehouseId) =>
          sku.stock.find((row) => row.warehouseId === warehouseId) ?? {
            warehouseId,
            available: 3,
            committed: 0,
          },
      );
    }
    const [a, b, c] = product.skus;
    const returnWarehouse = data.warehouses.find((w) => w.type === "RETURN_WAREHOUSE")!.id;
    const ws = a!.stock.map((row) => row.warehouseId);
    const result = expectOk(
      await call(store, INVENTORY, {
        params: { product_id: product.id },
        body: {
          skus: [
            {
              id: a!.id,
              inventory: [
                { warehouse_id: ws[0], quantity: 11 },
                { warehouse_id: ws[1], quantity: 12 },
              ],
            },
            {
              id: b!.id,
              inventory: [
                { warehouse_id: "7000999999999999999", quantity: 1 },
                { warehouse_id: ws[1], quantity: 1 },
              ],
            },
            { id: c!.id, inventory: [{ quantity: 5 }] },
            { id: "1730000000000000000", inventory: [{ warehouse_id: ws[0], quantity: 1 }] },
            { id: a!.id, inventory: [{ warehouse_id: returnWarehouse, quantity: 1 }] },
          ],
        },
      }),
    );
    const errors = arr(result.errors);
    expect(errors.map((e) => e.code)).toEqual([12052097, 12019028, 12052557, 12052553]);
    expect(errors[0]!.detail).toEqual({
      sku_id: b!.id,
      extra_errors: [{ warehouse_id: "7000999999999999999" }],
    });
    expect(a!.stock.map((row) => row.available)).toEqual([11, 12]);
    const range = expectOk(
      await call(store, INVENTORY, {
        params: { product_id: product.id },
        body: {
          skus: [
            { id: b!.id, inventory: [{ warehouse_id: returnWarehouse, quantity: 1 }] },
            {
              id: c!.id,
              inventory: c!.stock.map((row) => ({ warehouse_id: row.warehouseId, quantity: 100_000 })),
            },
          ],
        },
      }),
    );
    expect(arr(range.errors).map((e) => e.code)).toEqual([12052532, 12019024]);
  });

  it("requires an active product", async () => {
    const store = makeStore();
    const product = Object.values(shopData(store).products).find((p) => p.status === "SELLER_DEACTIVATED")!;
    const result = await call(store, INVENTORY, {
      params: { product_id: product.id },
      body: { skus: [{ id: product.skus[0]!.id, inventory: [{ quantity: 1 }] }] },
    });
    expect(result.code).toBe(12052901);
    expect(
      (await call(store, INVENTORY, { params: { product_id: "1729000000000000001" }, body: { skus: [] } }))
        .code,
    ).toBe(12052032);
  });

  it("prefers sku_ids over product_ids", async () => {
    const store = makeStore();
    const [p1, p2] = Object.values(shopData(store).products);
    const search = expectOk(
      await call(store, "POST /product/202309/inventory/search", {
        body: { product_ids: [p1!.id], sku_ids: [p2!.skus[0]!.id, "1730000000000000000"] },
      }),
    );
    expect(arr(search.inventory).map((r) => r.product_id)).toEqual([p2!.id]);
    expect(arr(arr(search.inventory)[0]!.skus).map((s) => s.id)).toEqual([p2!.skus[0]!.id]);
  });
});

describe("Update Price", () => {
  it("updates prices as decimal strings in the shop currency, all or nothing", async () => {
    const store = makeStore();
    const product = live(store, (p) => p.skus.length >= 2);
    const [a, b] = product.skus;
    const ok = await call(store, PRICE, {
      params: { product_id: product.id },
      body: {
        skus: [
          {
            id: a!.id,
            price: { amount: "21.5", currency: "USD" },
            list_price: { amount: "30", currency: "USD" },
          },
        ],
      },
    });
    expect(expectOk(ok)).toEqual({});
    expect(a!.price).toBe("21.50");
    expect(a!.listPrice).toBe("30.00");
    const before = b!.price;
    const cases: Array<[Json, number]> = [
      [{ amount: "9.999", currency: "USD" }, 12052012],
      [{ amount: "abc", currency: "USD" }, 12052012],
      [{ amount: "0", currency: "USD" }, 12052073],
      [{ amount: "10.00", currency: "GBP" }, 12052084],
    ];
    for (const [price, code] of cases) {
      const result = await call(store, PRICE, {
        params: { product_id: product.id },
        body: {
          skus: [
            { id: b!.id, price: { amount: "5.00", currency: "USD" } },
            { id: a!.id, price },
          ],
        },
      });
      expect(result.code, JSON.stringify(price)).toBe(code);
      expect(b!.price).toBe(before);
    }
    const lowList = await call(store, PRICE, {
      params: { product_id: product.id },
      body: { skus: [{ id: a!.id, list_price: { amount: "1.00", currency: "USD" } }] },
    });
    expect(lowList.code).toBe(12052375);
    const inactive = Object.values(shopData(store).products).find((p) => p.status === "SELLER_DEACTIVATED")!;
    const status = await call(store, PRICE, {
      params: { product_id: inactive.id },
      body: { skus: [{ id: inactive.skus[0]!.id, price: { amount: "5.00", currency: "USD" } }] },
    });
    expect(status.code).toBe(12019113);
  });
});

describe("listing status", () => {
  it("deactivates, deletes, recovers and re-activates through audit, with webhook 5 each time", async () => {
    const store = makeStore();
    const product = live(store);
    const foreign = Object.keys(shopData(store, gbShop).products)[0]!;
    const deactivate = await call(store, "POST /product/202309/products/deactivate", {
      body: { product_ids: [product.id, "1729000000000000002", foreign] },
    });
    expect(arr(expectOk(deactivate).errors).map((e) => [e.code, (e.detail as Json).product_id])).toEqual([
      [12052032, "1729000000000000002"],
      [12052034, foreign],
    ]);
    expect(product.status).toBe("SELLER_DEACTIVATED");
    expect(deactivate.events).toEqual([
      {
        shopId: usShop.id,
        type: 5,
        data: {
          product_id: product.id,
          status: "PRODUCT_STATUS_CHANGED",
          suspended_reason: "",
          update_time: NOW,
        },
      },
    ]);
    const again = expectOk(
      await call(store, "POST /product/202309/products/deactivate", { body: { product_ids: [product.id] } }),
    );
    expect(arr(again.errors)[0]).toMatchObject({ code: 12052901 });
    expectOk(await call(store, "DELETE /product/202309/products", { body: { product_ids: [product.id] } }));
    expect(product.status).toBe("DELETED");
    const activateDeleted = expectOk(
      await call(store, "POST /product/202309/products/activate", { body: { product_ids: [product.id] } }),
    );
    expect(arr(activateDeleted.errors)[0]).toMatchObject({ code: 12052901 });
    expectOk(
      await call(store, "POST /product/202309/products/recover", { body: { product_ids: [product.id] } }),
    );
    expect(product.status).toBe("SELLER_DEACTIVATED");
    const activated = await call(store, "POST /product/202309/products/activate", {
      body: { product_ids: [product.id] },
    });
    expect(arr(expectOk(activated).errors)).toEqual([]);
    expect(product.status).toBe("PENDING");
    const { events, emit } = recorder();
    tickCommerce(store, NOW + 5 * 60, emit);
    expect(product.status).toBe("ACTIVATE");
    expect(events.filter((e) => e.type === 5 && e.data.product_id === product.id)).toHaveLength(1);
    const tooMany = await call(store, "POST /product/202309/products/activate", {
      body: { product_ids: Array.from({ length: 21 }, (_, i) => String(i)) },
    });
    expect(tooMany.code).toBe(12019120);
  });

  it("announces Seller Center edits with webhook 15", () => {
    const store = makeStore();
    const product = live(store);
    const { events, emit } = recorder();
    editProductInfo(
      store,
      usShop.id,
      product.id,
      { title: "New title", description: product.description },
      NOW,
      (type, data) => emit(usShop.id, type, data),
    );
    expect(events).toEqual([
      {
        shopId: usShop.id,
        type: 15,
        data: { product_id: product.id, changed_fields: ["title"], update_time: NOW },
      },
    ]);
    expect(product.title).toBe("New title");
  });
});
