import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { ShopView } from "@tts-kit/auth";
import { CarrierMappingSection, ShopConnectionsPage } from "@tts-kit/ui";
import { api } from "../api.ts";

/** SHOP-CONN-*, SHOP-DISCON-SINGLE, SHOP-MAN-*: the platform's connections page, fed by this app's API. */
export function ConnectionsPage({
  shops,
  currentShopId,
}: {
  shops: ShopView[];
  currentShopId: string | undefined;
}) {
  const queryClient = useQueryClient();
  const current = shops.find((s) => s.id === currentShopId && s.status === "connected");
  return (
    <ShopConnectionsPage
      shops={shops}
      currentShopId={currentShopId}
      installHref="/api/auth/install"
      dataDescription="orders, shipments, products and returns"
      onDisconnect={async (shop) => {
        await api.disconnect(shop.id);
        await queryClient.invalidateQueries({ queryKey: ["session"] });
      }}
      carriers={current ? <Carriers shopId={current.id} shopName={current.name} /> : null}
    />
  );
}

function Carriers({ shopId, shopName }: { shopId: string; shopName: string }) {
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
