import { allEndpoints } from "@tts-kit/tiktok-shop/contract";
import { expect } from "vitest";
import { parseMinor } from "../../src/commerce/money.ts";
import type { Shop } from "../../src/state/platform.ts";
import type { DevShopStore } from "../../src/state/store.ts";
import { type CallInput, call, expectOk, gbShop, type Json, makeStore, seller, usShop } from "./helpers.ts";

export type { Json };

/** Shared fixtures of the finance tests: a cross-border shop, decimal parsing, paging through handlers. */

export const xbShop: Shop = {
  id: "7495000000000000003",
  sellerId: seller.id,
  name: "Test CN→UK",
  region: "GB",
  sellerType: "CROSS_BORDER",
  cipher: "ROW_test_xb",
  code: "CNGBCBTEST01",
  currency: "GBP",
};

export const ALL_SHOPS = [usShop, gbShop, xbShop];

/** A seeded store with the three kinds of shop and enough history for every finance feature. */
export function financeStore(
  opts: { seed?: number; now?: number; ordersPerShop?: number } = {},
): DevShopStore {
  return makeStore({ shops: ALL_SHOPS, ordersPerShop: opts.ordersPerShop ?? 260, ...opts });
}

/** Minor units of a decimal string (every finance currency here has two decimals). */
export function minor(value: unknown): number {
  const parsed = parseMinor(String(value), "USD");
  if (parsed === null) throw new Error(`not an amount: ${JSON.stringify(value)}`);
  return parsed;
}

export function sumOf(items: Json[], key: string): number {
  return items.reduce((total, item) => total + minor(item[key]), 0);
}

export const obj = (value: unknown): Json => (value ?? {}) as Json;

const responseSchemas = new Map(
  allEndpoints.map(({ endpoint }) => [`${endpoint.method} ${endpoint.path}`, endpoint.response]),
);

/** Calls a finance handler, checks the answer against the contract's response schema, returns data. */
export async function financeCall(store: DevShopStore, key: string, input: CallInput = {}): Promise<Json> {
  const data = expectOk(await call(store, key, input));
  const schema = responseSchemas.get(key);
  if (!schema) throw new Error(`no contract endpoint ${key}`);
  const checked = schema.safeParse(data);
  expect(checked.success, checked.success ? "" : JSON.stringify(checked.error.issues.slice(0, 3))).toBe(true);
  return data;
}

/** Walks every page of a paginated finance endpoint. */
export async function allPages(
  store: DevShopStore,
  key: string,
  itemsKey: string,
  input: CallInput = {},
): Promise<{ items: Json[]; first: Json }> {
  const items: Json[] = [];
  let token = "";
  let first: Json | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const data = await financeCall(store, key, {
      ...input,
      query: { page_size: 100, ...input.query, ...(token ? { page_token: token } : {}) },
    });
    first ??= data;
    items.push(...((data[itemsKey] as Json[] | undefined) ?? []));
    token = String(data.next_page_token ?? "");
    if (token === "") return { items, first };
  }
  throw new Error("too many pages");
}

export async function statementsOf(store: DevShopStore, shop: Shop, now?: number): Promise<Json[]> {
  const { items } = await allPages(store, "GET /finance/202309/statements", "statements", {
    shop,
    query: { sort_field: "statement_time" },
    ...(now !== undefined ? { now } : {}),
  });
  return items;
}

export async function transactions202501(store: DevShopStore, shop: Shop, statementId: string) {
  return allPages(
    store,
    "GET /finance/202501/statements/{statement_id}/statement_transactions",
    "transactions",
    {
      shop,
      params: { statement_id: statementId },
      query: { sort_field: "order_create_time" },
    },
  );
}

export async function transactions202309(store: DevShopStore, shop: Shop, statementId: string) {
  return allPages(
    store,
    "GET /finance/202309/statements/{statement_id}/statement_transactions",
    "statement_transactions",
    { shop, params: { statement_id: statementId }, query: { sort_field: "order_create_time" } },
  );
}
