import { bigint, index, integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

/** One SKU as the product mirror keeps it: price as a decimal string, stock per warehouse. */
export interface MirroredSku {
  id: string;
  sellerSku: string;
  /** Decimal string in `currency`, or null when TikTok sent none. */
  price: string | null;
  inventory: Array<{ warehouseId: string; quantity: number }>;
}

/**
 * The local mirror of each shop's products (CAT-POST-SEARCH), kept current by polling Search
 * Products over update_time windows and by the product webhooks (5, 15, 16, 27). The columns are
 * what the product list filters and sorts on; the SKUs ride along as JSON.
 */
export const catalogProducts = pgTable(
  "catalog_products",
  {
    shopId: text("shop_id").notNull(),
    id: text("id").notNull(),
    title: text("title").notNull(),
    status: text("status").notNull(),
    createTime: bigint("create_time", { mode: "number" }).notNull(),
    updateTime: bigint("update_time", { mode: "number" }).notNull(),
    currency: text("currency"),
    /** Decimal strings: the cheapest and dearest SKU. */
    minPrice: text("min_price"),
    maxPrice: text("max_price"),
    skuCount: integer("sku_count").notNull(),
    /** Units on sale across every SKU and warehouse. */
    totalStock: integer("total_stock").notNull(),
    /** The stock of the emptiest SKU (all its warehouses): 0 means a SKU is sold out. */
    minSkuStock: integer("min_sku_stock").notNull(),
    /** Lower-cased title, product id, SKU ids and seller SKUs, for the list's search box. */
    searchText: text("search_text").notNull(),
    skus: jsonb("skus").$type<MirroredSku[]>().notNull(),
    syncedAt: bigint("synced_at", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.id] }),
    index("catalog_products_shop_status_idx").on(t.shopId, t.status),
    index("catalog_products_shop_update_idx").on(t.shopId, t.updateTime),
  ],
);
