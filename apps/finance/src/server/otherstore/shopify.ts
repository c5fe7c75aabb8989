import Papa from "papaparse";
import { parseAmount } from "../bank/parse.ts";
import { Big, toAmount } from "../money.ts";

/**
 * ACC-R4: the other store's orders, from Shopify's orders export (Orders › Export, CSV). It has
 * one row per line item; the order's own columns (Financial Status, Currency, Subtotal, Shipping,
 * Taxes, Total, Discount Amount, Note Attributes …) are filled on its first row only. The TikTok
 * order id is wherever the seller's connector put it: Note Attributes, Tags or the order Name,
 * found by a rule (a regular expression; default: a standalone 18-19 digit number).
 */

export interface OtherStoreOrder {
  name: string;
  tiktokOrderId: string | null;
  currency: string;
  subtotal: string;
  shipping: string;
  taxes: string;
  discount: string;
  total: string;
  financialStatus: string | null;
  /** As Shopify writes it ("2026-11-03 10:15:00 -0500"). */
  createdAt: string | null;
  /** Unix seconds of createdAt, when it reads as a date. */
  createdTime: number | null;
  lineItems: Array<{ name: string; sku: string; quantity: string; price: string }>;
  source: string | null;
}

export interface ShopifyParseError {
  row: number | null;
  column: string | null;
  message: string;
}

const REQUIRED = ["Name", "Currency", "Total"] as const;
const AMOUNTS = ["Subtotal", "Shipping", "Taxes", "Total", "Discount Amount"] as const;

/** Shopify's "2026-11-03 10:15:00 -0500" (or ISO) as Unix seconds. */
export function shopifyTime(value: string): number | null {
  const m = value.trim().match(/^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)\s*(Z|[+-]\d{2}:?\d{2})?$/);
  if (!m) return null;
  const zone = m[3] ? (m[3] === "Z" ? "Z" : `${m[3].slice(0, 3)}:${m[3].slice(-2)}`) : "Z";
  const time = Date.parse(`${m[1]}T${m[2]!.length === 5 ? `${m[2]}:00` : m[2]}${zone}`);
  return Number.isNaN(time) ? null : time / 1000;
}

/** The TikTok order id in an order, by the rule: Note Attributes first, then Tags, then Name. */
export function findTikTokId(rule: RegExp, fields: Array<string | null | undefined>): string | null {
  for (const field of fields) {
    if (!field) continue;
    const match = field.match(rule);
    if (match) return match[1] ?? match[0];
  }
  return null;
}

