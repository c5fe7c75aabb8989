import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// The README's examples are copies of files in examples/, which `tsc` type-checks; this keeps them identical.
describe("README examples", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  const blocks = [...readme.matchAll(/<!-- example: (\S+) -->\n```ts\n([\s\S]*?)```/g)];

  it("has an example per domain", () => {
    expect(blocks.map((b) => b[1])).toEqual(
      expect.arrayContaining([
        "examples/orders.ts",
        "examples/fulfillment.ts",
        "examples/logistics.ts",
        "examples/returns.ts",
        "examples/products.ts",
        "examples/finance.ts",
        "examples/customer-service.ts",
        "examples/promotion.ts",
        "examples/webhooks.ts",
        "examples/authorization.ts",
      ]),
    );
  });

  it.each(blocks.map((b) => [b[1]!, b[2]!]))("%s matches the file", (path, code) => {
    expect(code).toBe(readFileSync(new URL(`../${path}`, import.meta.url), "utf8"));
  });
});
