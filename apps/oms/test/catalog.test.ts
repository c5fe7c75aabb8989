import { type SyncWindow, silentLogger } from "@tts-kit/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { productsSync } from "../src/server/catalog/sync.ts";
import { productWebhook } from "../src/server/catalog/webhooks.ts";
import * as schema from "../src/server/db/schema.ts";
import { APP, type CatalogFixture, catalogFixture } from "./catalog-fixture.ts";

interface ProductRow {
  id: string;
  title: string;
  status: string;
  skuCount: number;
  totalStock: number;
  minSkuStock: number;
  minPrice: string | null;
}
interface ListAnswer {
  products: ProductRow[];
  total: number;
  outOfStock: number;
  lowStock: number;
}
interface Detail {
  product: {
    id: string;
    currency: string;
    skus: Array<{
      id: string;
      sellerSku: string;
      price: string;
      inventory: Array<{ warehouseId: string; available: number; committed: number }>;
    }>;
  };
  warehouses: Array<{ id: string; name: string }>;
}
interface ApiError {
  error: { code: string; message: string; fields?: Array<{ path: string; message: string }> };
}

const window = (end: number): SyncWindow => ({
  start: 0,
  end,
  cursor: undefined,
  checkpoint: async () => {},
});

/**
 * Products, stock and prices against the dev shop in-process: the mirror filled by polling and
 * kept current by webhooks, the list's search and filters, and stock and price writes that
 * really change the dev shop, or change nothing when the input is bad.
 */
