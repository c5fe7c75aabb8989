import type { Database } from "@tts-kit/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WarehouseChoice } from "../../src/index.ts";
import type { Browser } from "../support/browser.ts";
import {
  createHarness,
  type DbKind,
  type Harness,
  openTestDatabase,
  type schema,
} from "../support/harness.ts";

export function carriersSuite(kind: DbKind) {
  describe(`carrier mapping (${kind})`, () => {
    let database: Database<typeof schema>;
    let h: Harness;
    let browser: Browser;
    let shopId: string;
    let warehouses: WarehouseChoice[];
    beforeAll(async () => {
      database = await openTestDatabase(kind);
      h = createHarness(database);
      browser = h.browser();
      await h.install(browser);
      shopId = h.shopsOf("seller1@dev.shop").find((s) => s.region === "US")!.id;
    });
    afterAll(() => database?.close());

    const put = (body: unknown) =>
      browser.json(`/api/connections/${shopId}/carriers`, { method: "PUT", body: JSON.stringify(body) });
    const saved = async () =>
      ((await (await browser.json(`/api/connections/${shopId}/carriers`)).json()) as { mappings: unknown[] })
        .mappings;

    /** A valid (warehouse, option, provider) triple from the live options. */
    function valid(n = 0) {
      const triples = warehouses.flatMap((w) =>
        w.deliveryOptions.flatMap((o) =>
          o.shippingProviders.map((p) => ({
            warehouseId: w.id,
            deliveryOptionId: o.id,
            shippingProviderId: p.id,
          })),
        ),
      );
      const unique = triples.filter(
        (t, i) =>
          triples.findIndex(
            (u) => u.warehouseId === t.warehouseId && u.deliveryOptionId === t.deliveryOptionId,
          ) === i,
      );
      const found = unique[n];
      if (!found) throw new Error("the dev shop offers too few carrier options");
      return found;
    }

    it("lists warehouses → delivery options → shipping providers from the logistics API", async () => {
      const response = await browser.json(`/api/connections/${shopId}/carriers/options`);
      expect(response.status).toBe(200);
      warehouses = ((await response.json()) as { warehouses: WarehouseChoice[] }).warehouses;
      const sales = (h.devShop.store.commerce.shops[shopId]?.warehouses ?? []).filter(
        (w) => w.type === "SALES_WAREHOUSE",
      );
      expect(warehouses.length).toBe(sales.length);
      expect(warehouses.length).toBeGreaterThan(0);
      for (const warehouse of warehouses) {
        expect(warehouse.deliveryOptions.length).toBeGreaterThan(0);
        expect(warehouse.name).toBeTruthy();
      }
      expect(warehouses.some((w) => w.deliveryOptions.some((o) => o.shippingProviders.length > 0))).toBe(
        true,
      );
    });

    it("saves a valid mapping set and reads it back", async () => {
      const response = await put({
        mappings: [{ ...valid(0), isDefault: true, carrierCode: "UPS" }, valid(1)],
      });
      expect(response.status).toBe(200);
      const mappings = await saved();
      expect(mappings).toHaveLength(2);
      expect(mappings).toContainEqual(
        expect.objectContaining({ ...valid(0), isDefault: true, carrierCode: "UPS" }),
      );
      expect(mappings).toContainEqual(
        expect.objectContaining({ ...valid(1), isDefault: false, carrierCode: null }),
      );
    });

    it("refuses unknown warehouses, options and providers with a specific message and saves nothing", async () => {
      const before = await saved();
      const cases: Array<[Record<string, string>, RegExp]> = [
        [
          { ...valid(0), warehouseId: "7000000000000000001" },
          /Warehouse 7000000000000000001 is not a sales warehouse of this shop/,
        ],
        [
          { ...valid(0), deliveryOptionId: "7000000000000000002" },
          /Delivery option 7000000000000000002 is not available from warehouse/,
        ],
        [
          { ...valid(0), shippingProviderId: "7000000000000000003" },
          /Shipping provider 7000000000000000003 does not serve delivery option/,
        ],
      ];
      for (const [bad, message] of cases) {
        // One valid entry beside the bad one: all or nothing.
        const response = await put({ mappings: [valid(1), bad] });
        expect(response.status).toBe(400);
        const body = (await response.json()) as {
          error: string;
          message: string;
          issues: Array<{ index: number; field: string }>;
        };
        expect(body.error).toBe("invalid_carrier_mapping");
        expect(body.message).toMatch(message);
        expect(body.issues).toHaveLength(1);
        expect(body.issues[0]?.index).toBe(1);
      }
      expect(await saved()).toEqual(before);
    });

    it("refuses the shop's return warehouse: it never ships orders", async () => {
      const returns = h.devShop.store.commerce.shops[shopId]?.warehouses.find(
        (w) => w.type === "RETURN_WAREHOUSE",
      );
      expect(returns).toBeDefined();
      const response = await put({ mappings: [{ ...valid(0), warehouseId: returns!.id }] });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toBe(
        `Warehouse ${returns!.id} is not a sales warehouse of this shop.`,
      );
    });

    it("refuses two defaults, duplicate pairs, malformed bodies and unknown fields", async () => {
      const before = await saved();
      const twoDefaults = await put({
        mappings: [
          { ...valid(0), isDefault: true },
          { ...valid(1), isDefault: true },
        ],
      });
      expect(((await twoDefaults.json()) as { message: string }).message).toBe(
        "Only one mapping can be the default.",
      );
      const duplicate = await put({ mappings: [valid(0), valid(0)] });
      expect(((await duplicate.json()) as { message: string }).message).toMatch(
        /are mapped twice \(entries 1 and 2\)/,
      );
      const malformed = await browser.json(`/api/connections/${shopId}/carriers`, {
        method: "PUT",
        body: "{nope",
      });
      expect(malformed.status).toBe(400);
      expect(await malformed.json()).toMatchObject({ error: "invalid_json" });
      const missing = await put({ mappings: [{ warehouseId: valid(0).warehouseId }] });
      expect(missing.status).toBe(400);
      expect(((await missing.json()) as { message: string }).message).toMatch(
        /^mappings\.0\.deliveryOptionId/,
      );
      const extra = await put({ mappings: [{ ...valid(0), carrier: "x" }] });
      expect(extra.status).toBe(400);
      expect(await saved()).toEqual(before);
    });

    it("clears the mappings with an empty list", async () => {
      expect((await put({ mappings: [] })).status).toBe(200);
      expect(await saved()).toEqual([]);
    });
  });
}
