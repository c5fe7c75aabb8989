import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, type Page } from "@playwright/test";
import { devShopUrl } from "./ports.ts";

/** The dev shop's control API, for arranging a test and checking the shop's state afterwards. */
export const control = {
  async call<T>(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${devShopUrl}/control${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
    });
    if (!response.ok)
      throw new Error(`control ${method} ${path}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  },
  reset: () => control.call("POST", "/reset"),
  shops: () =>
    control.call<{
      shops: Array<{ id: string; name: string; region: string; seller_id: string; cipher: string }>;
    }>("GET", "/state/shops"),
  sellers: () => control.call<{ sellers: Array<{ id: string; email: string }> }>("GET", "/state/sellers"),
  registerApp: (app: Record<string, unknown>) =>
    control.call<{ app: { service_id: string; app_key: string } }>("POST", "/apps", app),
  authorizations: () =>
    control.call<{
      authorizations: Array<{ app_key: string; shop_ids: string[]; revoked_at: number | null }>;
    }>("GET", "/state/authorizations"),
  webhooks: (query = "") =>
    control.call<{ deliveries: Array<{ type: number; shop_id: string; state: string }> }>(
      "GET",
      `/webhooks${query}`,
    ),
  advance: (seconds: number) => control.call("POST", "/clock/advance", { seconds }),
  emitWebhook: (body: { app_key: string; shop_id: string; type: number; data: Record<string, unknown> }) =>
    control.call("POST", "/webhooks/emit", body),
};

export interface ReceivedRequest {
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: string;
}

/**
 * A stand-in for a partner app's server: it answers the authorization redirect with a page and
 * records webhook deliveries, so a test can check what the dev shop sent.
 */
export async function startPartnerReceiver() {
  const received: ReceivedRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", "http://localhost");
    received.push({
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks).toString(),
    });
    if (url.pathname === "/callback") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(`<!doctype html><title>Connected</title><h1>App callback</h1>`);
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export async function logIn(page: Page, email = "seller1@dev.shop", password = "devshop") {
  await page.goto(`${devShopUrl}/seller-center/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { name: "Your shops" })).toBeVisible();
}

/** Fails the test on any console error or uncaught exception in the page. */
export function watchForPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  return errors;
}
