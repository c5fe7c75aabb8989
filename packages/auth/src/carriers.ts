import type { ShopClient } from "@tts-kit/tiktok-shop";
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { AuthDatabase } from "./config.ts";
import { type CarrierMappingRow, carrierMappings } from "./schema.ts";

/**
 * Carrier mapping (SHOP-MAN-CARRIER): for each sales warehouse and delivery option of a shop, the
 * TikTok shipping provider the app ships with. Options come live from the logistics API (Get
 * Warehouse List → Get Warehouse Delivery Options → Get Shipping Providers); a mapping is only
 * saved when every id in it exists there.
 */

export interface ShippingProviderOption {
  id: string;
  name: string;
}

export interface DeliveryOptionChoice {
  id: string;
  name: string;
  type: string | null;
  shippingProviders: ShippingProviderOption[];
}

export interface WarehouseChoice {
  id: string;
  name: string;
  isDefault: boolean;
  /** ENABLED, DISABLED or RESTRICTED. */
  effectStatus: string | null;
  deliveryOptions: DeliveryOptionChoice[];
}

export interface CarrierMapping {
  warehouseId: string;
  deliveryOptionId: string;
  shippingProviderId: string;
  carrierCode: string | null;
  isDefault: boolean;
  updatedAt: number;
}

const id = z.string().trim().min(1, "is required").max(64);

export const carrierMappingsInput = z
  .object({
    mappings: z
      .array(
        z
          .object({
            warehouseId: id,
            deliveryOptionId: id,
            shippingProviderId: id,
            carrierCode: z.string().trim().min(1).max(64).nullable().optional(),
            isDefault: z.boolean().optional(),
          })
          .strict(),
      )
      .max(500, "at most 500 mappings per shop"),
  })
  .strict();

export type CarrierMappingsInput = z.infer<typeof carrierMappingsInput>;

export interface CarrierMappingIssue {
  /** Index in `mappings`. */
  index: number;
  field: "warehouseId" | "deliveryOptionId" | "shippingProviderId" | "isDefault";
  message: string;
}

/** Lazily fetched logistics data of one shop, each list at most once per request. */
class LogisticsLookup {
  private warehouses?: Promise<
    Awaited<ReturnType<ShopClient["logistics"]["getWarehouseList"]>>["warehouses"]
  >;
  private readonly options = new Map<
    string,
    Promise<Array<{ id: string; name?: string | undefined; type?: string | undefined }>>
  >();
  private readonly providers = new Map<string, Promise<ShippingProviderOption[]>>();

  constructor(private readonly client: ShopClient) {}

  salesWarehouses() {
    this.warehouses ??= this.client.logistics.getWarehouseList().then((d) => d.warehouses);
    // Return warehouses take parcels back; they never ship orders.
    return this.warehouses.then((list) => list.filter((w) => w.type !== "RETURN_WAREHOUSE"));
  }

  deliveryOptions(warehouseId: string) {
    let found = this.options.get(warehouseId);
    if (!found) {
      found = this.client.logistics
        .getWarehouseDeliveryOptions({ params: { warehouse_id: warehouseId } })
        .then((d) => d.delivery_options);
      this.options.set(warehouseId, found);
    }
    return found;
  }

  shippingProviders(deliveryOptionId: string) {
    let found = this.providers.get(deliveryOptionId);
    if (!found) {
      found = this.client.logistics
        .getShippingProviders({ params: { delivery_option_id: deliveryOptionId } })
        .then((d) => d.shipping_providers.map((p) => ({ id: p.id, name: p.name ?? p.id })));
      this.providers.set(deliveryOptionId, found);
    }
    return found;
  }
}

/** Every sales warehouse with its delivery options and each option's shipping providers. */
export async function carrierOptions(client: ShopClient): Promise<WarehouseChoice[]> {
  const lookup = new LogisticsLookup(client);
  const warehouses = await lookup.salesWarehouses();
  return Promise.all(
    warehouses.map(async (warehouse) => {
      const options = await lookup.deliveryOptions(warehouse.id);
      return {
        id: warehouse.id,
        name: warehouse.name ?? warehouse.id,
        isDefault: warehouse.is_default ?? false,
        effectStatus: warehouse.effect_status ?? null,
        deliveryOptions: await Promise.all(
          options.map(async (option) => ({
            id: option.id,
            name: option.name ?? option.id,
            type: option.type ?? null,
            shippingProviders: await lookup.shippingProviders(option.id),
          })),
        ),
      };
    }),
  );
}

