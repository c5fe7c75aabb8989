import { expect, test } from "@playwright/test";
import { financeApp } from "../support/apps.ts";
import { control } from "../support/dev-shop.ts";
import {
  cents,
  downloadedCsv,
  financeCall,
  installFinance,
  ledger,
  previewJournals,
  shown,
  waitForSync,
} from "../support/finance.ts";
import { eachTestStartsClean } from "../support/hooks.ts";
import { type ShopRow, seller1Shops } from "../support/install.ts";
import { financeUrl } from "../support/ports.ts";

/**
 * ACC-R4 (A2X's approach for TikTok orders routed into Shopify): the other store books the gross
 * sale, so the TikTok journal posts sales, buyer shipping and taxes to the TikTok Shop clearing
 * account; the other store's orders export is compared order by order with TikTok's.
 */

let shops: ShopRow[];
let gb: ShopRow;

const day = (unix: number) => new Date(unix * 1000).toISOString().slice(0, 10);

const consoleErrors = eachTestStartsClean({ app: financeApp, url: financeUrl, timeoutMs: 150_000 });

test.beforeEach(async () => {
  shops = await seller1Shops();
  gb = shops.find((s) => s.region === "GB")!;
});

interface DevOrder {
  order: {
    id: string;
    status: string;
    create_time: number;
    payment: { currency: string; total_amount: string };
  };
}

const HEADER =
  "Name,Email,Financial Status,Paid at,Currency,Subtotal,Shipping,Taxes,Total,Discount Amount,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Source,Note Attributes,Tags";

