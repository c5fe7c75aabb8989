import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import { afterAll, describe, expect, it } from "vitest";
import type { ServerEnv } from "../src/context.ts";
import { notFoundHandler } from "../src/errors.ts";
import { IMMUTABLE, REVALIDATE, serveSpa } from "../src/spa.ts";

const dir = mkdtempSync(join(tmpdir(), "tts-spa-"));
mkdirSync(join(dir, "assets"));
writeFileSync(
  join(dir, "index.html"),
  '<!doctype html><div id="root"></div><script type="module" src="/assets/index-3f9c2a1b.js"></script>',
);
writeFileSync(join(dir, "assets", "index-3f9c2a1b.js"), "console.log('app')");
writeFileSync(join(dir, "favicon.svg"), "<svg/>");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function app() {
  const hono = new Hono<ServerEnv>();
  hono.get("/api/orders", (c) => c.json({ orders: [] }));
  hono.all("/api/*", notFoundHandler);
  hono.use(serveSpa(dir));
  hono.notFound(notFoundHandler);
  return hono;
}

const html = { accept: "text/html,application/xhtml+xml" };

describe("serveSpa", () => {
  it("serves hashed assets as immutable", async () => {
    const response = await app().request("/assets/index-3f9c2a1b.js");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe(IMMUTABLE);
    expect(response.headers.get("content-type")).toContain("javascript");
  });

  it("serves index.html with no-cache, at / and for client-side routes", async () => {
    for (const path of ["/", "/index.html", "/orders/576461413038785752", "/settings/shops"]) {
      const response = await app().request(path, { headers: html });
      expect(response.status, path).toBe(200);
      expect(response.headers.get("cache-control"), path).toBe(REVALIDATE);
      expect(await response.text()).toContain('<div id="root">');
    }
  });

  it("serves other public files with revalidation", async () => {
    const response = await app().request("/favicon.svg");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe(REVALIDATE);
  });

  it("never swallows /api: unknown API paths answer JSON 404, even for HTML requests", async () => {
    for (const path of ["/api/nope", "/api/orders/1/unknown", "/api"]) {
      const response = await app().request(path, { headers: html });
      expect(response.status, path).toBe(404);
      expect(response.headers.get("content-type"), path).toContain("application/json");
      expect(await response.text()).not.toContain("root");
    }
    const post = await app().request("/api/orders", { method: "POST", headers: html });
    expect(post.status).toBe(404);
    expect((await app().request("/api/orders")).status).toBe(200);
  });

  it("does not answer a missing asset or a non-HTML request with the page", async () => {
    const asset = await app().request("/assets/index-deadbeef.js", { headers: { accept: "*/*" } });
    expect(asset.status).toBe(404);
    const json = await app().request("/orders/1", { headers: { accept: "application/json" } });
    expect(json.status).toBe(404);
    const post = await app().request("/orders/1", { method: "POST", headers: html });
    expect(post.status).toBe(404);
  });

  it("refuses path traversal", async () => {
    const response = await app().request("/assets/../../etc/passwd");
    expect(response.status).toBe(404);
  });
});
