import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, test, vi } from "vitest";
import { ToastProvider } from "../src/components/Toast.tsx";
import {
  type ConnectionsApi,
  PlatformConnectionsPage,
  SESSION_QUERY_KEY,
} from "../src/platform/PlatformConnections.tsx";
import type { CarrierMappingRow } from "../src/platform/ShopConnections.tsx";
import type { ConnectionShop } from "../src/platform/shops.ts";

const shop: ConnectionShop = {
  id: "s1",
  name: "Acme US",
  region: "US",
  sellerType: "LOCAL",
  code: "US1",
  status: "connected",
  connectedAt: 0,
  lastSyncedAt: null,
  authExpiresAt: null,
  reauthRequired: false,
  reauthReason: null,
  reauthUrl: "/reauth/s1",
};

function fakeApi(): ConnectionsApi & { saved: CarrierMappingRow[][] } {
  const saved: CarrierMappingRow[][] = [];
  return {
    saved,
    disconnect: vi.fn(async () => ({})),
    carrierOptions: async () => ({
      warehouses: [
        {
          id: "w1",
          name: "Main warehouse",
          deliveryOptions: [{ id: "d1", name: "Standard", shippingProviders: [{ id: "p1", name: "USPS" }] }],
        },
      ],
    }),
    carrierMappings: async () => ({ mappings: saved.at(-1) ?? [] }),
    saveCarrierMappings: async (_shopId, rows) => {
      saved.push(rows);
      return {};
    },
  };
}

function renderPage(api: ConnectionsApi, queryClient = new QueryClient()) {
  render(
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <PlatformConnectionsPage shops={[shop]} currentShopId="s1" api={api} dataDescription="orders" />
      </ToastProvider>
    </QueryClientProvider>,
  );
  return queryClient;
}

describe("PlatformConnectionsPage", () => {
  test("disconnects through the app's API and reads the session again", async () => {
    const api = fakeApi();
    const queryClient = new QueryClient();
    const invalidate = vi.spyOn(queryClient, "invalidateQueries");
    renderPage(api, queryClient);
    await userEvent.click(screen.getByRole("button", { name: "Disconnect Acme US" }));
    await userEvent.click(
      within(screen.getByRole("alertdialog")).getByRole("button", { name: "Disconnect" }),
    );
    await screen.findAllByText(/Acme US is disconnected/);
    expect(api.disconnect).toHaveBeenCalledWith("s1");
    expect(invalidate).toHaveBeenCalledWith({ queryKey: SESSION_QUERY_KEY });
  });

  test("maps a carrier from TikTok's options and saves it for the current shop", async () => {
    const api = fakeApi();
    renderPage(api);
    const select = await screen.findByLabelText("Standard");
    await userEvent.selectOptions(select, "p1");
    await userEvent.click(screen.getByRole("button", { name: "Save carrier mapping" }));
    await screen.findAllByText(/Carrier mapping saved/);
    expect(api.saved.at(-1)).toEqual([
      expect.objectContaining({ warehouseId: "w1", deliveryOptionId: "d1", shippingProviderId: "p1" }),
    ]);
  });
});
