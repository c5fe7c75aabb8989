import { describe, expect, it } from "vitest";
import { testShop } from "./helpers.ts";

describe("seed size", () => {
  it("generates the requested number of products and orders per shop", () => {
    const devShop = testShop({ size: { productsPerShop: 7, ordersPerShop: 25 } });
    try {
      for (const data of Object.values(devShop.store.commerce.shops)) {
        expect(Object.keys(data.products)).toHaveLength(7);
        expect(Object.keys(data.orders)).toHaveLength(25);
      }
    } finally {
      devShop.close();
    }
  });
});
