import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CarrierMappingsInput, ShopView } from "@tts-kit/auth";
import {
  Button,
  Card,
  ConfirmDialog,
  EmptyState,
  ErrorState,
  formatDate,
  formatRelative,
  LoadingState,
  PageHeader,
  StatusBadge,
  useToast,
} from "@tts-kit/ui";
import { useEffect, useState } from "react";
import { api } from "../api.ts";

const INSTALL = "/api/auth/install";

function statusBadge(shop: ShopView) {
  if (shop.status === "disconnected") return <StatusBadge tone="neutral">Disconnected</StatusBadge>;
  if (shop.status === "deauthorized")
    return <StatusBadge tone="critical">Removed in TikTok Shop</StatusBadge>;
  if (shop.reauthReason === "expiring")
    return <StatusBadge tone="warning">Authorization expiring</StatusBadge>;
  if (shop.reauthRequired) return <StatusBadge tone="critical">Needs re-authorization</StatusBadge>;
  return <StatusBadge tone="success">Connected</StatusBadge>;
}

/** SHOP-CONN-*, SHOP-DISCON-SINGLE, SHOP-MAN-*: every shop of the seller, its state and its carriers. */
export function ConnectionsPage({
  shops,
  currentShopId,
}: {
  shops: ShopView[];
  currentShopId: string | undefined;
}) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [confirming, setConfirming] = useState<ShopView | null>(null);
  const disconnect = useMutation({
    mutationFn: (shop: ShopView) => api.disconnect(shop.id),
    onSuccess: async ({ shop }) => {
      setConfirming(null);
      toast.success(`${shop.name} is disconnected. Its data has been deleted from this app.`);
      await queryClient.invalidateQueries({ queryKey: ["session"] });
    },
    onError: (error) => toast.error(`Could not disconnect: ${error.message}`),
  });

  return (
    <>
      <PageHeader
        title="Shop connections"
        subtitle="The TikTok Shop shops this app works for. Add another shop, or disconnect one to stop syncing it and delete its data here."
        primaryAction={{ label: "Add a shop", href: INSTALL }}
      />
      {shops.length === 0 ? (
        <EmptyState
          title="No shops connected"
          description="Connect a TikTok Shop shop to start."
          action={<a href={INSTALL}>Connect a shop</a>}
        />
      ) : (
        <ul className="grid gap-4 md:grid-cols-2" aria-label="Shops">
          {shops.map((shop) => (
            <li key={shop.id}>
              <Card>
                <div className="flex items-start justify-between gap-3">
                  <div>
                    <h2 className="text-base font-semibold">{shop.name}</h2>
                    <p className="text-sm text-fg-muted">
                      {shop.region} · {shop.sellerType === "CROSS_BORDER" ? "Cross-border" : "Local"} ·{" "}
                      {shop.code}
                    </p>
                  </div>
                  {statusBadge(shop)}
                </div>
                <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
                  <dt className="text-fg-muted">Connected</dt>
                  <dd>{formatDate(shop.connectedAt)}</dd>
                  <dt className="text-fg-muted">Last synced</dt>
                  <dd>{shop.lastSyncedAt ? formatRelative(shop.lastSyncedAt) : "Not yet"}</dd>
                  <dt className="text-fg-muted">Authorization ends</dt>
                  <dd>{shop.authExpiresAt ? formatDate(shop.authExpiresAt) : "—"}</dd>
                </dl>
                <div className="mt-4 flex gap-2">
                  {shop.status === "connected" ? (
                    <Button
                      variant="secondary"
                      onPress={() => setConfirming(shop)}
                      aria-label={`Disconnect ${shop.name}`}
                    >
                      Disconnect
                    </Button>
                  ) : null}
                  {shop.reauthRequired || shop.status !== "connected" ? (
                    <a className="text-sm font-medium text-accent underline" href={shop.reauthUrl}>
                      {shop.status === "connected" ? "Re-authorize" : "Connect again"}
                    </a>
                  ) : null}
                </div>
              </Card>
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        isOpen={confirming !== null}
        title={`Disconnect ${confirming?.name ?? "this shop"}?`}
        confirmLabel="Disconnect"
        destructive
        isConfirming={disconnect.isPending}
        onConfirm={() => (confirming ? disconnect.mutateAsync(confirming) : undefined)}
        onCancel={() => setConfirming(null)}
      >
        The app stops syncing this shop, TikTok Shop removes its authorization, and the shop's orders are
        deleted from this app. You can connect it again later.
      </ConfirmDialog>
      {currentShopId && shops.some((s) => s.id === currentShopId && s.status === "connected") ? (
        <CarrierMapping shopId={currentShopId} shopName={shops.find((s) => s.id === currentShopId)!.name} />
      ) : null}
    </>
  );
}

type Row = CarrierMappingsInput["mappings"][number];

/** SHOP-MAN-CARRIER: which carrier ships each warehouse's delivery option. */
function CarrierMapping({ shopId, shopName }: { shopId: string; shopName: string }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const options = useQuery({
    queryKey: ["carrier-options", shopId],
    queryFn: () => api.carrierOptions(shopId),
  });
  const saved = useQuery({
    queryKey: ["carrier-mappings", shopId],
    queryFn: () => api.carrierMappings(shopId),
  });
  const [draft, setDraft] = useState<Record<string, Row>>({});
  useEffect(() => {
    if (!saved.data) return;
    setDraft(
      Object.fromEntries(
        saved.data.mappings.map((m) => [
          `${m.warehouseId}/${m.deliveryOptionId}`,
          {
            warehouseId: m.warehouseId,
            deliveryOptionId: m.deliveryOptionId,
            shippingProviderId: m.shippingProviderId,
            isDefault: m.isDefault,
          },
        ]),
      ),
    );
  }, [saved.data]);
  const save = useMutation({
    mutationFn: () => api.saveCarrierMappings(shopId, Object.values(draft)),
    onSuccess: async () => {
      toast.success("Carrier mapping saved");
      await queryClient.invalidateQueries({ queryKey: ["carrier-mappings", shopId] });
    },
    onError: (error) => toast.error(`Carrier mapping not saved: ${error.message}`),
  });

  if (options.isPending || saved.isPending) return <LoadingState label="Loading warehouses and carriers" />;
  if (options.error || saved.error) {
    return (
      <ErrorState
        title="Could not load carriers"
        message={(options.error ?? saved.error)?.message}
        onRetry={() => options.refetch()}
      />
    );
  }

  return (
    <section aria-labelledby="carriers-title" className="mt-8">
      <h2 id="carriers-title" className="text-lg font-semibold">
        Carriers for {shopName}
      </h2>
      <p className="text-sm text-fg-muted">
        Choose the carrier that ships each delivery option of each warehouse.
      </p>
      <form
        className="mt-3 space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        {options.data.warehouses.map((warehouse) => (
          <Card key={warehouse.id}>
            <h3 className="font-semibold">{warehouse.name}</h3>
            <table className="mt-2 w-full text-sm">
              <thead>
                <tr className="text-left text-fg-muted">
                  <th scope="col">Delivery option</th>
                  <th scope="col">Carrier</th>
                </tr>
              </thead>
              <tbody>
                {warehouse.deliveryOptions.map((option) => {
                  const key = `${warehouse.id}/${option.id}`;
                  const selectId = `carrier-${key}`;
                  return (
                    <tr key={key}>
                      <td className="py-1">
                        <label htmlFor={selectId}>{option.name}</label>
                      </td>
                      <td className="py-1">
                        <select
                          id={selectId}
                          className="rounded-md border border-border bg-surface px-2 py-1"
                          value={draft[key]?.shippingProviderId ?? ""}
                          onChange={(event) => {
                            const providerId = event.target.value;
                            setDraft((current) => {
                              const next = { ...current };
                              if (providerId) {
                                next[key] = {
                                  warehouseId: warehouse.id,
                                  deliveryOptionId: option.id,
                                  shippingProviderId: providerId,
                                  isDefault: current[key]?.isDefault ?? false,
                                };
                              } else delete next[key];
                              return next;
                            });
                          }}
                        >
                          <option value="">Not mapped</option>
                          {option.shippingProviders.map((provider) => (
                            <option key={provider.id} value={provider.id}>
                              {provider.name}
                            </option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </Card>
        ))}
        <Button type="submit" variant="primary" isPending={save.isPending}>
          Save carrier mapping
        </Button>
      </form>
    </section>
  );
}
