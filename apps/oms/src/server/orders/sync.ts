import type { Auth } from "@tts-kit/auth";
import type { AppDatabase } from "@tts-kit/db";
import type { SyncWindow } from "@tts-kit/server";
import { contract, rangePages, rangeResumeToken, type ShopClient } from "@tts-kit/tiktok-shop";
import { sql } from "drizzle-orm";
import * as schema from "../db/schema.ts";
import { mirrorRow, type Order, searchTermsOf } from "./mirror.ts";

export type { Order } from "./mirror.ts";

/**
 * How far back a shop's first sync reaches: all of it (TikTok Shop is younger than ten years), so
 * every existing order is imported when a shop connects (ORD-SYNC-IMPORT).
 */
export const FIRST_IMPORT_SECONDS = 10 * 365 * 86_400;

/** Get Order List's largest page. */
const PAGE_SIZE = 100;

/**
 * A run that wrote at least this many orders refreshes the planner's statistics of the mirror.
 * PGlite has no autovacuum: without it, a freshly imported mirror is planned as if it were empty
 * and a search over 10,000 orders takes seconds instead of milliseconds.
 */
const ANALYZE_AFTER_ORDERS = 500;

/**
 * Page writes in flight at once: Postgres runs them side by side on its pool (with two, the writes
 * held the readers back); PGlite runs them one at a time whatever the number.
 */
const WRITES_IN_FLIGHT = 4;

/**
 * Cursor chains read at once. One chain waits a round trip per page, which at 100 orders a page
 * reads far below TikTok's 50 calls a second; four reach the rate limit, which then sets the pace.
 */
const READ_CHAINS = 4;

/**
 * Pulls the orders TikTok updated in a window into the local mirror, resuming where a previous run
 * stopped. Get Order List (202309) returns whole orders, so no Get Order Detail call is needed.
 * A large window (a shop's first import) is read by several cursor chains over parts of its time
 * range (`rangePages`); pages are written while the next ones are fetched (up to WRITES_IN_FLIGHT
 * writes at once; pages hold distinct orders, and an order read twice is simply upserted twice),
 * and each page's resume token is checkpointed only once it and every page before it are written.
 * The same upsert serves webhooks: an order is only replaced by a newer version.
 */
export function ordersSync(db: AppDatabase<typeof schema>, auth: Auth, now: () => number) {
  return async (shop: { id: string }, window: SyncWindow, signal?: AbortSignal) => {
    const client = await auth.backgroundShopClient(shop.id);
    const start = Math.max(0, window.start);
    const writes: Array<Promise<void>> = [];
    let previous: Promise<void> = Promise.resolve();
    let written = 0;
    try {
      for await (const page of rangePages(client, contract.order.getOrderList, {
        start,
        end: window.end,
        input: (range) => ({
          query: { page_size: PAGE_SIZE, sort_field: "update_time" as const, sort_order: "ASC" as const },
          body: { update_time_ge: range.start, update_time_lt: range.end },
        }),
        timeOf: (order) => Number(order.update_time ?? 0),
        concurrency: READ_CHAINS,
        ...(window.cursor ? { resume: resumeTokenOf(window.cursor, start, window.end) } : {}),
        // A stopped shop (disconnected) aborts the requests in flight and writes nothing more.
        ...(signal ? { signal } : {}),
      })) {
        if (writes.length >= WRITES_IN_FLIGHT) await writes.shift();
        signal?.throwIfAborted();
        const before = previous;
        const write = (async () => {
          // Let the requests for the next pages leave first: the embedded database works on this
          // thread, and a write started now would hold them back until it finished.
          await new Promise((resolve) => setImmediate(resolve));
          await upsertOrders(db, shop.id, page.items, now());
          await before;
          if (page.resumeToken) await window.checkpoint(page.resumeToken);
        })();
        // Awaited below; this only keeps a failure from being "unhandled" meanwhile.
        write.catch(() => {});
        writes.push(write);
        previous = write;
        written += page.items.length;
      }
    } finally {
      // Never leave a write running past the run: a disconnect purges right after the run ends.
      await Promise.allSettled(writes);
    }
    for (const write of writes) await write;
    signal?.throwIfAborted();
    if (written >= ANALYZE_AFTER_ORDERS) await refreshMirrorStatistics(db);
    await auth.connections.markSynced(shop.id, now());
    return {};
  };
}

/** A saved cursor: rangePages' own, or a bare page token saved before reads were split. */
function resumeTokenOf(cursor: string, start: number, end: number): string {
  return cursor.startsWith("{") ? cursor : rangeResumeToken([{ start, end, pageToken: cursor }]);
}

