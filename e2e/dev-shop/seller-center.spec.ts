import { expect, test } from "@playwright/test";
import { TikTokShop, verifyWebhook } from "@tts-kit/tiktok-shop";
import { control, logIn, startPartnerReceiver, watchForPageErrors } from "../support/dev-shop.ts";
import { devShopUrl } from "../support/ports.ts";

/**
 * Seller Center as a seller and a partner app meet it: log in, authorize an app from the App Store,
 * revoke it, act as a buyer, move the clock. Each test checks the dev shop's own state (through
 * its control API and its Open API, called with our client), not just the page.
 */

const APP = {
  app_key: "e2e0partner0app",
  app_secret: "e2e-partner-app-secret-0123456789",
  name: "E2E Partner App",
  category: "OMS",
  description: "A partner app registered by the end-to-end tests.",
};

let receiver: Awaited<ReturnType<typeof startPartnerReceiver>>;
let errors: string[];

test.beforeEach(async ({ page }) => {
  await control.reset();
  receiver = await startPartnerReceiver();
  await control.registerApp({
    ...APP,
    redirect_url: `${receiver.url}/callback`,
    homepage_url: `${receiver.url}/`,
    webhook_url: `${receiver.url}/webhooks`,
  });
  errors = watchForPageErrors(page);
});

test.afterEach(async () => {
  await receiver.close();
  expect(errors, "console errors on the page").toEqual([]);
});

const client = () =>
  new TikTokShop({
    appKey: APP.app_key,
    appSecret: APP.app_secret,
    apiBaseUrl: devShopUrl,
    authBaseUrl: devShopUrl,
  });

async function authorizeFromAppStore(page: import("@playwright/test").Page) {
  await logIn(page);
  await page.getByRole("link", { name: "App Store" }).click();
  const card = page.locator(".card", { hasText: APP.name });
  await card.getByRole("link", { name: "Authorize" }).click();
  await expect(page.getByRole("heading", { name: `Authorize ${APP.name}` })).toBeVisible();
}

test("a seller logs in and sees exactly their own shops", async ({ page }) => {
  const { shops } = await control.shops();
  const { sellers } = await control.sellers();
  const seller1 = sellers.find((s) => s.email === "seller1@dev.shop")!;
  await logIn(page);
  for (const shop of shops) {
    const row = page.getByRole("row", { name: new RegExp(shop.name) });
    if (shop.seller_id === seller1.id) await expect(row).toBeVisible();
    else await expect(row).toHaveCount(0);
  }
});

test("authorizing an app from the App Store redirects with a code that buys a token for the chosen shops", async ({
  page,
}) => {
  await authorizeFromAppStore(page);
  await page.getByRole("button", { name: "Authorize" }).click();
  await expect(page.getByRole("heading", { name: "App callback" })).toBeVisible();

  const callback = receiver.received.find((r) => r.path === "/callback")!;
  const code = callback.query.get("code");
  expect(code).toBeTruthy();

  // The app's side of the flow, with our client against the dev shop's token host and Open API.
  const app = client();
  const grant = await app.tokens.exchangeAuthCode(code!);
  expect(grant.accessTokenExpiresAt - Math.floor(Date.now() / 1000)).toBeGreaterThan(6 * 86_400);
  const { shops } = await app.shop({ accessToken: grant.accessToken }).authorization.getAuthorizedShops();
  const { shops: all } = await control.shops();
  const seller1Shops = all.filter(
    (s) => s.seller_id === all.find((x) => x.name === shops[0]?.name)?.seller_id,
  );
  expect(shops.map((s) => s.id).sort()).toEqual(seller1Shops.map((s) => s.id).sort());

  // The dev shop recorded the grant, and the code cannot be used twice.
  const { authorizations } = await control.authorizations();
  expect(authorizations.filter((a) => a.app_key === APP.app_key)).toHaveLength(1);
  await expect(app.tokens.exchangeAuthCode(code!)).rejects.toMatchObject({
    code: 36004004,
    kind: "invalid_token",
  });
});

test("denying the consent redirects with error=auth_denied and grants nothing", async ({ page }) => {
  await authorizeFromAppStore(page);
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("heading", { name: "App callback" })).toBeVisible();
  const callback = receiver.received.find((r) => r.path === "/callback")!;
  expect(callback.query.get("error")).toBe("auth_denied");
  expect(callback.query.has("code")).toBe(false);
  const { authorizations } = await control.authorizations();
  expect(authorizations.filter((a) => a.app_key === APP.app_key)).toHaveLength(0);
});

