import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { TikTokShop } from "../src/client.ts";
import { endpoint } from "../src/contract/define.ts";
import { parseRangeResumeToken, rangePages, rangeResumeToken } from "../src/range-pages.ts";
import { failure, startWireServer, success } from "./support/wire-server.ts";

const listing = endpoint({
  name: "searchRecords",
  summary: "test search over a half-open update_time range, ascending",
  method: "POST",
  path: "/record/202309/records/search",
  cipher: "required",
  scope: null,
  safety: "read",
  query: z.object({ page_size: z.coerce.number().int().min(1).max(100), page_token: z.string().optional() }),
  body: z.object({ update_time_ge: z.number(), update_time_lt: z.number() }),
  response: z.looseObject({
    records: z.array(z.looseObject({ id: z.string(), update_time: z.number() })).default([]),
    next_page_token: z.string().optional(),
    total_count: z.number().optional(),
  }),
  pagination: { tokenIn: "query", items: "records" },
});

type Item = { id: string; update_time: number };

let server: Awaited<ReturnType<typeof startWireServer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/**
 * A list endpoint over `items` like Get Order List: ascending by update_time, a half-open range,
 * offset cursors bound to the query they came from, total_count on every page, `delayMs` per call.
 */
async function serve(items: Item[], options: { delayMs?: number; failAtCall?: number } = {}) {
  const sorted = [...items].sort((a, b) => a.update_time - b.update_time || a.id.localeCompare(b.id));
  let inFlight = 0;
  const stats = { calls: 0, maxInFlight: 0 };
  server = await startWireServer(async (req) => {
    stats.calls++;
    const call = stats.calls;
    inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 0));
    inFlight--;
    if (call === options.failAtCall) return failure(36009003, "Internal error");
    const size = Number(req.query.get("page_size"));
    const body = JSON.parse(req.body.toString()) as { update_time_ge: number; update_time_lt: number };
    const query = `${body.update_time_ge}:${body.update_time_lt}`;
    const token = req.query.get("page_token");
    let offset = 0;
    if (token) {
      const [of, at] = token.split("@");
      if (of !== query) return failure(36009004, "page_token does not belong to this query");
      offset = Number(at);
    }
    const matching = sorted.filter(
      (r) => r.update_time >= body.update_time_ge && r.update_time < body.update_time_lt,
    );
    const page = matching.slice(offset, offset + size);
    const next = offset + size < matching.length ? `${query}@${offset + size}` : "";
    return success({ records: page, next_page_token: next, total_count: matching.length });
  });
  const shop = new TikTokShop({
    appKey: "k",
    appSecret: "s",
    apiBaseUrl: server.url,
    rateLimiter: false,
    retry: false,
  }).shop({ accessToken: "t", shopCipher: "c" });
  return { shop, stats };
}

const input = (range: { start: number; end: number }) => ({
  query: { page_size: 10 },
  body: { update_time_ge: range.start, update_time_lt: range.end },
});
const timeOf = (item: Item) => item.update_time;

function records(count: number, time: (i: number) => number): Item[] {
  return Array.from({ length: count }, (_, i) => ({ id: `r${i}`, update_time: time(i) }));
}

