import type { Auth } from "@tts-kit/auth";
import type { AppDatabase } from "@tts-kit/db";
import type { SyncJobDefinition, SyncWindow } from "@tts-kit/server";
import { contract, windowedProductSearch } from "@tts-kit/tiktok-shop";
import type * as schema from "../db/schema.ts";
import { type ProductLike, upsertProducts } from "./mirror.ts";

/** How far back the first window of a shop reaches: products live for years, so all of them. */
export const PRODUCTS_INITIAL_WINDOW_SECONDS = 20 * 365 * 86_400;

export const PRODUCTS_SYNC_JOB = "products";

/** Rows written per statement while paging. */
const BATCH = 100;

/**
 * The polling safety net of the product mirror: every product TikTok updated in the window. Search
 * Products' `ALL` leaves deleted products out, so a second pass asks for `DELETED` ones, which the
 * mirror then shows as deleted. Searches over 10,000 results are split into smaller update_time
 * windows by the client. A window is re-read whole after a failure (upserts are idempotent).
 */
export function productsSync(db: AppDatabase<typeof schema>, auth: Auth, now: () => number) {
  return async (shop: { id: string }, window: SyncWindow, signal?: AbortSignal) => {
    const client = await auth.backgroundShopClient(shop.id);
    // Search Products bounds are inclusive; the window's end is not.
    const to = Math.max(window.start, window.end - 1);
    for (const status of ["ALL", "DELETED"] as const) {
      let batch: ProductLike[] = [];
      for await (const product of windowedProductSearch(
        client,
        contract.product.searchProducts,
        { query: { page_size: 100 }, body: { status } },
        { from: window.start, to, ...(signal ? { signal } : {}) },
      )) {
        batch.push(product);
        if (batch.length >= BATCH) {
          signal?.throwIfAborted();
          await upsertProducts(db, shop.id, batch, now());
          batch = [];
        }
      }
      signal?.throwIfAborted();
      await upsertProducts(db, shop.id, batch, now());
    }
    return {};
  };
}

/** The products job of the sync scheduler (app.ts registers it). */
export function productsSyncJob(
  db: AppDatabase<typeof schema>,
  auth: Auth,
  now: () => number,
  intervalSeconds: number,
): SyncJobDefinition<{ id: string }> {
  return {
    name: PRODUCTS_SYNC_JOB,
    intervalSeconds,
    initialWindowSeconds: PRODUCTS_INITIAL_WINDOW_SECONDS,
    run: productsSync(db, auth, now),
  };
}
