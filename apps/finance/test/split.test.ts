import { describe, expect, it } from "vitest";
import { routeOtherStore } from "../src/server/accounting/build.ts";
import { toGenericCsv, toQuickBooksCsv, toXeroCsv } from "../src/server/accounting/formats.ts";
import { type Journal, type Parts, transactionParts } from "../src/server/accounting/journal.ts";
import { DEFAULT_ACCOUNTS, LINE_KEYS, resolveMapping, SYSTEM_KEYS } from "../src/server/accounting/ledger.ts";
import { payoutJournals, payoutMonths } from "../src/server/accounting/split.ts";
import { dayIn, endOfMonth, monthIn, startOfDay, statementInstant } from "../src/server/accounting/zone.ts";
import { Big, dec, sum } from "../src/server/money.ts";

const context = (() => {
  const mapping = resolveMapping({});
  return {
    mapping,
    accounts: new Map(DEFAULT_ACCOUNTS.map((a) => [a.code, a])),
    labels: new Map(LINE_KEYS.map((k) => [k.key, k.label])),
  };
})();

const at = (iso: string) => Date.parse(iso) / 1000;

function orderParts(revenue: string, fee: string, shipping: string): Parts {
  return transactionParts({
    type: "ORDER",
    revenueAmount: revenue,
    shippingCostAmount: shipping,
    feeTaxAmount: fee,
    adjustmentAmount: "0",
    reserveAmount: null,
    raw: {
      revenue_breakdown: { subtotal_before_discount_amount: revenue },
      shipping_cost_breakdown: { actual_shipping_fee_amount: shipping },
      fee_tax_breakdown: { fee: { referral_fee_amount: fee }, tax: {} },
    },
  });
}

const payout = {
  id: "P1",
  shopId: "7",
  shopName: "Acme US",
  currency: "USD",
  depositDescription: "Deposit",
  depositTime: at("2026-11-02T00:00:00Z"),
  depositDay: "2026-11-02",
  depositMonth: "2026-11",
};

/** Sum per account over journals. */
function byAccount(journals: Journal[]): Record<string, string> {
  const totals = new Map<string, ReturnType<typeof dec>>();
  for (const j of journals)
    for (const l of j.lines)
      totals.set(l.accountCode, (totals.get(l.accountCode) ?? new Big(0)).add(dec(l.amount)));
  return Object.fromEntries([...totals].filter(([, v]) => !v.eq(0)).map(([k, v]) => [k, v.toFixed(2)]));
}

describe("accounting time zone", () => {
  it("dates instants and month ends in the seller's zone, across daylight saving", () => {
    expect(dayIn(at("2026-11-01T03:00:00Z"), "America/New_York")).toBe("2026-10-31");
    expect(monthIn(at("2026-11-01T03:00:00Z"), "UTC")).toBe("2026-11");
    expect(startOfDay("2026-03-08", "America/New_York")).toBe(at("2026-03-08T05:00:00Z"));
    expect(startOfDay("2026-03-09", "America/New_York")).toBe(at("2026-03-09T04:00:00Z"));
    expect(endOfMonth("2026-10", "Europe/London")).toBe(at("2026-11-01T00:00:00Z"));
    expect(endOfMonth("2026-06", "Europe/London")).toBe(at("2026-06-30T23:00:00Z"));
  });

  it("puts a statement in the month of the day it covers, not the day TikTok closed it", () => {
    // TikTok's statement for Oct 31 is stamped Nov 1 00:00 UTC.
    expect(monthIn(statementInstant(at("2026-11-01T00:00:00Z")), "UTC")).toBe("2026-10");
    expect(monthIn(statementInstant(at("2026-11-02T00:00:00Z")), "UTC")).toBe("2026-11");
    // Tokyo's Nov 1 starts at 15:00 UTC on Oct 31: that statement's last second is November there.
    expect(monthIn(statementInstant(at("2026-11-01T00:00:00Z")), "Asia/Tokyo")).toBe("2026-11");
  });
});