describe("rangePages", () => {
  it("reads every item of the range with several chains at once", async () => {
    const all = records(300, (i) => 1_000 + i * 7);
    const { shop, stats } = await serve(all, { delayMs: 5 });
    const seen = new Set<string>();
    let last: string | undefined;
    for await (const page of rangePages(shop, listing, { start: 0, end: 10_000, input, timeOf })) {
      for (const item of page.items) seen.add(item.id);
      last = page.resumeToken;
    }
    expect(seen.size).toBe(300);
    expect(last).toBe("");
    expect(stats.maxInFlight).toBeGreaterThan(1);
    expect(stats.maxInFlight).toBeLessThanOrEqual(4);
    // Splits restart at most a page's worth; the pages needed are 30.
    expect(stats.calls).toBeLessThan(45);
  });

  it("leaves out what lies outside the range", async () => {
    const all = records(100, (i) => i * 10);
    const { shop } = await serve(all);
    const ids = new Set<string>();
    for await (const page of rangePages(shop, listing, { start: 200, end: 600, input, timeOf })) {
      for (const item of page.items) ids.add(item.id);
    }
    expect([...ids].sort()).toEqual(
      all
        .filter((r) => r.update_time >= 200 && r.update_time < 600)
        .map((r) => r.id)
        .sort(),
    );
  });

  it("keeps going when all the data is bunched at one end of a long range", async () => {
    // Ten years of range, every item in the last hour, half of them in the same second.
    const end = 315_360_000;
    const all = records(200, (i) => (i % 2 === 0 ? end - 1 : end - 3_600 + i));
    const { shop, stats } = await serve(all, { delayMs: 2 });
    const seen = new Set<string>();
    for await (const page of rangePages(shop, listing, { start: 0, end, input, timeOf })) {
      for (const item of page.items) seen.add(item.id);
    }
    expect(seen.size).toBe(200);
    expect(stats.calls).toBeLessThan(40);
  });

  it("reads one chain for a range that fits in two pages", async () => {
    const { shop, stats } = await serve(records(15, (i) => 100 + i));
    let count = 0;
    for await (const page of rangePages(shop, listing, { start: 0, end: 1_000, input, timeOf })) {
      count += page.items.length;
    }
    expect(count).toBe(15);
    expect(stats.calls).toBe(2);
    expect(stats.maxInFlight).toBe(1);
  });

  it("resumes from any page's token without missing an item", async () => {
    const all = records(250, (i) => 5_000 + i * 3);
    for (const stopAfter of [1, 3, 6, 10]) {
      const { shop } = await serve(all, { delayMs: 1 });
      const seen = new Set<string>();
      let token = "";
      let yielded = 0;
      for await (const page of rangePages(shop, listing, { start: 0, end: 10_000, input, timeOf })) {
        for (const item of page.items) seen.add(item.id);
        token = page.resumeToken;
        if (++yielded === stopAfter) break;
      }
      expect(token).not.toBe("");
      for await (const page of rangePages(shop, listing, {
        start: 0,
        end: 10_000,
        input,
        timeOf,
        resume: token,
      })) {
        for (const item of page.items) seen.add(item.id);
      }
      expect(seen.size, `resumed after ${stopAfter} pages`).toBe(250);
      await server?.close();
      server = undefined;
    }
  });

  it("carries on from a plain page token of a single chain", async () => {
    const all = records(40, (i) => 10 + i);
    const { shop } = await serve(all);
    const resume = rangeResumeToken([{ start: 0, end: 100, pageToken: "0:100@20" }]);
    const ids: string[] = [];
    for await (const page of rangePages(shop, listing, { start: 0, end: 100, input, timeOf, resume })) {
      ids.push(...page.items.map((r) => r.id));
    }
    expect(new Set(ids)).toEqual(new Set(all.slice(20).map((r) => r.id)));
  });

  it("yields the pages already read, then fails with the chain's error, and stops the others", async () => {
    const { shop, stats } = await serve(
      records(300, (i) => i),
      { delayMs: 3, failAtCall: 6 },
    );
    let yielded = 0;
    await expect(async () => {
      for await (const page of rangePages(shop, listing, { start: 0, end: 1_000, input, timeOf })) {
        yielded += page.items.length > 0 ? 1 : 0;
      }
    }).rejects.toMatchObject({ code: 36009003 });
    expect(yielded).toBeGreaterThan(0);
    const callsAtFailure = stats.calls;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stats.calls).toBe(callsAtFailure);
  });

  it("refuses a resume token it did not make", () => {
    expect(() => parseRangeResumeToken("abc")).toThrow(/not made by rangePages/);
    expect(() => parseRangeResumeToken('{"v":1,"ranges":[[5,1,""]]}')).toThrow(/malformed range/);
    expect(parseRangeResumeToken("")).toEqual([]);
  });
});