/**
 * Checks mappings against the shop's live logistics options. Returns every problem, each naming
 * the id that is wrong; an empty list means the mappings can be saved.
 */
export async function validateCarrierMappings(
  client: ShopClient,
  mappings: CarrierMappingsInput["mappings"],
): Promise<CarrierMappingIssue[]> {
  const issues: CarrierMappingIssue[] = [];
  const seen = new Map<string, number>();
  let defaults = 0;
  mappings.forEach((m, index) => {
    const key = `${m.warehouseId}\u0000${m.deliveryOptionId}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push({
        index,
        field: "deliveryOptionId",
        message: `Warehouse ${m.warehouseId} and delivery option ${m.deliveryOptionId} are mapped twice (entries ${first + 1} and ${index + 1}).`,
      });
    } else seen.set(key, index);
    if (m.isDefault) {
      defaults++;
      if (defaults === 2)
        issues.push({ index, field: "isDefault", message: "Only one mapping can be the default." });
    }
  });
  if (mappings.length === 0) return issues;

  const lookup = new LogisticsLookup(client);
  const warehouses = new Map((await lookup.salesWarehouses()).map((w) => [w.id, w]));
  for (const [index, m] of mappings.entries()) {
    const warehouse = warehouses.get(m.warehouseId);
    if (!warehouse) {
      issues.push({
        index,
        field: "warehouseId",
        message: `Warehouse ${m.warehouseId} is not a sales warehouse of this shop.`,
      });
      continue;
    }
    const options = await lookup.deliveryOptions(m.warehouseId);
    if (!options.some((o) => o.id === m.deliveryOptionId)) {
      issues.push({
        index,
        field: "deliveryOptionId",
        message: `Delivery option ${m.deliveryOptionId} is not available from warehouse ${warehouse.name ?? m.warehouseId}.`,
      });
      continue;
    }
    const providers = await lookup.shippingProviders(m.deliveryOptionId);
    if (!providers.some((p) => p.id === m.shippingProviderId)) {
      issues.push({
        index,
        field: "shippingProviderId",
        message: `Shipping provider ${m.shippingProviderId} does not serve delivery option ${m.deliveryOptionId}.`,
      });
    }
  }
  return issues.sort((a, b) => a.index - b.index);
}

export async function readCarrierMappings(db: AuthDatabase, shopId: string): Promise<CarrierMapping[]> {
  const rows = await db
    .select()
    .from(carrierMappings)
    .where(eq(carrierMappings.shopId, shopId))
    .orderBy(asc(carrierMappings.warehouseId), asc(carrierMappings.deliveryOptionId));
  return rows.map(toMapping);
}

/** Replaces the shop's whole mapping set in one transaction. */
export async function saveCarrierMappings(
  db: AuthDatabase,
  shopId: string,
  mappings: CarrierMappingsInput["mappings"],
  now: number,
): Promise<CarrierMapping[]> {
  await db.transaction(async (tx) => {
    await tx.delete(carrierMappings).where(eq(carrierMappings.shopId, shopId));
    if (mappings.length === 0) return;
    await tx.insert(carrierMappings).values(
      mappings.map((m) => ({
        shopId,
        warehouseId: m.warehouseId,
        deliveryOptionId: m.deliveryOptionId,
        shippingProviderId: m.shippingProviderId,
        carrierCode: m.carrierCode ?? null,
        isDefault: m.isDefault ?? false,
        updatedAt: now,
      })),
    );
  });
  return readCarrierMappings(db, shopId);
}

function toMapping(row: CarrierMappingRow): CarrierMapping {
  return {
    warehouseId: row.warehouseId,
    deliveryOptionId: row.deliveryOptionId,
    shippingProviderId: row.shippingProviderId,
    carrierCode: row.carrierCode,
    isDefault: row.isDefault,
    updatedAt: row.updatedAt,
  };
}
