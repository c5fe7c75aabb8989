import { describe, expect, it } from "vitest";
import { checkIdPattern } from "../src/server/api/accounting.ts";
import { compareOrders, parseShopifyOrders, shopifyTime } from "../src/server/otherstore/shopify.ts";
import { DEFAULT_ID_PATTERN } from "../src/server/settings.ts";

const HEADER =
  "Name,Email,Financial Status,Paid at,Currency,Subtotal,Shipping,Taxes,Total,Discount Amount,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Source,Note Attributes,Tags";

const csv = [
  HEADER,
  '#1001,a@x.test,paid,2026-11-03 10:15:00 -0500,USD,20.00,4.99,1.60,26.59,0.00,2026-11-03 10:14:00 -0500,1,Mug,20.00,MUG-1,tiktok,"tiktok_order_id: 576461413038785752",TikTok',
  "#1001,,,,,,,,,,,2,Coaster,0.00,CST-1,,,",
  "#1002,b@x.test,paid,,USD,10.00,0.00,0.00,10.00,0.00,2026-11-04 09:00:00 +0000,1,Pen,10.00,PEN,web,,",
  '#1003,c@x.test,paid,,USD,5.00,0.00,0.00,5.00,0.00,2026-11-04 09:00:00 +0000,1,Pen,5.00,PEN,tiktok,,"TikTok, 5764614130387857531"',
].join("\n");

describe("Shopify orders export", () => {
  it("reads one order per Name, order columns from its first row, the TikTok id by the default rule", () => {
    const { orders, errors } = parseShopifyOrders(csv, DEFAULT_ID_PATTERN);
    expect(errors).toEqual([]);
    expect(
      orders.map((o) => [o.name, o.tiktokOrderId, o.total, o.shipping, o.taxes, o.lineItems.length]),
    ).toEqual([
      ["#1001", "576461413038785752", "26.59", "4.99", "1.6", 2],
      ["#1002", null, "10", "0", "0", 1],
      ["#1003", "5764614130387857531", "5", "0", "0", 1],
    ]);
    expect(orders[0]!.createdTime).toBe(Date.parse("2026-11-03T15:14:00Z") / 1000);
  });

  it("follows a custom rule (e.g. the id after a prefix in Tags)", () => {
    const text = `${HEADER}\n#2001,,paid,,USD,1,0,0,1.00,0,,1,x,1,s,,,"TT-123456"\n`;
    const { orders } = parseShopifyOrders(text, "TT-(\\d+)");
    expect(orders[0]!.tiktokOrderId).toBe("123456");
    expect(checkIdPattern("TT-(")).toMatch(/not a valid regular expression/);
    expect(checkIdPattern("\\d*")).toMatch(/matches empty text/);
    expect(checkIdPattern(DEFAULT_ID_PATTERN)).toBeNull();
  });

  it("refuses a file that is not an orders export, and names bad rows and columns", () => {
    expect(parseShopifyOrders("Date,Amount\n2026-01-01,1\n", DEFAULT_ID_PATTERN).errors[0]!.message).toBe(
      "Not a Shopify orders export: the header has no Name, Currency, Total columns.",
    );
    const bad = `${HEADER}\n#1,,paid,,USD,1,0,0,abc,0,,1,x,1,s,,,\n#2,,paid,,EURO,1,0,0,1,0,yesterday,1,x,1,s,,,\n`;
    const result = parseShopifyOrders(bad, DEFAULT_ID_PATTERN);
    expect(result.orders).toEqual([]);
    expect(result.errors).toEqual([
      { row: 2, column: "Total", message: '"abc" is not an amount.' },
      { row: 3, column: "Currency", message: '"EURO" is not a currency code.' },
      { row: 3, column: "Created at", message: '"yesterday" is not a date and time.' },
    ]);
    const twice = `${HEADER}\n#1,,,,USD,1,0,0,1,0,,1,x,1,s,,111111111111111111,\n#2,,,,USD,1,0,0,1,0,,1,x,1,s,,111111111111111111,\n`;
    expect(parseShopifyOrders(twice, DEFAULT_ID_PATTERN).errors[0]!.message).toBe(
      "TikTok order 111111111111111111 is in both #1 and #2.",
    );
  });

  it("reads Shopify's time stamps", () => {
    expect(shopifyTime("2026-11-03 10:15:00 -0500")).toBe(Date.parse("2026-11-03T15:15:00Z") / 1000);
    expect(shopifyTime("2026-11-03T10:15:00Z")).toBe(Date.parse("2026-11-03T10:15:00Z") / 1000);
    expect(shopifyTime("3 Nov")).toBeNull();
  });
});

describe("ACC-R4 report per TikTok order", () => {
  it("says whether both stores have the order with the same gross", () => {
    const tiktok = [
      { id: "1", currency: "USD", total: "26.59", createTime: 0, status: "COMPLETED" },
      { id: "2", currency: "USD", total: "10.00", createTime: 0, status: "COMPLETED" },
      { id: "3", currency: "USD", total: "7.00", createTime: 0, status: "DELIVERED" },
    ];
    const other = [
      { name: "#1", tiktokOrderId: "1", currency: "USD", total: "26.59" },
      { name: "#2", tiktokOrderId: "2", currency: "USD", total: "11.00" },
      { name: "#9", tiktokOrderId: "9", currency: "USD", total: "4.00" },
      { name: "#10", tiktokOrderId: null, currency: "USD", total: "4.00" },
      { name: "#11", tiktokOrderId: "77", currency: "USD", total: "4.00" },
    ];
    // Order 77 is the shop's but outside the report's dates: not "only in the other store".
    const rows = compareOrders(tiktok, other, new Set(["1", "2", "77"]));
    expect(
      rows.map((r) => [r.tiktokOrderId, r.otherName, r.state, r.tiktokGross, r.otherGross, r.difference]),
    ).toEqual([
      ["1", "#1", "agrees", "26.59", "26.59", "0.00"],
      ["2", "#2", "differs", "10.00", "11.00", "1.00"],
      ["3", null, "only_tiktok", "7.00", null, null],
      ["9", "#9", "only_other", null, "4.00", null],
    ]);
  });
});