test("ACC-R4: with orders also booked in Shopify, journals clear the other store's receivable instead of booking sales, and each TikTok order is compared with the Shopify export", async ({
  page,
}) => {
  await installFinance(page, { onlyShop: gb.name });
  await waitForSync(page, gb.id);

  // The setting: a bad id rule is refused by name, then the mode is switched on.
  await page.goto(`${financeUrl}/accounting?shop=${gb.id}`);
  await page.getByRole("tab", { name: "Settings" }).click();
  const shopForm = page.getByRole("form", { name: `Settings of ${gb.name}` });
  await shopForm.getByLabel("Orders are also booked in another store").check();
  await shopForm.getByLabel("TikTok order id rule (regular expression)").fill("TT-(");
  await shopForm.getByRole("button", { name: `Save settings of ${gb.name}` }).click();
  await expect(shopForm.getByRole("alert")).toContainText(
    "Settings not saved: The order id rule is not a valid regular expression",
  );
  consoleErrors.forgive(/status of 400/);
  await shopForm.getByLabel("TikTok order id rule (regular expression)").fill("");
  await shopForm.getByRole("button", { name: `Save settings of ${gb.name}` }).click();
  await expect(page.getByText(`Settings of ${gb.name} saved`).first()).toBeVisible();

  // A statement's journal: no sales line; the clearing account takes what the buyer paid for the
  // goods, their shipping and the taxes, exactly as the dev shop's ledger has them.
  const statement = [...(await ledger.statements(gb.id))].reverse().find((s) => s.order_ids.length > 0)!;
  const detail = await ledger.statement(gb.id, statement.id);
  const routed = detail.transactions
    .filter((t) => t.type !== "RESERVE")
    .map((t) => {
      const shipping = (t.shipping_cost_breakdown ?? {}) as Record<string, string>;
      const tax = ((t.fee_tax_breakdown ?? {}) as { tax?: Record<string, string> }).tax ?? {};
      return (
        cents([t.revenue_amount as string]) +
        cents([shipping.customer_paid_shipping_fee_amount]) +
        cents(Object.values(tax))
      );
    })
    .reduce((a, b) => a + b, 0);
  const covered = day(statement.statement_time - 1);
  await page.getByRole("tab", { name: "Export journals" }).click();
  await previewJournals(page, {
    shops: [gb],
    allShops: shops,
    kind: "One journal per statement",
    format: "CSV (any ledger)",
    from: covered,
    to: covered,
  });
  const rows = (await downloadedCsv(page)).filter((r) => r[0] === `TTS-ST-${statement.id}`);
  expect(rows.some((r) => r[5] === "4000")).toBe(false);
  const clearing = rows.find((r) => r[6] === "TikTok Shop Clearing (other store)")!;
  expect(cents([clearing[9]]) - cents([clearing[8]])).toBe(routed);
  expect(rows.some((r) => r[5] === "6100")).toBe(true);
  expect(cents(rows.map((r) => r[8]))).toBe(cents(rows.map((r) => r[9])));

  // The Shopify export, built from the dev shop's orders: one agrees, one with another total, one
  // left out, one naming a TikTok order that does not exist, one web order.
  const { orders } = await control.call<{ orders: DevOrder[] }>("GET", `/orders?shop_id=${gb.id}&limit=400`);
  const since = Math.floor(Date.now() / 1000) - 25 * 86_400;
  const booked = orders
    .map((o) => o.order)
    .filter(
      (o) =>
        ["COMPLETED", "DELIVERED", "IN_TRANSIT", "AWAITING_COLLECTION"].includes(o.status) &&
        o.create_time > since,
    );
  expect(booked.length).toBeGreaterThan(3);
  const [agrees, differs, left] = booked as [DevOrder["order"], DevOrder["order"], DevOrder["order"]];
  const at = (o: DevOrder["order"]) =>
    new Date(o.create_time * 1000).toISOString().replace("T", " ").slice(0, 19);
  const more = (Number(differs.payment.total_amount) + 1).toFixed(2);
  const csv = [
    HEADER,
    `#1001,a@x.test,paid,${at(agrees)} +0000,GBP,0,0,0,${agrees.payment.total_amount},0,${at(agrees)} +0000,1,Mug,1,MUG,tiktok,"tiktok_order_id: ${agrees.id}",TikTok`,
    "#1001,,,,,,,,,,,1,Coaster,1,CST,,,",
    `#1002,b@x.test,paid,,GBP,0,0,0,${more},0,${at(differs)} +0000,1,Pen,1,PEN,tiktok,,"TikTok, ${differs.id}"`,
    `#1003,c@x.test,paid,,GBP,0,0,0,9.99,0,${at(agrees)} +0000,1,Pen,1,PEN,tiktok,"tiktok_order_id: 999999999999999999",`,
    `#1004,d@x.test,paid,,GBP,0,0,0,5.00,0,${at(agrees)} +0000,1,Pen,1,PEN,web,,`,
  ].join("\n");
  await page.goto(
    `${financeUrl}/other-store?shop=${gb.id}&from=${day(since)}&to=${day(Math.floor(Date.now() / 1000))}`,
  );
  const file = page.getByLabel("Orders export (CSV)");

  // Bad input first: not an orders export; nothing is written.
  await file.setInputFiles({
    name: "x.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("Date,Amount\n2026-01-01,1\n"),
  });
  await expect(page.getByRole("alert").filter({ hasText: "Nothing imported" })).toContainText(
    "Nothing imported: row 1, column Name, Currency, Total: Not a Shopify orders export",
  );
  consoleErrors.forgive(/status of 422/);

  await file.setInputFiles({ name: "orders_export.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(page.getByText("Imported 4 orders (3 from TikTok)").first()).toBeVisible();
  const table = page.getByRole("table", { name: "TikTok orders in the other store" });
  await expect(table.getByRole("row").filter({ hasText: agrees.id })).toContainText("In both, same gross");
  const differsRow = table.getByRole("row").filter({ hasText: differs.id });
  await expect(differsRow).toContainText("In both, gross differs");
  await expect(differsRow).toContainText(shown(differs.payment.total_amount, "GBP"));
  await expect(differsRow).toContainText(shown(more, "GBP"));

  const report = (await (
    await page.request.get(
      `${financeUrl}/api/other-store/${gb.id}/report?from=${day(since)}&to=${day(Math.floor(Date.now() / 1000))}&page_size=500`,
    )
  ).json()) as {
    rows: { rows: Array<{ tiktokOrderId: string; state: string; otherName: string | null }> };
    imported: number;
  };
  const state = (id: string) => report.rows.rows.find((r) => r.tiktokOrderId === id)?.state;
  expect(state(agrees.id)).toBe("agrees");
  expect(state(differs.id)).toBe("differs");
  expect(state(left.id)).toBe("only_tiktok");
  expect(state("999999999999999999")).toBe("only_other");
  expect(report.imported).toBe(4);

  // A file with one bad row imports nothing, not even its good rows.
  const refused = await financeCall(page, "POST", `/other-store/${gb.id}/import`, {
    content: `${HEADER}\n#2001,,paid,,GBP,0,0,0,3.00,0,,1,x,1,s,,,\n#2002,,paid,,GBP,0,0,0,abc,0,,1,x,1,s,,,\n`,
  });
  expect(refused.status()).toBe(422);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
    'Nothing imported: row 3, column Total: "abc" is not an amount.',
  );
  const after = (await (await page.request.get(`${financeUrl}/api/other-store/${gb.id}/report`)).json()) as {
    imported: number;
  };
  expect(after.imported).toBe(4);
});