describe("OMS catalog", () => {
  let f: CatalogFixture;
  let shopId: string;
  const store = () => f.devShop.store.commerce.shops[shopId]!;
  const activeProduct = (minSkus = 1) =>
    Object.values(store().products).find((p) => p.status === "ACTIVATE" && p.skus.length >= minSkus)!;

  beforeAll(async () => {
    f = await catalogFixture({ productsPerShop: 14 });
    shopId = f.shopIds[0]!;
    const now = f.devShop.clock.now();
    await productsSync(f.oms.database.db, f.oms.auth, () => now)({ id: shopId }, window(now + 1));
  });
  afterAll(() => f?.close());

  it("CAT-POST-SEARCH: mirrors every product, deleted ones included, and searches by title, SKU id and seller SKU", async () => {
    const mirrored = await f.oms.database.db
      .select()
      .from(schema.catalogProducts)
      .where(eq(schema.catalogProducts.shopId, shopId));
    const all = Object.values(store().products);
    expect(mirrored).toHaveLength(all.length);
    for (const product of all) {
      const row = mirrored.find((r) => r.id === product.id)!;
      expect(row.status).toBe(product.status);
      expect(row.skus.map((sku) => sku.id).sort()).toEqual(product.skus.map((sku) => sku.id).sort());
      expect(row.totalStock).toBe(product.skus.flatMap((s) => s.stock).reduce((n, r) => n + r.available, 0));
    }

    const listed = await f.get<ListAnswer>(`/catalog/${shopId}/products?page_size=5`);
    expect(listed.status).toBe(200);
    expect(listed.body.total).toBe(all.filter((p) => p.status !== "DELETED").length);
    expect(listed.body.products).toHaveLength(5);

    const target = activeProduct(2);
    const sku = target.skus[1]!;
    const word = target.title.split(" ").find((w) => w.length > 3)!;
    const byTitle = await f.get<ListAnswer>(
      `/catalog/${shopId}/products?q=${encodeURIComponent(word.toUpperCase())}`,
    );
    expect(byTitle.body.products.map((p) => p.id)).toContain(target.id);
    expect(byTitle.body.products.every((p) => p.title.toLowerCase().includes(word.toLowerCase()))).toBe(true);
    const bySkuId = await f.get<ListAnswer>(`/catalog/${shopId}/products?q=${sku.id}`);
    expect(bySkuId.body.products.map((p) => p.id)).toEqual([target.id]);
    const bySellerSku = await f.get<ListAnswer>(
      `/catalog/${shopId}/products?q=${encodeURIComponent(sku.sellerSku)}`,
    );
    expect(bySellerSku.body.products.map((p) => p.id)).toContain(target.id);

    const status = all.find((p) => p.status !== "ACTIVATE")?.status ?? "ACTIVATE";
    const byStatus = await f.get<ListAnswer>(`/catalog/${shopId}/products?status=${status}`);
    expect(byStatus.body.total).toBe(all.filter((p) => p.status === status).length);
    expect(byStatus.body.products.every((p) => p.status === status)).toBe(true);

    // Another seller's shop is answered as if it did not exist.
    const foreign = f.devShop.control.shops().find((s) => !f.shopIds.includes(s.id))!;
    expect((await f.get(`/catalog/${foreign.id}/products`)).status).toBe(404);
    expect((await f.get(`/catalog/${foreign.id}/products/${target.id}`)).status).toBe(404);
  });

  it("CAT-POST-SEARCH: the detail shows each SKU's price and stock per warehouse (Inventory Search)", async () => {
    const target = activeProduct(2);
    const { status, body } = await f.get<Detail>(`/catalog/${shopId}/products/${target.id}`);
    expect(status).toBe(200);
    expect(body.product.currency).toBe(store().currency);
    for (const sku of target.skus) {
      const shown = body.product.skus.find((s) => s.id === sku.id)!;
      expect(shown.price).toBe(sku.price);
      expect(shown.inventory).toEqual(
        sku.stock.map((row) => ({
          warehouseId: row.warehouseId,
          available: row.available,
          committed: row.committed,
        })),
      );
    }
    const sales = store().warehouses.filter((w) => w.type === "SALES_WAREHOUSE");
    expect(body.warehouses.map((w) => w.id).sort()).toEqual(sales.map((w) => w.id).sort());
  });

  it("CAT-POST-SEARCH: webhooks 5 and 15 bring a product's new state into the mirror", async () => {
    const target = activeProduct();
    const product = store().products[target.id]!;
    // A Seller Center edit in the dev shop (webhook 15), then a status change (webhook 5).
    f.devShop.control.advanceClock(1);
    product.title = "Renamed in Seller Center";
    product.updateTime = f.devShop.clock.now();
    f.devShop.control.emitWebhook({
      shopId,
      type: 15,
      data: { product_id: target.id, changed_fields: ["title"], update_time: product.updateTime },
    });
    await f.eventually(async () => {
      const list = await f.get<ListAnswer>(`/catalog/${shopId}/products?q=renamed%20in%20seller`);
      expect(list.body.products.map((p) => p.id)).toEqual([target.id]);
    });
    f.devShop.control.advanceClock(1);
    product.status = "SELLER_DEACTIVATED";
    product.updateTime = f.devShop.clock.now();
    f.devShop.control.emitWebhook({
      shopId,
      type: 5,
      data: { product_id: target.id, status: "PRODUCT_STATUS_CHANGED" },
    });
    await f.eventually(async () => {
      const list = await f.get<ListAnswer>(`/catalog/${shopId}/products?status=SELLER_DEACTIVATED`);
      expect(list.body.products.map((p) => p.id)).toContain(target.id);
    });
    f.devShop.control.advanceClock(1);
    product.status = "ACTIVATE";
    product.updateTime = f.devShop.clock.now();
    await f.get(`/catalog/${shopId}/products/${target.id}`);
  });

  it("CAT-POST-SEARCH: a webhook 27 naming no product queues a products sync of the shop", async () => {
    // TikTok does not document webhook 27's payload: without a product id the whole shop is re-synced
    // (through the scheduler, which keeps one run per shop), so a sell-out is never dropped.
    const queued: string[] = [];
    const handler = productWebhook({
      db: f.oms.database.db,
      auth: f.oms.auth,
      now: () => f.devShop.clock.now(),
      syncNow: async (id) => queued.push(id),
    });
    const ctx = { eventId: 1, attempt: 1, isLastAttempt: false, receivedAt: 0, logger: silentLogger() };
    await handler(
      { type: 27, name: "INVENTORY_STATUS_CHANGE", shopId, notificationId: "n1", timestamp: 0, data: {} },
      ctx,
    );
    expect(queued).toEqual([shopId]);
    // With a product id, only that product is re-read, at once.
    const target = activeProduct();
    f.devShop.control.advanceClock(1);
    target.skus[0]!.stock[0]!.available = 0;
    target.updateTime = f.devShop.clock.now();
    await handler(
      {
        type: 27,
        name: "INVENTORY_STATUS_CHANGE",
        shopId,
        notificationId: "n2",
        timestamp: 0,
        data: { product_id: target.id },
      },
      ctx,
    );
    expect(queued).toEqual([shopId]);
    const [row] = await f.oms.database.db
      .select()
      .from(schema.catalogProducts)
      .where(eq(schema.catalogProducts.id, target.id));
    expect(row?.skus[0]?.inventory[0]?.quantity).toBe(0);
    target.skus[0]!.stock[0]!.available = 20;
  });

  it("CAT-POST-INVENTORY: sets stock per SKU and warehouse; per-SKU refusals come back, the others apply", async () => {
    const target = activeProduct(2);
    const [first, second] = target.skus;
    const sales = store().warehouses.filter((w) => w.type === "SALES_WAREHOUSE");
    // The second SKU is stocked in a warehouse the app's edit leaves out: TikTok refuses that SKU only.
    const missing = sales.find((w) => !second!.stock.some((row) => row.warehouseId === w.id)) ?? sales[0]!;
    if (!second!.stock.some((row) => row.warehouseId === missing.id)) {
      second!.stock.push({ warehouseId: missing.id, available: 3, committed: 0 });
    }
    const secondBefore = JSON.stringify(second!.stock);
    const left = second!.stock.find((row) => row.warehouseId !== missing.id) ?? second!.stock[0]!;
    const answer = await f.post<{
      updated: string[];
      errors: Array<{ skuId: string; code: number; message: string }>;
    }>(`/catalog/${shopId}/products/${target.id}/inventory`, {
      skus: [
        {
          id: first!.id,
          inventory: first!.stock.map((row, i) => ({ warehouseId: row.warehouseId, quantity: 40 + i })),
        },
        { id: second!.id, inventory: [{ warehouseId: left.warehouseId, quantity: 1 }] },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.body.updated).toEqual([first!.id]);
    expect(answer.body.errors).toEqual([
      expect.objectContaining({
        skuId: second!.id,
        code: 12019028,
        message: expect.stringMatching(/warehouse/i),
      }),
    ]);
    expect(first!.stock.map((row) => row.available)).toEqual(first!.stock.map((_, i) => 40 + i));
    expect(JSON.stringify(second!.stock)).toBe(secondBefore);
    // The mirror was re-read after the write.
    const [row] = await f.oms.database.db
      .select()
      .from(schema.catalogProducts)
      .where(eq(schema.catalogProducts.id, target.id));
    expect(row!.skus.find((s) => s.id === first!.id)!.inventory.map((r) => r.quantity)).toEqual(
      first!.stock.map((_, i) => 40 + i),
    );
  });

  it("CAT-POST-INVENTORY: negative or fractional stock is refused with a clear message and nothing is sent", async () => {
    const target = activeProduct(2);
    const before = JSON.stringify(target.skus.map((s) => s.stock));
    const updatedBefore = target.updateTime;
    for (const [quantity, message] of [
      [-1, /cannot be negative/],
      ["2.5", /whole number/],
      [100_000, /0 to 99,999/],
      ["", /Enter the stock/],
    ] as const) {
      const answer = await f.post<ApiError>(`/catalog/${shopId}/products/${target.id}/inventory`, {
        skus: [
          {
            id: target.skus[0]!.id,
            inventory: [{ warehouseId: target.skus[0]!.stock[0]!.warehouseId, quantity: 7 }],
          },
          {
            id: target.skus[1]!.id,
            inventory: [{ warehouseId: target.skus[1]!.stock[0]!.warehouseId, quantity }],
          },
        ],
      });
      expect(answer.status).toBe(400);
      expect(answer.body.error.message).toMatch(message);
      expect(answer.body.error.message).toMatch(/Nothing was changed/);
      expect(answer.body.error.fields?.[0]?.path).toBe("skus.1.inventory.0.quantity");
    }
    // Not even the valid first SKU was written.
    expect(JSON.stringify(target.skus.map((s) => s.stock))).toBe(before);
    expect(target.updateTime).toBe(updatedBefore);
  });

  it("CAT-POST-PRICE: changes prices; a bad amount changes nothing, not even the valid ones", async () => {
    const target = activeProduct(2);
    const [first, second] = target.skus;
    // Seeded strike-through prices would cap the new prices; this test sets its own below.
    for (const sku of target.skus) sku.listPrice = null;
    const ok = await f.post(`/catalog/${shopId}/products/${target.id}/prices`, {
      skus: [
        { id: first!.id, price: "23.5" },
        { id: second!.id, price: "19.99" },
      ],
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(first!.price).toBe("23.50");
    expect(second!.price).toBe("19.99");

    for (const [price, message] of [
      ["12.345", /at most 2 decimals/],
      ["-3", /cannot be negative/],
      ["1,50", /dot for decimals/],
      ["$5", /no currency sign/],
      ["0", /more than zero/],
      ["1e3", /number such as/],
      [12.5, /decimal text/],
    ] as const) {
      const answer = await f.post<ApiError>(`/catalog/${shopId}/products/${target.id}/prices`, {
        skus: [
          { id: first!.id, price: "30.00" },
          { id: second!.id, price },
        ],
      });
      expect(answer.status, String(price)).toBe(400);
      expect(answer.body.error.message).toMatch(message);
      expect(answer.body.error.fields).toEqual([expect.objectContaining({ path: "skus.1.price" })]);
    }
    expect(first!.price).toBe("23.50");
    expect(second!.price).toBe("19.99");

    // A price above the SKU's list (strike-through) price is refused before anything is sent.
    second!.listPrice = "25.00";
    const aboveList = await f.post<ApiError>(`/catalog/${shopId}/products/${target.id}/prices`, {
      skus: [
        { id: first!.id, price: "31.00" },
        { id: second!.id, price: "26.00" },
      ],
    });
    expect(aboveList.status).toBe(400);
    expect(aboveList.body.error.message).toMatch(/above this SKU's list price of 25.00 USD/);
    second!.listPrice = null;

    // TikTok's own refusal (the product was deactivated in Seller Center meanwhile) applies nothing.
    const product = store().products[target.id]!;
    product.status = "SELLER_DEACTIVATED";
    const refused = await f.post<ApiError>(`/catalog/${shopId}/products/${target.id}/prices`, {
      skus: [
        { id: first!.id, price: "31.00" },
        { id: second!.id, price: "26.00" },
      ],
    });
    product.status = "ACTIVATE";
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(
      /^TikTok Shop refused the new prices: .+ No price was changed\.$/,
    );
    expect(first!.price).toBe("23.50");
    expect(second!.price).toBe("19.99");
  });

  it("ignores a product webhook for a shop that is not connected: logged, nothing written", async () => {
    const other = f.devShop.control.shops().find((s) => !f.shopIds.includes(s.id))!;
    const product = Object.values(f.devShop.store.commerce.shops[other.id]!.products)[0]!;
    const before = await f.oms.database.db.select().from(schema.catalogProducts);
    f.devShop.control.emitWebhook({
      shopId: other.id,
      type: 5,
      appKey: APP.appKey,
      data: { product_id: product.id },
    });
    await f.eventually(() => {
      expect(f.logs.some((line) => String(line.msg).includes(`webhook 5 for shop ${other.id}`))).toBe(true);
    });
    const delivery = f.devShop.control.webhookLog({ shopId: other.id, type: 5 }).at(-1)!;
    expect(delivery.state).toBe("delivered");
    const after = await f.oms.database.db.select().from(schema.catalogProducts);
    expect(after).toEqual(before);
  });
});
