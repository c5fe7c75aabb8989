import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  type CarrierMappingRow,
  CarrierMappingSection,
  type CarrierWarehouse,
  ShopConnectionsPage,
} from "./ShopConnections.tsx";
import type { ConnectionShop } from "./shops.ts";

/** The query key of the seller's session (shops and their states), refreshed after a disconnect. */
export const SESSION_QUERY_KEY = ["session"] as const;

/** The platform's connection routes (`/api/connections/...`), as each app's API client calls them. */
export interface ConnectionsApi {
  disconnect(shopId: string): Promise<unknown>;
  carrierOptions(shopId: string): Promise<{ warehouses: readonly CarrierWarehouse[] }>;
  carrierMappings(shopId: string): Promise<{ mappings: readonly CarrierMappingRow[] }>;
  saveCarrierMappings(shopId: string, rows: CarrierMappingRow[]): Promise<unknown>;
}

export interface PlatformConnectionsPageProps {
  shops: ConnectionShop[];
  currentShopId: string | undefined;
  api: ConnectionsApi;
  /** What disconnecting deletes, in the app's words ("orders, shipments, products and returns"). */
  dataDescription: string;
  installHref?: string;
}

/**
 * SHOP-CONN-*, SHOP-DISCON-SINGLE, SHOP-MAN-*: the connections page every app shows, fed by the
 * platform routes through the app's API client: connect more shops, disconnect one (the session is
 * read again), and map carriers for the current shop.
 */
export function PlatformConnectionsPage({
  shops,
  currentShopId,
  api,
  dataDescription,
  installHref = "/api/auth/install",
}: PlatformConnectionsPageProps) {
  const queryClient = useQueryClient();
  const current = shops.find((s) => s.id === currentShopId && s.status === "connected");
  return (
    <ShopConnectionsPage
      shops={shops}
      currentShopId={currentShopId}
      installHref={installHref}
      dataDescription={dataDescription}
      onDisconnect={async (shop) => {
        await api.disconnect(shop.id);
        await queryClient.invalidateQueries({ queryKey: SESSION_QUERY_KEY });
      }}
      carriers={current ? <Carriers api={api} shopId={current.id} shopName={current.name} /> : null}
    />
  );
}

function Carriers({ api, shopId, shopName }: { api: ConnectionsApi; shopId: string; shopName: string }) {
  const queryClient = useQueryClient();
  const options = useQuery({
    queryKey: ["carrier-options", shopId],
    queryFn: () => api.carrierOptions(shopId),
  });
  const saved = useQuery({
    queryKey: ["carrier-mappings", shopId],
    queryFn: () => api.carrierMappings(shopId),
  });
  return (
    <CarrierMappingSection
      shopName={shopName}
      warehouses={options.data?.warehouses}
      saved={saved.data?.mappings}
      isLoading={options.isPending || saved.isPending}
      error={options.error ?? saved.error}
      onRetry={() => void options.refetch()}
      onSave={async (rows) => {
        await api.saveCarrierMappings(shopId, rows);
        await queryClient.invalidateQueries({ queryKey: ["carrier-mappings", shopId] });
      }}
    />
  );
}
