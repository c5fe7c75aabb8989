import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { TikTokShop } from "../src/client.ts";
import { endpoint } from "../src/contract/define.ts";
import { windowedProductSearch } from "../src/paginate.ts";
import { failure, startWireServer, success } from "./support/wire-server.ts";

const listing = endpoint({
  name: "searchThings",
  summary: "test search",
  method: "POST",
  path: "/thing/202309/things/search",
  cipher: "required",
  scope: null,
  safety: "read",
  query: z.object({ page_size: z.coerce.number().int().min(1).max(100), page_token: z.string().optional() }),
  body: z.object({ update_time_ge: z.number().optional(), update_time_le: z.number().optional() }),
  response: z.looseObject({
    things: z.array(z.looseObject({ id: z.string(), update_time: z.number() })).default([]),
    next_page_token: z.string().optional(),
    total_count: z.number().optional(),
  }),
  pagination: { tokenIn: "query", items: "things" },
});

const bodyPaged = endpoint({
  name: "searchActivitiesLike",
  summary: "test body paging",
  method: "POST",
  path: "/thing/202309/activities/search",
  cipher: "required",
  scope: null,
  safety: "read",
  body: z.object({ page_size: z.number().optional(), page_token: z.string().optional() }),
  response: z.looseObject({
    activities: z.array(z.looseObject({ id: z.string() })).default([]),
    next_page_token: z.string().optional(),
  }),
  pagination: { tokenIn: "body", items: "activities" },
});

const things = Array.from({ length: 25 }, (_, i) => ({ id: String(i + 1), update_time: 1000 + i }));

/** Offset tokens as base64, like TikTok's opaque ones, with `+` and `/` to exercise URL encoding. */
const token = (offset: number) => Buffer.from(`offset=${offset}?/+`).toString("base64");
const offsetOf = (t: string | null) =>
  t ? Number(/offset=(\d+)/.exec(Buffer.from(t, "base64").toString())![1]) : 0;

let server: Awaited<ReturnType<typeof startWireServer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function serveThings(cap = Number.POSITIVE_INFINITY) {
  return startWireServer((req) => {
    const size = Number(req.query.get("page_size"));
    const body = JSON.parse(req.body.toString() || "{}") as {
      update_time_ge?: number;
      update_time_le?: number;
    };
    const matching = things.filter(
      (t) =>
        t.update_time >= (body.update_time_ge ?? 0) &&
        t.update_time <= (body.update_time_le ?? Number.MAX_SAFE_INTEGER),
    );
    if (matching.length > cap)
      return failure(12052180, "The total number of search results can not exceed 10000.");
    const offset = offsetOf(req.query.get("page_token"));
    const page = matching.slice(offset, offset + size);
    const next = offset + size < matching.length ? token(offset + size) : "";
    return success({ things: page, next_page_token: next, total_count: matching.length });
  });
}

const shopFor = (url: string) =>
  new TikTokShop({ appKey: "k", appSecret: "s", apiBaseUrl: url, rateLimiter: false }).shop({
    accessToken: "t",
    shopCipher: "c",
  });

describe("pagination", () => {
  it("walks every page once, in order, with the total count", async () => {
    server = await serveThings();
    const shop = shopFor(server.url);
    const pages = [];
    for await (const page of shop.pages(listing, { query: { page_size: 10 } })) pages.push(page);
    expect(pages.map((p) => p.items.length)).toEqual([10, 10, 5]);
    expect(pages.map((p) => p.totalCount)).toEqual([25, 25, 25]);
    expect(pages.flatMap((p) => p.items.map((t) => t.id))).toEqual(things.map((t) => t.id));
    expect(pages[0]?.pageToken).toBe("");
    expect(pages.at(-1)?.nextPageToken).toBe("");
  });

  it("resumes from a saved token", async () => {
    server = await serveThings();
    const shop = shopFor(server.url);
    const first = await shop.pages(listing, { query: { page_size: 10 } }, { maxPages: 1 }).next();
    const saved = first.done ? "" : first.value.nextPageToken;
    const rest = [];
    for await (const item of shop.items(listing, { query: { page_size: 10 } }, { pageToken: saved }))
      rest.push(item.id);
    expect(rest).toEqual(things.slice(10).map((t) => t.id));
  });

  it("stops when the server repeats a token instead of looping forever", async () => {
    server = await startWireServer(() =>
      success({ things: [{ id: "1", update_time: 1 }], next_page_token: "same" }),
    );
    const shop = shopFor(server.url);
    const seen = [];
    for await (const item of shop.items(listing, { query: { page_size: 1 } })) seen.push(item);
    expect(seen).toHaveLength(2);
  });

  it("puts the cursor in the body for endpoints that page there", async () => {
    server = await startWireServer((req) => {
      const body = JSON.parse(req.body.toString()) as { page_token?: string };
      return body.page_token === "p2"
        ? success({ activities: [{ id: "b" }], next_page_token: "" })
        : success({ activities: [{ id: "a" }], next_page_token: "p2" });
    });
    const shop = shopFor(server.url);
    const ids = [];
    for await (const item of shop.items(bodyPaged, { body: { page_size: 1 } })) ids.push(item.id);
    expect(ids).toEqual(["a", "b"]);
    expect(server.requests[1]?.query.has("page_token")).toBe(false);
  });

  it("narrows update_time windows until each is under the result cap, missing and repeating nothing", async () => {
    server = await serveThings(7);
    const shop = shopFor(server.url);
    const ids = [];
    for await (const item of windowedProductSearch(
      shop,
      listing,
      { query: { page_size: 3 } },
      { from: 1000, to: 1024, pageSize: 3, cap: 7 },
    )) {
      ids.push(item.id);
    }
    expect(ids).toEqual(things.map((t) => t.id));
  });
});
