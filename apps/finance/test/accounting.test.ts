import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import {
  splitIntoParts,
  toGenericCsv,
  toQuickBooksCsv,
  toXeroCsv,
} from "../src/server/accounting/formats.ts";
import {
  convertJournals,
  type Journal,
  postParts,
  transactionParts,
} from "../src/server/accounting/journal.ts";
import { DEFAULT_ACCOUNTS, LINE_KEYS, resolveMapping, SYSTEM_KEYS } from "../src/server/accounting/ledger.ts";
import { sum } from "../src/server/money.ts";

const context = (overrides: Record<string, string> = {}) => {
  const mapping = resolveMapping(overrides);
  return {
    mapping,
    accounts: new Map(DEFAULT_ACCOUNTS.map((a) => [a.code, a])),
    labels: new Map(LINE_KEYS.map((k) => [k.key, k.label])),
  };
};

const order = {
  type: "ORDER",
  revenueAmount: "95.00",
  shippingCostAmount: "-4.50",
  feeTaxAmount: "-8.56",
  adjustmentAmount: "0",
  reserveAmount: null,
  raw: {
    revenue_breakdown: { subtotal_before_discount_amount: "100.00", seller_discount_amount: "-5.00" },
    shipping_cost_breakdown: {
      actual_shipping_fee_amount: "-7.50",
      customer_paid_shipping_fee_amount: "3.00",
      supplementary_component: { fbm_shipping_cost_amount: "-7.50" },
    },
    fee_tax_breakdown: {
      fee: { referral_fee_amount: "-5.70", transaction_fee_amount: "-2.86" },
      tax: {},
    },
  },
};

function statementJournal(overrides: Record<string, string> = {}): Journal {
  const parts = transactionParts(order);
  transactionParts(
    {
      type: "CHARGE_BACK",
      revenueAmount: "0",
      shippingCostAmount: "0",
      feeTaxAmount: "0",
      adjustmentAmount: "-20.00",
      reserveAmount: null,
      raw: {},
    },
    parts,
  );
  transactionParts(
    {
      type: "RESERVE",
      revenueAmount: null,
      shippingCostAmount: null,
      feeTaxAmount: null,
      adjustmentAmount: null,
      reserveAmount: "-3.10",
      raw: {},
    },
    parts,
  );
  return {
    reference: "TTS-ST-1",
    kind: "statement",
    date: 1_767_312_000,
    day: "2026-01-02",
    shopId: "7",
    shopName: "Acme US",
    currency: "USD",
    narration: "TikTok Shop statement 1",
    lines: postParts(context(overrides), parts, "USD", { key: SYSTEM_KEYS.clearing, description: "Payable" }),
  };
}

describe("journals", () => {
  it("splits a transaction into its mapped parts, which add up to its settlement", () => {
    const parts = transactionParts(order);
    expect(Object.fromEntries([...parts].map(([k, v]) => [k, v.toFixed(2)]))).toEqual({
      "revenue.subtotal_before_discount_amount": "100.00",
      "revenue.seller_discount_amount": "-5.00",
      "shipping.actual_shipping_fee_amount": "-7.50",
      "shipping.customer_paid_shipping_fee_amount": "3.00",
      "fee.referral_fee_amount": "-5.70",
      "fee.transaction_fee_amount": "-2.86",
    });
    expect(sum([...parts.values()]).toFixed(2)).toBe("81.94");
  });

  it("posts one balanced line per account, the TikTok balance taking the payable amount", () => {
    const journal = statementJournal();
    expect(journal.lines.map((l) => [l.accountCode, l.amount])).toEqual([
      ["1200", "58.84"], // clearing: 95 - 4.50 - 8.56 - 20 - 3.10
      ["1210", "3.10"], // reserve held
      ["4000", "-95.00"], // sales, net of the seller discount
      ["5100", "4.50"],
      ["6100", "8.56"],
      ["6900", "20.00"], // the chargeback
    ]);
    expect(sum(journal.lines.map((l) => l.amount)).toFixed(2)).toBe("0.00");
  });

  it("follows the seller's mapping", () => {
    const journal = statementJournal({
      "fee.transaction_fee_amount": "6110",
      "revenue.seller_discount_amount": "4010",
    });
    const amounts = Object.fromEntries(journal.lines.map((l) => [l.accountCode, l.amount]));
    expect(amounts).toMatchObject({ "4000": "-100.00", "4010": "5.00", "6100": "5.70", "6110": "2.86" });
  });

  it("writes Xero's manual journal columns: dd/mm/yyyy, signed amounts, tax rate and shop tracking", () => {
    const csv = toXeroCsv([statementJournal()]);
    const [header, first] = Papa.parse<string[]>(csv.trim()).data;
    expect(header).toEqual([
      "*Narration",
      "*Date",
      "Description",
      "*AccountCode",
      "*TaxRate",
      "*Amount",
      "TrackingName1",
      "TrackingOption1",
    ]);
    expect(first).toEqual([
      "TTS-ST-1 TikTok Shop statement 1",
      "02/01/2026",
      "Payable",
      "1200",
      "Tax Exempt",
      "58.84",
      "Shop",
      "Acme US",
    ]);
  });

  it("writes QuickBooks Online's journal entry columns: MM/DD/YYYY, account names, debits and credits apart", () => {
    const rows = Papa.parse<string[]>(toQuickBooksCsv([statementJournal()]).trim()).data;
    expect(rows[0]).toEqual([
      "Journal No",
      "Journal Date",
      "Account Name",
      "Debits",
      "Credits",
      "Description",
      "Name",
      "Currency Code",
    ]);
    const sales = rows.find((r) => r[2] === "TikTok Shop Sales")!;
    expect(sales.slice(0, 5)).toEqual(["TTS-ST-1", "01/02/2026", "TikTok Shop Sales", "", "95.00"]);
    const debits = sum(rows.slice(1).map((r) => r[3] || "0"));
    const credits = sum(rows.slice(1).map((r) => r[4] || "0"));
    expect(debits.eq(credits)).toBe(true);
  });

  it("keeps a CSV field that starts like a formula inert, but not a negative amount", () => {
    const journal = statementJournal();
    journal.shopName = "=HYPERLINK(1)";
    expect(toGenericCsv([journal])).toContain("'=HYPERLINK(1)");
    const xero = toXeroCsv([journal]);
    expect(xero).toContain(",-95.00,");
    expect(xero).not.toContain("'-");
  });

  it("converts to the base currency for Xero, still balanced, and names a missing rate", () => {
    const gbp = { ...statementJournal(), currency: "GBP" };
    expect(convertJournals([gbp], "USD", {})).toEqual({ missing: ["GBP"] });
    const converted = convertJournals([gbp], "USD", { GBP: "1.2731" });
    if (!("journals" in converted)) throw new Error("expected journals");
    const [journal] = converted.journals;
    expect(journal?.currency).toBe("USD");
    expect(sum(journal!.lines.map((l) => l.amount)).toFixed(2)).toBe("0.00");
    expect(journal?.narration).toContain("GBP at 1.2731");
  });

  it("splits Xero files at 300 lines without splitting a journal", () => {
    const journal = statementJournal();
    const many = Array.from({ length: 120 }, (_, i) => ({ ...journal, reference: `TTS-ST-${i}` }));
    const parts = splitIntoParts(many, 300);
    expect(parts.map((p) => p.length)).toEqual([50, 50, 20]);
  });
});
