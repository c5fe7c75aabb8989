import type { AppDatabase } from "@tts-kit/db";
import type { ShopClient } from "@tts-kit/tiktok-shop";
import { eq } from "drizzle-orm";
import * as schema from "../db/schema.ts";
import { listRules, type ShippingRule } from "./rules.ts";

export interface Provider {
  id: string;
  name: string;
}

export interface WarehouseInfo {
  id: string;
  name: string;
  isDefault: boolean;
  type: string;
  effectStatus: string;
}

export interface MappingRow {
  warehouseId: string;
  deliveryOptionId: string;
  shippingProviderId: string;
  isDefault: boolean;
}

/**
 * Everything one fulfilment action needs about a shop, with TikTok's logistics lists fetched at
 * most once per action (they change rarely, and every call spends the shop's rate limit).
 */
export class ShopContext {
  private warehouseList?: Promise<WarehouseInfo[]>;
  private readonly providerLists = new Map<string, Promise<Provider[]>>();
  private mappingRows?: Promise<MappingRow[]>;
  private ruleList?: Promise<ShippingRule[]>;

  constructor(
    readonly db: AppDatabase<typeof schema>,
    readonly client: ShopClient,
    readonly shopId: string,
    readonly region: string,
    /** The seller acting, or null for background jobs. */
    readonly sellerId: string | null,
    readonly now: () => number,
    /** For fetching label PDFs from TikTok's `doc_url`. */
    readonly fetch: typeof globalThis.fetch,
  ) {}

  warehouses(): Promise<WarehouseInfo[]> {
    this.warehouseList ??= this.client.logistics.getWarehouseList().then((data) =>
      data.warehouses.map((w) => ({
        id: w.id,
        name: w.name ?? w.id,
        isDefault: w.is_default ?? false,
        type: String(w.type ?? "SALES_WAREHOUSE"),
        effectStatus: String(w.effect_status ?? "ENABLED"),
      })),
    );
    return this.warehouseList;
  }

  providers(deliveryOptionId: string): Promise<Provider[]> {
    let found = this.providerLists.get(deliveryOptionId);
    if (!found) {
      found = this.client.logistics
        .getShippingProviders({ params: { delivery_option_id: deliveryOptionId } })
        .then((data) => data.shipping_providers.map((p) => ({ id: p.id, name: p.name ?? p.id })));
      this.providerLists.set(deliveryOptionId, found);
    }
    return found;
  }

  mappings(): Promise<MappingRow[]> {
    this.mappingRows ??= this.db
      .select({
        warehouseId: schema.carrierMappings.warehouseId,
        deliveryOptionId: schema.carrierMappings.deliveryOptionId,
        shippingProviderId: schema.carrierMappings.shippingProviderId,
        isDefault: schema.carrierMappings.isDefault,
      })
      .from(schema.carrierMappings)
      .where(eq(schema.carrierMappings.shopId, this.shopId));
    return this.mappingRows;
  }

  rules(): Promise<ShippingRule[]> {
    this.ruleList ??= listRules(this.db, this.shopId);
    return this.ruleList;
  }
}
