import type { Auth } from "@tts-kit/auth";
import type { AppDatabase } from "@tts-kit/db";
import type { SyncJobDefinition, SyncWindow } from "@tts-kit/server";
import { contract } from "@tts-kit/tiktok-shop";
import type * as schema from "../db/schema.ts";
import { upsertCancellations, upsertReturns } from "./mirror.ts";

/** The first window of a shop: requests older than this were settled long ago. */
export const AFTERSALES_INITIAL_WINDOW_SECONDS = 90 * 86_400;

/**
 * The polling safety net of the after-sales inbox: every cancellation, then every return TikTok
 * updated in the window, page by page. The saved cursor names the phase (`c:` or `r:`) and the page
 * token, so an interrupted run resumes where it stopped.
 */
export function afterSalesSync(db: AppDatabase<typeof schema>, auth: Auth, now: () => number) {
  return async (shop: { id: string }, window: SyncWindow, signal?: AbortSignal) => {
    const client = await auth.backgroundShopClient(shop.id);
    const [phase, token] = window.cursor?.includes(":")
      ? (window.cursor.split(/:(.*)/s) as [string, string])
      : ["c", ""];
    const query = { page_size: 50, sort_field: "update_time", sort_order: "ASC" } as const;
    const body = { update_time_ge: window.start, update_time_lt: window.end };
    const options = (resume: string) => ({
      ...(resume ? { pageToken: resume } : {}),
      ...(signal ? { signal } : {}),
    });
    if (phase === "c") {
      for await (const page of client.pages(
        contract.returnRefund.searchCancellations,
        { query, body },
        options(token),
      )) {
        signal?.throwIfAborted();
        await upsertCancellations(db, shop.id, page.items, now());
        if (page.nextPageToken) await window.checkpoint(`c:${page.nextPageToken}`);
      }
      await window.checkpoint("r:");
    }
    for await (const page of client.pages(
      contract.returnRefund.searchReturns,
      { query, body },
      options(phase === "r" ? token : ""),
    )) {
      signal?.throwIfAborted();
      await upsertReturns(db, shop.id, page.items, now());
      if (page.nextPageToken) await window.checkpoint(`r:${page.nextPageToken}`);
    }
    return {};
  };
}

/** The after-sales job of the sync scheduler (app.ts registers it). */
export function afterSalesSyncJob(
  db: AppDatabase<typeof schema>,
  auth: Auth,
  now: () => number,
  intervalSeconds: number,
): SyncJobDefinition<{ id: string }> {
  return {
    name: "aftersales",
    intervalSeconds,
    initialWindowSeconds: AFTERSALES_INITIAL_WINDOW_SECONDS,
    run: afterSalesSync(db, auth, now),
  };
}
