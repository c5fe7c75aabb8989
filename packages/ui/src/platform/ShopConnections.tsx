import { type ReactNode, useEffect, useState } from "react";
import { Button } from "../components/Button.tsx";
import { Card } from "../components/Card.tsx";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { PageHeader } from "../components/PageHeader.tsx";
import { EmptyState, ErrorState, LoadingState } from "../components/States.tsx";
import { StatusBadge } from "../components/StatusBadge.tsx";
import { useToast } from "../components/Toast.tsx";
import { formatDate, formatRelative } from "../format/index.ts";
import type { ConnectionShop } from "./shops.ts";

/**
 * The shop connections page every app shows (SHOP-CONN-*, SHOP-DISCON-SINGLE, SHOP-MAN-*): each shop
 * of the seller with its state, "Add a shop", disconnect with confirmation, re-authorization links,
 * and the carrier mapping of the selected shop. The app fetches and mutates; the page renders and
 * reports the outcome.
 */
export interface ShopConnectionsPageProps {
  shops: readonly ConnectionShop[];
  currentShopId: string | undefined;
  /** Where "Add a shop" starts the install flow. */
  installHref: string;
  /** What the app deletes on disconnect, in words ("orders", "finance data"). */
  dataDescription: string;
  /** Disconnects at TikTok and purges; rejects with a seller-facing message. */
  onDisconnect: (shop: ConnectionShop) => Promise<void>;
  /** The carrier mapping of the current shop (see CarrierMappingSection). */
  carriers?: ReactNode;
}

function statusBadge(shop: ConnectionShop) {
  if (shop.status === "disconnected") return <StatusBadge tone="neutral">Disconnected</StatusBadge>;
  if (shop.status === "deauthorized")
    return <StatusBadge tone="critical">Removed in TikTok Shop</StatusBadge>;
  if (shop.reauthReason === "expiring")
    return <StatusBadge tone="warning">Authorization expiring</StatusBadge>;
  if (shop.reauthRequired) return <StatusBadge tone="critical">Needs re-authorization</StatusBadge>;
  return <StatusBadge tone="success">Connected</StatusBadge>;
}

export function ShopConnectionsPage({
  shops,
  currentShopId,
  installHref,
  dataDescription,
  onDisconnect,
  carriers,
}: ShopConnectionsPageProps) {
  const toast = useToast();
  const [confirming, setConfirming] = useState<ConnectionShop | null>(null);
  const [disconnecting, setDisconnecting] = useState(false);

  async function disconnect(shop: ConnectionShop) {
    setDisconnecting(true);
    try {
      await onDisconnect(shop);
      setConfirming(null);
      toast.success(`${shop.name} is disconnected. Its data has been deleted from this app.`);
    } catch (error) {
      toast.error(`Could not disconnect: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setDisconnecting(false);
    }
  }

  return (
    <>
      <PageHeader
        title="Shop connections"
        subtitle="The TikTok Shop shops this app works for. Add another shop, or disconnect one to stop syncing it and delete its data here."
        primaryAction={{ label: "Add a shop", href: installHref }}
      />
      {shops.length === 0 ? (
        <EmptyState
          title="No shops connected"
          description="Connect a TikTok Shop shop to start."
          action={<a href={installHref}>Connect a shop</a>}
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
        isConfirming={disconnecting}
        onConfirm={() => (confirming ? disconnect(confirming) : undefined)}
        onCancel={() => setConfirming(null)}
      >
        The app stops syncing this shop, TikTok Shop removes its authorization, and the shop's{" "}
        {dataDescription} are deleted from this app. You can connect it again later.
      </ConfirmDialog>
      {currentShopId && shops.some((s) => s.id === currentShopId && s.status === "connected")
        ? carriers
        : null}
    </>
  );
}

/** A warehouse with its delivery options and the carriers that serve each (from TikTok's logistics data). */
export interface CarrierWarehouse {
  id: string;
  name: string;
  deliveryOptions: ReadonlyArray<{
    id: string;
    name: string;
    shippingProviders: ReadonlyArray<{ id: string; name: string }>;
  }>;
}

export interface CarrierMappingRow {
  warehouseId: string;
  deliveryOptionId: string;
  shippingProviderId: string;
  isDefault: boolean;
}

export interface CarrierMappingSectionProps {
  shopName: string;
  warehouses: readonly CarrierWarehouse[] | undefined;
  saved: readonly CarrierMappingRow[] | undefined;
  isLoading: boolean;
  error: Error | null;
  onRetry: () => void;
  /** Replaces the shop's mapping; rejects with a seller-facing message and saves nothing. */
  onSave: (rows: CarrierMappingRow[]) => Promise<void>;
}

/** SHOP-MAN-CARRIER: which carrier ships each warehouse's delivery option. */
export function CarrierMappingSection({
  shopName,
  warehouses,
  saved,
  isLoading,
  error,
  onRetry,
  onSave,
}: CarrierMappingSectionProps) {
  const toast = useToast();
  const [draft, setDraft] = useState<Record<string, CarrierMappingRow>>({});
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (!saved) return;
    setDraft(
      Object.fromEntries(
        saved.map((m) => [
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
  }, [saved]);

  if (isLoading) return <LoadingState label="Loading warehouses and carriers" />;
  if (error || !warehouses) {
    return <ErrorState title="Could not load carriers" message={error?.message} onRetry={onRetry} />;
  }

  async function save() {
    setSaving(true);
    try {
      await onSave(Object.values(draft));
      toast.success("Carrier mapping saved");
    } catch (failure) {
      toast.error(
        `Carrier mapping not saved: ${failure instanceof Error ? failure.message : String(failure)}`,
      );
    } finally {
      setSaving(false);
    }
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
          void save();
        }}
      >
        {warehouses.map((warehouse) => (
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
        <Button type="submit" variant="primary" isPending={saving}>
          Save carrier mapping
        </Button>
      </form>
    </section>
  );
}
