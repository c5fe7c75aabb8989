import { and, asc, eq, type SQL } from "drizzle-orm";
import { type AuthDatabase, installUrl, marketOf, type ResolvedConfig } from "./config.ts";
import { grants, type SellerRow, type ShopRow, type ShopStatus, shops } from "./schema.ts";

/** What the app (and its SPA) sees of the signed-in seller. */
export interface SellerView {
  id: string;
  name: string;
  baseRegion: string;
}

export type ReauthReason = "revoked" | "deauthorized" | "expired" | "expiring";

/** A shop as the connections page and the session endpoint show it. Times are Unix seconds. */
export interface ShopView {
  id: string;
  name: string;
  region: string;
  sellerType: string;
  code: string;
  status: ShopStatus;
  connectedAt: number;
  disconnectedAt: number | null;
  /** Filled by the app's sync through `connections.markSynced`. */
  lastSyncedAt: number | null;
  /** When the authorization ends: the earlier of webhook 7's date and the refresh token's expiry. */
  authExpiresAt: number | null;
  /** Show the re-authorization banner for this shop. */
  reauthRequired: boolean;
  reauthReason: ReauthReason | null;
  /** Starts a new install on the right authorization page (US or global). */
  reauthUrl: string;
}

/** The internal record behind a view: the shop row with its grant's state. */
export interface ShopRecord {
  shop: ShopRow;
  grantStatus: "active" | "revoked" | null;
  grantRefreshExpiresAt: number | null;
}

export function sellerView(seller: SellerRow): SellerView {
  return { id: seller.id, name: seller.name, baseRegion: seller.baseRegion };
}

export function shopView(config: ResolvedConfig, record: ShopRecord): ShopView {
  const { shop } = record;
  const now = config.now();
  const ends = [shop.authExpiresAt, record.grantRefreshExpiresAt].filter((t): t is number => t !== null);
  const authExpiresAt = ends.length > 0 ? Math.min(...ends) : null;
  let reauthReason: ReauthReason | null = null;
  if (shop.status === "deauthorized") reauthReason = "deauthorized";
  else if (shop.status === "connected") {
    if (record.grantStatus !== "active") reauthReason = "revoked";
    else if (authExpiresAt !== null && authExpiresAt <= now) reauthReason = "expired";
    else if (
      shop.reauthRequired ||
      (authExpiresAt !== null && authExpiresAt - now <= config.reauthWarningSeconds)
    ) {
      reauthReason = "expiring";
    }
  }
  return {
    id: shop.id,
    name: shop.name,
    region: shop.region,
    sellerType: shop.sellerType,
    code: shop.code,
    status: shop.status,
    connectedAt: shop.connectedAt,
    disconnectedAt: shop.disconnectedAt,
    lastSyncedAt: shop.lastSyncedAt,
    authExpiresAt,
    reauthRequired: reauthReason !== null,
    reauthReason,
    reauthUrl: installUrl(config, { market: marketOf(shop.region) }),
  };
}

/** Shops with their grant's state, filtered by `where`, in a stable order. */
export async function findShops(db: AuthDatabase, where: SQL | undefined): Promise<ShopRecord[]> {
  const rows = await db
    .select({ shop: shops, grantStatus: grants.status, grantRefreshExpiresAt: grants.refreshExpiresAt })
    .from(shops)
    .leftJoin(grants, eq(grants.id, shops.grantId))
    .where(where)
    .orderBy(asc(shops.name), asc(shops.id));
  return rows;
}

export function sellerShops(db: AuthDatabase, sellerId: string, status?: ShopStatus): Promise<ShopRecord[]> {
  return findShops(
    db,
    status ? and(eq(shops.sellerId, sellerId), eq(shops.status, status)) : eq(shops.sellerId, sellerId),
  );
}
