import { allEndpoints } from "@tts-kit/tiktok-shop/contract";
import { afterAll, describe, expect, it } from "vitest";
import { BASE, testShop } from "./helpers.ts";

describe("OpenAPI document and reference page", () => {
  const devShop = testShop();
  afterAll(() => devShop.close());

  it("describes every contract endpoint with its cipher rule, scope and emulation status", async () => {
    const doc = (await (await devShop.fetch(new Request(`${BASE}/openapi.json`))).json()) as {
      openapi: string;
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    expect(doc.openapi).toBe("3.1.0");
    const operations = Object.values(doc.paths).flatMap((item) => Object.values(item));
    expect(operations).toHaveLength(allEndpoints.length);
    const orderSearch = doc.paths["/order/202309/orders/search"]!.post!;
    expect(orderSearch["x-shop-cipher"]).toBe("required");
    expect(orderSearch["x-emulated"]).toBe(true);
    const names = (orderSearch.parameters as Array<{ name: string; in: string; required: boolean }>).map(
      (p) => `${p.in}:${p.name}:${p.required}`,
    );
    expect(names).toEqual(
      expect.arrayContaining(["query:page_size:true", "query:shop_cipher:true", "query:sign:true"]),
    );
    const shops = doc.paths["/authorization/202309/shops"]!.get!;
    expect((shops.parameters as Array<{ name: string }>).some((p) => p.name === "shop_cipher")).toBe(false);
    const upload = doc.paths["/product/202309/images/upload"]?.post as {
      requestBody: { content: Record<string, unknown> };
    };
    expect(Object.keys(upload.requestBody.content)).toEqual(["multipart/form-data"]);
  });

  it("serves a browsable reference page", async () => {
    const page = await (await devShop.fetch(new Request(`${BASE}/docs`))).text();
    expect(page).toContain("<h1>API reference</h1>");
    expect(page).toContain("POST /order/202309/orders/search");
    expect(page).toMatch(/\d+ of \d+ operations are emulated/);
  });
});