/** Updates the query planner's statistics of the mirror (after a large import). */
export async function refreshMirrorStatistics(db: AppDatabase<typeof schema>): Promise<void> {
  await db.execute(sql`analyze ${schema.orders}, ${schema.orderSearchTerms}`);
}

/**
 * Fetches the current state of some orders from TikTok and mirrors it: what a webhook or an action
 * of the app (shipping, cancelling) calls once it knows an order changed. Get Order Detail takes at
 * most 50 ids per call.
 */
export async function refreshOrders(
  db: AppDatabase<typeof schema>,
  client: ShopClient,
  shopId: string,
  orderIds: readonly string[],
  syncedAt: number,
): Promise<Order[]> {
  const fetched: Order[] = [];
  const unique = [...new Set(orderIds)];
  for (let i = 0; i < unique.length; i += 50) {
    const ids = unique.slice(i, i + 50);
    const { orders } = await client.order.getOrderDetail({ query: { ids } });
    await upsertOrders(db, shopId, orders, syncedAt);
    fetched.push(...orders);
  }
  return fetched;
}

/** SQL types of the mirror's columns, as jsonb_to_recordset reads them from the batch. */
const MIRRORED = {
  shopId: "text",
  id: "text",
  status: "text",
  createTime: "bigint",
  updateTime: "bigint",
  buyerUserId: "text",
  totalAmount: "text",
  currency: "text",
  raw: "jsonb",
  syncedAt: "bigint",
  paidTime: "bigint",
  shipBy: "bigint",
  onHoldUntil: "bigint",
  shippedAt: "bigint",
  fulfillmentType: "text",
  isSample: "boolean",
  isOnHoldOrder: "boolean",
  buyerName: "text",
  itemCount: "integer",
  itemsSummary: "text",
} as const satisfies Record<keyof ReturnType<typeof mirrorRow>, string>;

const keys = Object.keys(MIRRORED) as Array<keyof typeof MIRRORED>;
const names = keys.map((key) => schema.orders[key].name);
const columnList = sql.raw(names.map((name) => `"${name}"`).join(", "));
const recordType = sql.raw(
  [...keys.map((key, i) => `"${names[i]}" ${MIRRORED[key]}`), "terms text[]"].join(", "),
);
const updates = sql.raw(
  names
    .filter((name) => name !== "shop_id" && name !== "id")
    .map((name) => `"${name}" = excluded."${name}"`)
    .join(", "),
);

/**
 * Writes orders into the mirror with their derived columns and search terms. One statement does
 * it all (so it is atomic without a transaction, and costs one round trip with one parameter: the
 * batch as JSON): upsert the orders, then for the orders actually written drop the search terms
 * they no longer have (updated orders only) and add the new ones. Webhooks and polling race, so an older copy of an
 * order never overwrites a newer one, and its terms are left alone.
 */
export async function upsertOrders(
  db: AppDatabase<typeof schema>,
  shopId: string,
  orders: Order[],
  syncedAt: number,
): Promise<void> {
  if (orders.length === 0) return;
  // One statement cannot update a row twice: keep the newest copy of an order listed twice.
  const newest = new Map<string, Order>();
  for (const order of orders) {
    const seen = newest.get(order.id);
    if (!seen || Number(order.update_time ?? 0) >= Number(seen.update_time ?? 0)) newest.set(order.id, order);
  }
  const batch = [...newest.values()].map((order) => {
    const row = mirrorRow(shopId, order, syncedAt);
    const record: Record<string, unknown> = { terms: searchTermsOf(order) };
    keys.forEach((key, i) => {
      record[names[i]!] = row[key];
    });
    return record;
  });
  const t = schema.orderSearchTerms;
  // The old terms of updated orders are found by (shop, order) through the primary key, whatever
  // the planner's statistics say (a join here would scan every term of the shop on each page).
  await db.execute(sql`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as r(${recordType})
    ),
    written as (
      insert into ${schema.orders} (${columnList})
      select ${columnList} from input
      on conflict (shop_id, id) do update set ${updates}
      where excluded.update_time >= ${schema.orders}.update_time
      returning id, (xmax = 0) as inserted
    ),
    stale as (
      delete from ${t}
      where ${t.shopId} = ${shopId}
        and ${t.orderId} = any(array(select id from written where not inserted))
        and not exists (
          select 1 from input where input.id = ${t.orderId} and ${t.term} = any(input.terms)
        )
    )
    insert into ${t} (shop_id, order_id, term)
    select ${shopId}, input.id, unnest(input.terms) from input join written on written.id = input.id
    on conflict do nothing`);
}
