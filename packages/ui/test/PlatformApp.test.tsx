import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, test, vi } from "vitest";
import {
  PlatformApp,
  type PlatformRoute,
  type PlatformSession,
  sessionFromQuery,
} from "../src/platform/PlatformApp.tsx";
import type { ConnectionShop } from "../src/platform/shops.ts";

const shop = (id: string, name: string, extra: Partial<ConnectionShop> = {}): ConnectionShop => ({
  id,
  name,
  region: "US",
  sellerType: "LOCAL",
  code: `C${id}`,
  status: "connected",
  connectedAt: 0,
  lastSyncedAt: null,
  authExpiresAt: null,
  reauthRequired: false,
  reauthReason: null,
  reauthUrl: `/reauth/${id}`,
  ...extra,
});

const routes: PlatformRoute[] = [
  { path: "/", render: (c) => <p>Home of {c.shop.name}</p> },
  {
    path: "/orders/:orderId",
    render: (c) => (
      <p>
        Order {c.params.orderId} of {c.shop.name} ({c.shops.length} shops), back at {c.href("/")}
      </p>
    ),
  },
];

function renderApp(session: PlatformSession<ConnectionShop>, url = "/") {
  window.history.pushState(null, "", url);
  return render(
    <PlatformApp
      appName="Test app"
      session={session}
      routes={routes}
      navigation={[
        { label: "Home", path: "/", exact: true },
        { label: "Orders", path: "/orders" },
      ]}
      connections={({ shops, currentShopId }) => (
        <p>
          Connections: {shops.length}, current {currentShopId ?? "none"}
        </p>
      )}
    />,
  );
}

afterEach(() => {
  vi.restoreAllMocks();
  window.history.pushState(null, "", "/");
});

describe("PlatformApp", () => {
  test("renders the route of the path for the shop named in ?shop=, with its parameters", () => {
    renderApp({ status: "ready", shops: [shop("1", "Acme US"), shop("2", "Acme UK")] }, "/orders/577?shop=2");
    expect(screen.getByText("Order 577 of Acme UK (2 shops), back at /?shop=2")).toBeTruthy();
  });

  test("falls back to the first connected shop, and keeps the shop in navigation links", () => {
    renderApp({
      status: "ready",
      shops: [shop("9", "Gone", { status: "disconnected" }), shop("1", "Acme US")],
    });
    expect(screen.getByText("Home of Acme US")).toBeTruthy();
    expect(screen.getAllByRole("link", { name: "Orders" })[0]?.getAttribute("href")).toBe("/orders?shop=1");
  });

  test("shows the connections page when no shop is connected, and at /connections", async () => {
    const view = renderApp({ status: "ready", shops: [shop("9", "Gone", { status: "deauthorized" })] });
    expect(screen.getByText("Connections: 1, current none")).toBeTruthy();
    view.unmount();
    renderApp({ status: "ready", shops: [shop("1", "Acme US")] }, "/connections?shop=1");
    expect(screen.getByText("Connections: 1, current 1")).toBeTruthy();
  });

  test("says so for a path no route has", () => {
    renderApp({ status: "ready", shops: [shop("1", "Acme US")] }, "/nowhere");
    expect(screen.getByText("This page does not exist in Test app.")).toBeTruthy();
  });

  test("navigates in place between app pages", async () => {
    renderApp({ status: "ready", shops: [shop("1", "Acme US")] }, "/orders/5?shop=1");
    await userEvent.click(screen.getAllByRole("link", { name: "Home" })[0]!);
    expect(screen.getByText("Home of Acme US")).toBeTruthy();
    expect(window.location.pathname + window.location.search).toBe("/?shop=1");
  });

  test("sends a seller without a session into the install flow, back to where they were", () => {
    const assign = vi.fn();
    window.history.pushState(null, "", "/orders/5?shop=1");
    vi.spyOn(window, "location", "get").mockReturnValue({ ...window.location, assign });
    renderApp({ status: "unauthenticated" }, "/orders/5?shop=1");
    expect(assign).toHaveBeenCalledWith(`/api/auth/install?return=${encodeURIComponent("/orders/5?shop=1")}`);
  });

  test("offers a retry when the session cannot be loaded", async () => {
    const retry = vi.fn();
    renderApp({ status: "error", message: "HTTP 500", retry });
    expect(screen.getByText("HTTP 500")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: /try again|retry/i }));
    expect(retry).toHaveBeenCalled();
  });

  test("warns about a shop that needs re-authorization, linking to its re-authorization", () => {
    renderApp({
      status: "ready",
      shops: [shop("1", "Acme US", { reauthRequired: true, reauthReason: "expired", authExpiresAt: 1 })],
    });
    const links = screen.getAllByRole("link").map((a) => a.getAttribute("href"));
    expect(links).toContain("/reauth/1");
  });
});

describe("sessionFromQuery", () => {
  const unauthorized = new Error("HTTP 401");
  const is401 = (error: Error) => error === unauthorized;
  const query = (over: Partial<Parameters<typeof sessionFromQuery>[0]>) => ({
    isPending: false,
    error: null,
    data: undefined,
    refetch: vi.fn(),
    ...over,
  });

  test("tells loading, signed out, failed and ready apart", () => {
    expect(sessionFromQuery(query({ isPending: true }), is401)).toEqual({ status: "loading" });
    expect(sessionFromQuery(query({ error: unauthorized }), is401)).toEqual({ status: "unauthenticated" });
    const failed = query({ error: new Error("HTTP 500") });
    const state = sessionFromQuery(failed, is401);
    expect(state).toMatchObject({ status: "error", message: "HTTP 500" });
    if (state.status === "error") state.retry();
    expect(failed.refetch).toHaveBeenCalled();
    const shops = [shop("1", "Acme US")];
    expect(sessionFromQuery(query({ data: { shops } }), is401)).toEqual({ status: "ready", shops });
  });
});
