import { contract } from "@tts-kit/tiktok-shop";
import { type Order, refreshMirrorStatistics, upsertOrders } from "../src/server/orders/sync.ts";
import type { OrdersFixture } from "./orders-fixture.ts";

/**
 * A large mirror for the list's scale test and benchmark: the shop's real orders (from the dev
 * shop, through the client) cloned into `count` distinct orders spread over 90 days, with their own
 * ids, buyers and tracking numbers, written through the mirror's own upsert (search terms included)
 * and with the statistics refresh the sync job runs after a large import.
 */
export async function seedLargeMirror(f: OrdersFixture, shopId: string, count: number) {
  const client = await f.oms.auth.backgroundShopClient(shopId);
  const templates: Order[] = [];
  for await (const page of client.pages(contract.order.getOrderList, {
    query: { page_size: 100 },
    body: {},
  })) {
    templates.push(...page.items);
  }
  const now = f.devShop.clock.now();
  const span = 90 * 86_400;
  const batch: Order[] = [];
  const buyers = Math.max(1, Math.floor(count / 4));
  for (let i = 0; i < count; i++) {
    const template = templates[i % templates.length]!;
    const id = `577${String(i).padStart(15, "0")}`;
    const shift = Math.floor((i / count) * span) - ((template.create_time ?? now) - (now - span));
    const at = (t: number | undefined) => (t === undefined ? undefined : Math.min(now, t + shift));
    const tracking = template.tracking_number ? `TRK${String(i).padStart(12, "0")}` : "";
    batch.push({
      ...template,
      id,
      user_id: `7495${String(i % buyers).padStart(15, "0")}`,
      create_time: at(template.create_time),
      update_time: at(template.update_time),
      ...(template.paid_time !== undefined ? { paid_time: at(template.paid_time) } : {}),
      ...(template.rts_sla_time !== undefined ? { rts_sla_time: at(template.rts_sla_time) } : {}),
      ...(template.rts_time !== undefined ? { rts_time: at(template.rts_time) } : {}),
      tracking_number: tracking,
      line_items: template.line_items.map((line, n) => ({
        ...line,
        id: `${id}${n}`,
        tracking_number: line.tracking_number ? tracking : "",
      })),
    });
    if (batch.length === 500 || i === count - 1) {
      await upsertOrders(f.oms.database.db, shopId, batch.splice(0), now);
    }
  }
  // What the sync job does after an import this size.
  await refreshMirrorStatistics(f.oms.database.db);
  return { templates, buyerOf: (i: number) => `7495${String(i % buyers).padStart(15, "0")}` };
}

export interface Latency {
  name: string;
  path: string;
  p50: number;
  p95: number;
  max: number;
  total: number;
}

/** Times `samples` requests of each list query (after warming up), in ms. */
export async function measureListQueries(
  f: OrdersFixture,
  queries: Array<{ name: string; path: string }>,
  samples: number,
): Promise<Latency[]> {
  const results: Latency[] = [];
  for (const query of queries) {
    let total = 0;
    for (let i = 0; i < 3; i++) {
      const res = await f.get<{ total?: number }>(query.path);
      if (res.status !== 200) throw new Error(`${query.path}: HTTP ${res.status}`);
      total = res.body.total ?? 0;
    }
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      const start = performance.now();
      const res = await f.get(query.path);
      times.push(performance.now() - start);
      if (res.status !== 200) throw new Error(`${query.path}: HTTP ${res.status}`);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
    results.push({ name: query.name, path: query.path, p50: at(0.5), p95: at(0.95), max: at(1), total });
  }
  return results;
}

/** The list queries a seller's day is made of, over a shop's mirror. */
export function listQueries(shopId: string, buyer: string, sku: string) {
  const base = `/orders/${shopId}`;
  return [
    { name: "first page (all orders, newest first)", path: `${base}?view=all&page_size=100` },
    {
      name: "filtered page (awaiting shipment, by ship-by)",
      path: `${base}?view=to_ship&sort=ship_by&page_size=100`,
    },
    { name: "search by buyer", path: `${base}?q=${buyer}&page_size=100` },
    {
      name: "search by SKU, in a view",
      path: `${base}?view=delivered&q=${encodeURIComponent(sku)}&page_size=100`,
    },
    { name: "deep page (page 100 of 100)", path: `${base}?view=all&page=100&page_size=100` },
    { name: "saved view counts", path: `${base}/views` },
    { name: "30-day summary", path: `${base}/summary` },
  ];
}