export function parseShopifyOrders(
  text: string,
  idPattern: string,
): { orders: OtherStoreOrder[]; errors: ShopifyParseError[] } {
  const rows = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
  const errors: ShopifyParseError[] = [];
  const headers = (rows[0] ?? []).map((h) => h.trim());
  const index = (name: string) => headers.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  const missing = REQUIRED.filter((name) => index(name) < 0);
  if (missing.length > 0) {
    return {
      orders: [],
      errors: [
        {
          row: 1,
          column: missing.join(", "),
          message: `Not a Shopify orders export: the header has no ${missing.join(", ")} column${missing.length > 1 ? "s" : ""}.`,
        },
      ],
    };
  }
  const rule = new RegExp(idPattern);
  const byName = new Map<string, OtherStoreOrder>();
  for (let r = 1; r < rows.length && errors.length < 20; r++) {
    const cells = rows[r]!;
    const row = r + 1;
    const cell = (name: string) => {
      const i = index(name);
      return i < 0 ? "" : (cells[i] ?? "").trim();
    };
    const name = cell("Name");
    if (!name) {
      errors.push({ row, column: "Name", message: "The row has no order Name." });
      continue;
    }
    const lineItem = {
      name: cell("Lineitem name"),
      sku: cell("Lineitem sku"),
      quantity: cell("Lineitem quantity"),
      price: cell("Lineitem price"),
    };
    const existing = byName.get(name);
    if (existing) {
      // A further line item of the same order: its order-level columns are empty.
      existing.lineItems.push(lineItem);
      continue;
    }
    const amounts: Record<string, string> = {};
    for (const column of AMOUNTS) {
      const raw = cell(column);
      if (raw === "" && column !== "Total") {
        amounts[column] = "0";
        continue;
      }
      const amount = parseAmount(raw);
      if (amount === null) {
        errors.push({
          row,
          column,
          message:
            raw === "" ? `Order ${name} has no ${column} on its first row.` : `"${raw}" is not an amount.`,
        });
      } else amounts[column] = amount;
    }
    const currency = cell("Currency").toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) {
      errors.push({ row, column: "Currency", message: `"${cell("Currency")}" is not a currency code.` });
    }
    const createdAt = cell("Created at") || null;
    const createdTime = createdAt ? shopifyTime(createdAt) : null;
    if (createdAt && createdTime === null) {
      errors.push({ row, column: "Created at", message: `"${createdAt}" is not a date and time.` });
    }
    byName.set(name, {
      name,
      tiktokOrderId: findTikTokId(rule, [cell("Note Attributes"), cell("Tags"), name]),
      currency,
      subtotal: amounts.Subtotal ?? "0",
      shipping: amounts.Shipping ?? "0",
      taxes: amounts.Taxes ?? "0",
      discount: amounts["Discount Amount"] ?? "0",
      total: amounts.Total ?? "0",
      financialStatus: cell("Financial Status") || null,
      createdAt,
      createdTime,
      lineItems: [lineItem],
      source: cell("Source") || null,
    });
  }
  if (rows.length <= 1)
    errors.push({ row: null, column: null, message: "The file has no orders below its header." });
  const orders = [...byName.values()];
  const ids = new Map<string, string>();
  for (const order of orders) {
    if (!order.tiktokOrderId) continue;
    const other = ids.get(order.tiktokOrderId);
    if (other) {
      errors.push({
        row: null,
        column: null,
        message: `TikTok order ${order.tiktokOrderId} is in both ${other} and ${order.name}.`,
      });
    } else ids.set(order.tiktokOrderId, order.name);
  }
  return { orders: errors.length > 0 ? [] : orders, errors };
}

export interface TikTokOrderGross {
  id: string;
  currency: string | null;
  /** What the buyer paid (payment.total_amount). */
  total: string | null;
  createTime: number;
  status: string;
}

export type CompareState = "agrees" | "differs" | "only_tiktok" | "only_other";

export interface CompareRow {
  tiktokOrderId: string | null;
  otherName: string | null;
  state: CompareState;
  currency: string | null;
  tiktokGross: string | null;
  otherGross: string | null;
  difference: string | null;
}

/**
 * The report per TikTok order: in both with the same gross (what the buyer paid, to the cent, in
 * the same currency), in both with different grosses, only in TikTok, or only in the other store
 * (an order it attributes to TikTok that TikTok does not have).
 */
export function compareOrders(
  tiktok: TikTokOrderGross[],
  other: Array<Pick<OtherStoreOrder, "name" | "tiktokOrderId" | "currency" | "total">>,
  knownTikTokIds: Set<string>,
): CompareRow[] {
  const otherById = new Map(other.filter((o) => o.tiktokOrderId).map((o) => [o.tiktokOrderId!, o]));
  const rows: CompareRow[] = [];
  for (const order of tiktok) {
    const match = otherById.get(order.id);
    if (!match) {
      rows.push({
        tiktokOrderId: order.id,
        otherName: null,
        state: "only_tiktok",
        currency: order.currency,
        tiktokGross: order.total,
        otherGross: null,
        difference: null,
      });
      continue;
    }
    const same =
      order.total !== null &&
      match.currency === order.currency &&
      new Big(match.total).eq(new Big(order.total));
    rows.push({
      tiktokOrderId: order.id,
      otherName: match.name,
      state: same ? "agrees" : "differs",
      currency: order.currency,
      tiktokGross: order.total,
      otherGross: match.total,
      difference:
        order.total !== null && match.currency === order.currency
          ? toAmount(new Big(match.total).minus(new Big(order.total)), order.currency ?? match.currency)
          : null,
    });
  }
  for (const order of other) {
    if (!order.tiktokOrderId || knownTikTokIds.has(order.tiktokOrderId)) continue;
    rows.push({
      tiktokOrderId: order.tiktokOrderId,
      otherName: order.name,
      state: "only_other",
      currency: order.currency,
      tiktokGross: null,
      otherGross: order.total,
      difference: null,
    });
  }
  return rows;
}
