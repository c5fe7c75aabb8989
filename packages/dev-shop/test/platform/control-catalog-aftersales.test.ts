import { afterAll, describe, expect, it } from "vitest";
import { BASE, testShop } from "./helpers.ts";

/** The control routes that show catalog and after-sales state, and set stock as Seller Center would. */
describe("control API: catalog and after-sales state", () => {
  const shop = testShop({ size: { productsPerShop: 6, ordersPerShop: 20 } });
  afterAll(() => shop.close());
  const get = async <T = Record<string, unknown>>(path: string) => {
    const res = await shop.fetch(new Request(`${BASE}/control${path}`));
    return { status: res.status, body: (await res.json()) as T };
  };
  const post = async (path: string, body: unknown) => {
    const res = await shop.fetch(
      new Request(`${BASE}/control${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
    );
    return { status: res.status, body: (await res.json()) as { error?: string } };
  };
  const shopId = () => shop.control.shops()[0]!.id;
  interface ProductView {
    id: string;
    skus: Array<{ id: string; price: string; stock: Array<{ warehouse_id: string; available: number }> }>;
  }

  it("lists the products with their SKUs, prices and stock per warehouse as the shop holds them", async () => {
    const { body } = await get<{ products: ProductView[] }>(`/catalog/products?shop_id=${shopId()}`);
    const stored = Object.values(shop.store.commerce.shops[shopId()]!.products);
    expect(body.products).toHaveLength(stored.length);
    const first = stored.find((p) => p.id === body.products[0]?.id)!;
    expect(body.products[0]?.skus[0]).toMatchObject({
      id: first.skus[0]!.id,
      price: first.skus[0]!.price,
      stock: first.skus[0]!.stock.map((row) => ({
        warehouse_id: row.warehouseId,
        available: row.available,
        committed: row.committed,
      })),
    });
    expect((await get("/catalog/products?shop_id=nope")).status).toBe(400);
  });

  it("sets a SKU's stock in a sales warehouse, and refuses any other warehouse", async () => {
    const product = Object.values(shop.store.commerce.shops[shopId()]!.products)[0]!;
    const sku = product.skus[0]!;
    const { body: listed } = await get<{ warehouses: Array<{ id: string; type: string }> }>(
      `/catalog/warehouses?shop_id=${shopId()}`,
    );
    const sales = listed.warehouses.filter((w) => w.type === "SALES_WAREHOUSE");
    const returns = listed.warehouses.find((w) => w.type === "RETURN_WAREHOUSE")!;
    expect(sales.length).toBeGreaterThan(0);

    const set = await post(`/catalog/products/${product.id}/stock`, {
      sku_id: sku.id,
      warehouse_id: sales[0]!.id,
      quantity: 321,
    });
    expect(set.status).toBe(200);
    expect(sku.stock.find((row) => row.warehouseId === sales[0]!.id)?.available).toBe(321);
    const { body } = await get<{ product: ProductView }>(`/catalog/products/${product.id}`);
    expect(body.product.skus[0]?.stock).toContainEqual(
      expect.objectContaining({ warehouse_id: sales[0]!.id, available: 321 }),
    );

    const before = JSON.stringify(sku.stock);
    const refused = await post(`/catalog/products/${product.id}/stock`, {
      sku_id: sku.id,
      warehouse_id: returns.id,
      quantity: 5,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/not a sales warehouse/);
    expect(
      (
        await post(`/catalog/products/${product.id}/stock`, {
          sku_id: sku.id,
          warehouse_id: sales[0]!.id,
          quantity: -1,
        })
      ).status,
    ).toBe(400);
    expect(JSON.stringify(sku.stock)).toBe(before);
  });

  it("shows an order with its cancellation request and its later state", async () => {
    const orderId = shop.control.buyer.placeOrder(shopId(), { onHold: false });
    const cancelId = shop.control.buyer.requestCancellation(orderId);
    const { body } = await get<{ order: unknown; cancellations: unknown[] }>(`/aftersales/orders/${orderId}`);
    expect(body.order).toMatchObject({
      id: orderId,
      status: "AWAITING_SHIPMENT",
      is_buyer_request_cancel: true,
    });
    expect(body.cancellations).toEqual([
      expect.objectContaining({ id: cancelId, status: "CANCELLATION_REQUEST_PENDING", role: "BUYER" }),
    ]);
    const one = await get<{ cancellation: { sla_time: number } }>(`/aftersales/cancellations/${cancelId}`);
    expect(one.body.cancellation.sla_time).toBeGreaterThan(0);
    const awaiting = await get<{ orders: Array<{ status: string }> }>(
      `/aftersales/orders?shop_id=${shopId()}&status=AWAITING_SHIPMENT`,
    );
    expect(awaiting.body.orders.length).toBeGreaterThan(0);
    expect(awaiting.body.orders.every((o) => o.status === "AWAITING_SHIPMENT")).toBe(true);
    expect((await get("/aftersales/returns/123")).status).toBe(400);
  });
});
