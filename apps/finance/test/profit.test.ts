import { describe, expect, it } from "vitest";
import { parseCostsCsv } from "../src/server/profit/costs.ts";
import { computeProfit, periodOf } from "../src/server/profit/engine.ts";

const T = 1_767_225_600; // 2026-01-01, a Thursday

describe("profit", () => {
  const lines = [
    {
      orderId: "O1",
      statementTime: T,
      skuId: "11",
      skuName: "Red",
      productName: "Tee",
      quantity: 2,
      currency: "USD",
      revenueAmount: "40.00",
      settlementAmount: "33.10",
    },
    {
      orderId: "O1",
      statementTime: T,
      skuId: "12",
      skuName: "Blue",
      productName: "Tee",
      quantity: 1,
      currency: "USD",
      revenueAmount: "20.00",
      settlementAmount: "16.55",
    },
    {
      orderId: "O2",
      statementTime: T + 86_400 * 7,
      skuId: "11",
      skuName: "Red",
      productName: "Tee",
      quantity: 1,
      currency: "USD",
      revenueAmount: "20.00",
      settlementAmount: "16.55",
    },
  ];

  it("is what TikTok settled minus the cost of goods, per order, per SKU and per period", () => {
    const result = computeProfit(
      lines,
      new Map([
        ["11", "7.25"],
        ["12", "9.10"],
      ]),
      "week",
    );
    expect(result.orders.find((o) => o.orderId === "O1")).toMatchObject({
      revenue: "60.00",
      settlement: "49.65",
      cogs: "23.60",
      profit: "26.05",
      marginPercent: "43.42",
      missingCost: false,
    });
    expect(result.skus.find((s) => s.skuId === "11")).toMatchObject({
      quantity: 3,
      cogs: "21.75",
      profit: "27.90",
    });
    expect(result.periods.map((p) => [p.period, p.profit])).toEqual([
      ["2025-12-29", "26.05"],
      ["2026-01-05", "9.30"],
    ]);
    expect(result.totals).toEqual([expect.objectContaining({ profit: "35.35", currency: "USD" })]);
  });

  it("marks an order with a SKU without cost instead of inventing a margin", () => {
    const result = computeProfit(lines, new Map([["11", "7.25"]]));
    const o1 = result.orders.find((o) => o.orderId === "O1");
    expect(o1).toMatchObject({ missingCost: true, marginPercent: null });
    expect(result.orders.find((o) => o.orderId === "O2")).toMatchObject({
      missingCost: false,
      marginPercent: "46.50",
    });
  });

  it("names ISO weeks by their Monday and months by year-month", () => {
    expect(periodOf(T, "week")).toBe("2025-12-29");
    expect(periodOf(T, "month")).toBe("2026-01");
  });
});

describe("cost of goods CSV", () => {
  const known = new Set(["1729382256910270001", "1729382256910270002"]);

  it("reads sku_id, unit_cost and an optional currency, with common header spellings", () => {
    const result = parseCostsCsv(
      "SKU ID,Cost\n1729382256910270001,4.20\n1729382256910270002, 3\n",
      "USD",
      known,
    );
    expect(result).toEqual({
      ok: true,
      rows: [
        { skuId: "1729382256910270001", unitCost: "4.20", currency: "USD" },
        { skuId: "1729382256910270002", unitCost: "3", currency: "USD" },
      ],
    });
  });

  it("refuses the whole file when one row is bad, naming each bad line", () => {
    const result = parseCostsCsv(
      "sku_id,unit_cost,currency\n1729382256910270001,4.20,USD\n1729382256910270002,-1,USD\nabc,1,EUR\n1729382256910270001,2,USD\n",
      "USD",
      known,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.line)).toEqual([3, 4, 5]);
    expect(result.errors[0]?.message).toBe("Line 3: unit_cost -1 is negative.");
    expect(result.errors[1]?.message).toContain('sku_id "abc" is not a TikTok SKU id');
    expect(result.errors[1]?.message).toContain("currency EUR is not the shop's currency (USD)");
    expect(result.errors[2]?.message).toContain("already on line 2");
    expect(result.message).toMatch(/^Nothing was imported: 3 of 4 rows have problems\./);
  });

  it("refuses SKUs the shop does not sell, a missing header column and an empty file", () => {
    expect(parseCostsCsv("sku_id,unit_cost\n999,1\n", "USD", known)).toMatchObject({
      ok: false,
      errors: [{ line: 2, message: "Line 2: SKU 999 is not sold in this shop." }],
    });
    expect(parseCostsCsv("sku,price\n1,2\n", "USD", known)).toMatchObject({ ok: false });
    expect(parseCostsCsv("", "USD", known)).toMatchObject({ ok: false });
  });
});
