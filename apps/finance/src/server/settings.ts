import type { AppDatabase } from "@tts-kit/db";
import { eq, inArray } from "drizzle-orm";
import * as schema from "./db/schema.ts";

type Db = AppDatabase<typeof schema>;

export interface SellerSettings {
  timeZone: string;
  splitMonthEnd: boolean;
  bankWindowMinDays: number;
  bankWindowMaxDays: number;
}

export const DEFAULT_SELLER_SETTINGS: SellerSettings = {
  timeZone: "UTC",
  splitMonthEnd: true,
  bankWindowMinDays: 0,
  bankWindowMaxDays: 5,
};

/**
 * The default rule for finding a TikTok order id in the other store's export: a number of 18 or
 * 19 digits standing alone (TikTok order ids are 18-19 digits; Shopify order numbers are short).
 */
export const DEFAULT_ID_PATTERN = "(?<![0-9])[0-9]{18,19}(?![0-9])";

export interface ShopSettings {
  otherStoreBooking: boolean;
  /** The rule in force (the default when the seller has not set one). */
  otherStoreIdPattern: string;
  customPattern: boolean;
}

export async function loadSellerSettings(db: Db, sellerId: string): Promise<SellerSettings> {
  const [row] = await db
    .select()
    .from(schema.sellerSettings)
    .where(eq(schema.sellerSettings.sellerId, sellerId));
  if (!row) return { ...DEFAULT_SELLER_SETTINGS };
  return {
    timeZone: row.timeZone,
    splitMonthEnd: row.splitMonthEnd,
    bankWindowMinDays: row.bankWindowMinDays,
    bankWindowMaxDays: row.bankWindowMaxDays,
  };
}

export async function loadShopSettings(db: Db, shopIds: string[]): Promise<Map<string, ShopSettings>> {
  const rows =
    shopIds.length === 0
      ? []
      : await db.select().from(schema.shopSettings).where(inArray(schema.shopSettings.shopId, shopIds));
  const byShop = new Map(rows.map((r) => [r.shopId, r]));
  return new Map(
    shopIds.map((id) => {
      const row = byShop.get(id);
      return [
        id,
        {
          otherStoreBooking: row?.otherStoreBooking ?? false,
          otherStoreIdPattern: row?.otherStoreIdPattern ?? DEFAULT_ID_PATTERN,
          customPattern: Boolean(row?.otherStoreIdPattern),
        },
      ];
    }),
  );
}