test("revoking an app in My apps ends its access and sends it a signed webhook 6 per shop", async ({
  page,
}) => {
  await authorizeFromAppStore(page);
  await page.getByRole("button", { name: "Authorize" }).click();
  await expect(page.getByRole("heading", { name: "App callback" })).toBeVisible();
  const code = receiver.received.find((r) => r.path === "/callback")!.query.get("code")!;
  const app = client();
  const grant = await app.tokens.exchangeAuthCode(code);
  const seller = app.shop({ accessToken: grant.accessToken });
  const { shops } = await seller.authorization.getAuthorizedShops();

  await page.goto(`${devShopUrl}/seller-center/my-apps`);
  await page.getByRole("button", { name: `Revoke ${APP.name}` }).click();
  await expect(page.getByRole("status")).toHaveText("The authorization was revoked.");
  await expect(page.getByRole("row", { name: new RegExp(APP.name) })).toContainText("revoked");
  await expect(page.getByRole("button", { name: `Revoke ${APP.name}` })).toHaveCount(0);
  const { authorizations } = await control.authorizations();
  expect(authorizations.find((a) => a.app_key === APP.app_key)?.revoked_at).not.toBeNull();

  await expect(seller.authorization.getAuthorizedShops()).rejects.toMatchObject({ kind: "invalid_token" });
  await expect
    .poll(() => receiver.received.filter((r) => r.path === "/webhooks").length, { timeout: 10_000 })
    .toBe(shops.length);
  for (const delivery of receiver.received.filter((r) => r.path === "/webhooks")) {
    expect(
      verifyWebhook({
        appKey: APP.app_key,
        appSecret: APP.app_secret,
        rawBody: delivery.body,
        signature: delivery.headers.authorization,
      }),
    ).toBe(true);
    expect(JSON.parse(delivery.body).type).toBe(6);
  }
  await page.goto(`${devShopUrl}/seller-center/webhooks`);
  await expect(page.getByRole("heading", { name: "Webhook delivery log" })).toBeVisible();
  await expect(page.getByRole("row", { name: /SELLER_DEAUTHORIZATION|\b6\b/ }).first()).toBeVisible();
});

test("an order placed in the buyer simulation is served by the Open API", async ({ page }) => {
  const { code } = await control.call<{ code: string }>("POST", "/authorize", {
    app_key: APP.app_key,
    seller_email: "seller1@dev.shop",
  });
  const app = client();
  const grant = await app.tokens.exchangeAuthCode(code);
  const { shops } = await app.shop({ accessToken: grant.accessToken }).authorization.getAuthorizedShops();
  const usShop = shops.find((s) => s.region === "US")!;
  const shop = app.shop({ accessToken: grant.accessToken, shopCipher: usShop.cipher });
  const before = await shop.order.getOrderList({ query: { page_size: 1 } });

  await logIn(page);
  await page.getByRole("link", { name: "Buyer simulation" }).click();
  await page.getByLabel("Shop").first().selectOption(usShop.id);
  await page.getByRole("button", { name: "Show" }).click();
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page.getByRole("status")).toBeVisible();

  const after = await shop.order.getOrderList({
    query: { page_size: 1, sort_field: "create_time", sort_order: "DESC" },
  });
  expect(after.total_count).toBe((before.total_count ?? 0) + 1);
  const newest = after.orders[0]!;
  const detail = await shop.order.getOrderDetail({ query: { ids: [newest.id] } });
  expect(detail.orders[0]?.line_items.length).toBeGreaterThan(0);
});

test("moving the clock 8 days expires the access token, and a refresh restores access", async ({ page }) => {
  const { code } = await control.call<{ code: string }>("POST", "/authorize", {
    app_key: APP.app_key,
    seller_email: "seller1@dev.shop",
  });
  const app = client();
  const grant = await app.tokens.exchangeAuthCode(code);

  await logIn(page);
  await page.getByRole("link", { name: "Clock" }).click();
  await page.getByRole("button", { name: "+8 days" }).click();
  const clock = await control.call<{ offset_seconds: number }>("GET", "/clock");
  expect(clock.offset_seconds).toBeGreaterThanOrEqual(8 * 86_400);

  const expired = app.shop({ accessToken: grant.accessToken });
  await expect(expired.authorization.getAuthorizedShops()).rejects.toMatchObject({
    code: 105002,
    kind: "expired_token",
  });
  const refreshed = await app.tokens.refresh(grant.refreshToken);
  expect(refreshed.refreshToken).not.toBe(grant.refreshToken);
  const { shops } = await app.shop({ accessToken: refreshed.accessToken }).authorization.getAuthorizedShops();
  expect(shops.length).toBe(2);
  await expect(app.tokens.refresh(grant.refreshToken)).rejects.toMatchObject({ kind: "invalid_token" });
});
