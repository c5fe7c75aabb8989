import type { ShopStatus } from "../shell/ShopSwitcher.tsx";

/**
 * A shop connection as the apps' session and connections endpoints describe it (the shape of
 * `ShopView` in @tts-kit/auth, restated here because the kit knows nothing of the server; an app
 * passing its ShopView values is checked against it by the compiler). Times are Unix seconds.
 */
export interface ConnectionShop {
  id: string;
  name: string;
  region: string;
  sellerType: string;
  code: string;
  status: "connected" | "disconnected" | "deauthorized";
  connectedAt: number;
  lastSyncedAt: number | null;
  authExpiresAt: number | null;
  reauthRequired: boolean;
  reauthReason: "revoked" | "deauthorized" | "expired" | "expiring" | null;
  reauthUrl: string;
}

/** The shop switcher's status of a shop. */
export function shopSwitcherStatus(shop: ConnectionShop): ShopStatus {
  if (shop.status !== "connected") return "disconnected";
  if (shop.reauthReason === "expiring") return "expiring";
  if (shop.reauthRequired) return "expired";
  return "active";
}

/**
 * The re-authorization banner's shops: each connected shop that needs it, a revoked or expired
 * authorization shown as already ended.
 */
export function reauthShops(shops: readonly ConnectionShop[], now: number) {
  return shops
    .filter((s) => s.status === "connected" && s.reauthRequired)
    .map((s) => ({
      shopId: s.id,
      shopName: s.name,
      expiresAt:
        s.reauthReason === "expiring" && s.authExpiresAt !== null
          ? s.authExpiresAt
          : Math.min(s.authExpiresAt ?? now, now),
    }));
}