describe("ACC-R6 split-month rollovers", () => {
  const october = orderParts("100.00", "-8.00", "-5.00"); // net 87.00
  const november = orderParts("40.00", "-3.20", "-2.00"); // net 34.80
  const months = [
    { month: "2026-10", parts: october },
    { month: "2026-11", parts: november },
  ];
  const deposit = { ...payout, deposit: dec("121.80"), statementCount: 2 };

  it("lists the months of the statements and of the deposit", () => {
    expect(payoutMonths(["2026-10", "2026-10"], "2026-11")).toEqual(["2026-10", "2026-11"]);
    expect(payoutMonths(["2026-11"], "2026-11")).toEqual(["2026-11"]);
  });

  it("books one journal per month: October's lines to the rollover on Oct 31, November clears it with the deposit", () => {
    const journals = payoutJournals(context, deposit, months, { split: true, timeZone: "UTC" });
    expect(journals.map((j) => [j.reference, j.day])).toEqual([
      ["TTS-PY-P1-2026-10", "2026-10-31"],
      ["TTS-PY-P1", "2026-11-02"],
    ]);
    const [oct, nov] = journals as [Journal, Journal];
    expect(oct.lines.map((l) => [l.accountCode, l.amount])).toEqual([
      ["1240", "87.00"],
      ["4000", "-100.00"],
      ["5100", "5.00"],
      ["6100", "8.00"],
    ]);
    expect(nov.lines.map((l) => [l.accountCode, l.amount])).toEqual([
      ["090", "121.80"],
      ["1240", "-87.00"],
      ["4000", "-40.00"],
      ["5100", "2.00"],
      ["6100", "3.20"],
    ]);
    for (const j of journals) expect(sum(j.lines.map((l) => l.amount)).toFixed(2)).toBe("0.00");
  });

  it("adds up to the unsplit journal, and the rollover nets to zero", () => {
    const split = payoutJournals(context, deposit, months, { split: true, timeZone: "UTC" });
    const whole = payoutJournals(context, deposit, months, { split: false, timeZone: "UTC" });
    expect(whole).toHaveLength(1);
    expect(byAccount(split)).toEqual(byAccount(whole));
    expect(byAccount(split)["1240"]).toBeUndefined();
  });

  it("splits a single October statement paid in November, and keeps a payout within one month whole", () => {
    const late = payoutJournals(
      context,
      { ...payout, deposit: dec("87.00"), statementCount: 1 },
      [{ month: "2026-10", parts: october }],
      { split: true, timeZone: "UTC" },
    );
    expect(late.map((j) => j.reference)).toEqual(["TTS-PY-P1-2026-10", "TTS-PY-P1"]);
    expect(late[1]!.lines.map((l) => [l.accountCode, l.amount])).toEqual([
      ["090", "87.00"],
      ["1240", "-87.00"],
    ]);
    const same = payoutJournals(
      context,
      { ...payout, deposit: dec("34.80"), statementCount: 1 },
      [{ month: "2026-11", parts: november }],
      { split: true, timeZone: "UTC" },
    );
    expect(same.map((j) => j.reference)).toEqual(["TTS-PY-P1"]);
  });

  it("keeps a deposit that differs from its statements on the difference line of the deposit month", () => {
    const journals = payoutJournals(context, { ...deposit, deposit: dec("121.00") }, months, {
      split: true,
      timeZone: "UTC",
    });
    const nov = journals.at(-1)!;
    expect(nov.lines.find((l) => l.accountCode === "6900")?.amount).toBe("0.80");
    expect(sum(nov.lines.map((l) => l.amount)).toFixed(2)).toBe("0.00");
  });

  it("writes the split journals in CSV, Xero and QuickBooks layouts, each dated in its own month", () => {
    const journals = payoutJournals(context, deposit, months, { split: true, timeZone: "UTC" });
    const csv = toGenericCsv(journals);
    expect(csv).toContain("TTS-PY-P1-2026-10,2026-10-31");
    expect(csv).toContain("Split-month Rollover");
    expect(toXeroCsv(journals)).toContain("31/10/2026");
    expect(toQuickBooksCsv(journals)).toContain("TTS-PY-P1-2026-10,10/31/2026,Split-month Rollover,87.00");
  });

  it("maps the rollover like any other line key", () => {
    const mapped = {
      ...context,
      mapping: resolveMapping({ [SYSTEM_KEYS.rollover]: "1200" }),
    };
    const journals = payoutJournals(mapped, deposit, months, { split: true, timeZone: "UTC" });
    expect(journals[0]!.lines.find((l) => l.accountCode === "1200")?.amount).toBe("87.00");
  });
});

describe("ACC-R4 orders booked in another store", () => {
  it("moves gross sales, buyer-paid shipping and taxes to the other store's clearing; deductions stay", () => {
    const parts = transactionParts({
      type: "ORDER",
      revenueAmount: "95.00",
      shippingCostAmount: "-4.50",
      feeTaxAmount: "-10.56",
      adjustmentAmount: "0",
      reserveAmount: null,
      raw: {
        revenue_breakdown: { subtotal_before_discount_amount: "100.00", seller_discount_amount: "-5.00" },
        shipping_cost_breakdown: {
          actual_shipping_fee_amount: "-7.50",
          customer_paid_shipping_fee_amount: "3.00",
        },
        fee_tax_breakdown: {
          fee: { referral_fee_amount: "-5.70", affiliate_commission_amount: "-2.86" },
          tax: { vat_amount: "-2.00" },
        },
      },
    });
    const routed = routeOtherStore(parts);
    const out = Object.fromEntries([...routed].map(([k, v]) => [k, v.toFixed(2)]));
    expect(out).toEqual({
      [SYSTEM_KEYS.otherStore]: "96.00", // 100 - 5 + 3 - 2
      "shipping.actual_shipping_fee_amount": "-7.50",
      "fee.referral_fee_amount": "-5.70",
      "fee.affiliate_commission_amount": "-2.86",
    });
    expect(sum([...routed.values()]).eq(sum([...parts.values()]))).toBe(true);
  });
});
