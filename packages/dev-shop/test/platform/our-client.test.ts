import { contract, TikTokShop } from "@tts-kit/tiktok-shop";
import { afterAll, describe, expect, it } from "vitest";
import { APP, authorizedToken, BASE, testShop } from "./helpers.ts";

/**
 * The project's own client against the dev shop in-process: the two sides are written separately
 * from the same reference, so agreement here is worth more than either side's unit tests.
 */
describe("the project's client against the dev shop", async () => {
  const devShop = testShop();
  afterAll(() => devShop.close());
  const { accessToken, shops } = await authorizedToken(devShop);
  const us = shops.find((s) => s.region === "US")!;
  const app = new TikTokShop({
    appKey: APP.appKey,
    appSecret: APP.appSecret,
    apiBaseUrl: BASE,
    authBaseUrl: BASE,
    fetch: (input, init) => devShop.fetch(new Request(input, init)),
    rateLimiter: false,
  });
  const shop = app.shop({ accessToken, shopCipher: us.cipher });

  it("pages through every order with page_token, matching total_count", async () => {
    const ids = new Set<string>();
    let total = 0;
    for await (const page of shop.pages(contract.order.getOrderList, { query: { page_size: 100 } })) {
      for (const order of page.items) ids.add(order.id);
      total = page.totalCount ?? 0;
    }
    expect(total).toBeGreaterThan(100);
    expect(ids.size).toBe(total);
  });

  it("serves the label of a shipped TikTok-shipping package as a real PDF at doc_url", async () => {
    const packages = Object.values(devShop.store.commerce.shops[us.id]!.packages);
    const shipped = packages.find((p) => p.shippingType === "TIKTOK" && p.trackingNumber !== null);
    expect(shipped).toBeDefined();
    const doc = await shop.fulfillment.getPackageShippingDocument({
      params: { package_id: shipped!.id },
      query: { document_type: "SHIPPING_LABEL" },
    });
    expect(doc.doc_url?.startsWith(`${BASE}/static/labels/${shipped!.id}.pdf`)).toBe(true);
    const response = await devShop.fetch(new Request(doc.doc_url!));
    expect(response.headers.get("content-type")).toBe("application/pdf");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    expect(new TextDecoder().decode(bytes.slice(-6)).trim()).toBe("%%EOF");
  });

  it("serves product images at the URLs products carry", async () => {
    const { products } = await shop.product.searchProducts({ query: { page_size: 1 }, body: {} });
    const product = await shop.product.getProduct({ params: { product_id: products[0]!.id } });
    const url = product.main_images?.[0]?.urls?.[0];
    expect(url).toBeTruthy();
    const response = await devShop.fetch(new Request(new URL(url!, BASE)));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/svg+xml");
  });

  it("refuses a cipher of another seller's shop with 101000, classified as a cipher error", async () => {
    const other = devShop.control.shops().find((s) => s.sellerId !== us.sellerId)!;
    const foreign = app.shop({ accessToken, shopCipher: other.cipher });
    await expect(foreign.order.getOrderList({ query: { page_size: 1 } })).rejects.toMatchObject({
      code: 101000,
      kind: "cipher",
    });
  });
});
