import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Database, JobQueue } from "@tts-kit/db";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type AppServer, createAppServer } from "../src/app-server.ts";
import type { ServerEnv } from "../src/context.ts";
import { APP_URL, openTestDatabase, type schema, testEnv, waitFor, webhook } from "./helpers.ts";

describe("createAppServer (composition)", () => {
  let database: Database<typeof schema>;
  let queue: JobQueue;
  let server: AppServer;
  const spaDir = mkdtempSync(join(tmpdir(), "tts-app-spa-"));
  writeFileSync(join(spaDir, "index.html"), '<!doctype html><div id="root"></div>');
  const notes: string[] = [];
  const purged: string[] = [];

  beforeAll(async () => {
    ({ database, queue } = await openTestDatabase("pglite"));
    const api = new Hono<ServerEnv>()
      .get("/notes", (c) => c.json({ notes }))
      .post("/notes", async (c) => {
        const body = z.object({ text: z.string().min(1) }).parse(await c.req.json());
        notes.push(body.text);
        return c.json({ ok: true }, 201);
      });
    server = await createAppServer<{ id: string }>({
      name: "test",
      env: testEnv({ NODE_ENV: "production" }),
      db: database,
      queue,
      api,
      spaDir,
      // Stands in for auth's entry middleware: it sees page loads, never API calls.
      entry: async (c, next) => {
        c.header("x-entry", "seen");
        await next();
      },
      webhooks: { onDeauthorization: async (shopId) => void purged.push(shopId), sweepIntervalSeconds: 0 },
      sync: {
        listShops: async () => [{ id: "7495000000000000006" }],
        jobs: [{ name: "orders", intervalSeconds: 600, run: async () => ({}) }],
        tickSeconds: 0,
      },
    });
  });

  afterAll(async () => {
    await server?.close();
    rmSync(spaDir, { recursive: true, force: true });
  });

  const html = { accept: "text/html" };

  it("serves the API with no-store, the SPA, and JSON 404s for unknown API paths", async () => {
    const list = await server.app.request(`${APP_URL}/api/notes`);
    expect(list.status).toBe(200);
    expect(list.headers.get("cache-control")).toBe("no-store");
    expect(list.headers.get("x-request-id")).toBeTruthy();
    expect(list.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(list.headers.get("strict-transport-security")).toBeTruthy();

    const page = await server.app.request(`${APP_URL}/orders/1`, { headers: html });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("root");
    expect(page.headers.get("set-cookie")).toMatch(/^csrf=/);
    expect(page.headers.get("x-entry")).toBe("seen");
    expect(list.headers.get("x-entry")).toBeNull();

    const missing = await server.app.request(`${APP_URL}/api/orders/1/nothing`, { headers: html });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });

  it("protects API mutations with CSRF and maps validation errors", async () => {
    const refused = await server.app.request(`${APP_URL}/api/notes`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: APP_URL },
      body: JSON.stringify({ text: "hello" }),
    });
    expect(refused.status).toBe(403);

    const tokenResponse = await server.app.request(`${APP_URL}/api/csrf`);
    const { token } = (await tokenResponse.json()) as { token: string };
    const headers = {
      "content-type": "application/json",
      origin: APP_URL,
      "sec-fetch-site": "same-origin",
      cookie: `csrf=${token}`,
      "x-csrf-token": token,
    };
    const created = await server.app.request(`${APP_URL}/api/notes`, {
      method: "POST",
      headers,
      body: JSON.stringify({ text: "hello" }),
    });
    expect(created.status).toBe(201);
    expect(notes).toEqual(["hello"]);

    const invalid = await server.app.request(`${APP_URL}/api/notes`, {
      method: "POST",
      headers,
      body: JSON.stringify({ text: "" }),
    });
    expect(invalid.status).toBe(400);
    const body = (await invalid.json()) as { error: { fields: Array<{ path: string }> } };
    expect(body.error.fields[0]?.path).toBe("text");
  });

  it("stops the shop's polling and calls the app's hook on deauthorization", async () => {
    const shopId = "7495000000000000006";
    await database.sql.query(
      "INSERT INTO sync_cursors (shop_id, job, synced_until) VALUES ($1, 'orders', 1)",
      [shopId],
    );
    const delivery = webhook({ type: 6, shopId, data: { message: `Shop_id ${shopId} is deauthorized` } });
    const response = await server.app.request(`${APP_URL}/api/webhooks/tiktok`, {
      method: "POST",
      headers: { ...delivery.headers, "sec-fetch-site": "cross-site" },
      body: delivery.body,
    });
    expect(response.status).toBe(200);
    await waitFor(() => purged.includes(shopId));
    const cursors = await database.sql.query("SELECT * FROM sync_cursors WHERE shop_id = $1", [shopId]);
    expect(cursors.rows).toHaveLength(0);
  });

  it("is ready while the database answers, and not after close", async () => {
    const ready = await server.app.request("/readyz");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      ready: true,
      checks: { database: "ok", queue: "ok", draining: false },
    });
    expect((await server.app.request("/healthz")).status).toBe(200);
    await server.close();
    const after = await server.app.request("/readyz");
    expect(after.status).toBe(503);
    const body = (await after.json()) as { checks: { queue: string; draining: boolean } };
    expect(body.checks.queue).toBe("stopped");
    expect(body.checks.draining).toBe(true);
  });
});
