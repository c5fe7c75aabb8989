import type { WarehouseChoice } from "@tts-kit/auth";
import type { MappingRow } from "./context.ts";
import { CARRIER_MAPPING_PAGE, type SetupIssue } from "./plan.ts";

/**
 * The shop-wide shipping setup check (OMS-R3), shown above the shipping workspace: seller shipping
 * (3PL) needs a default sales warehouse (Get Warehouse List) and a carrier mapped for every
 * "shipped by seller" delivery option of each warehouse. Shipping templates cannot be read through
 * the API version this app uses (the contract has no endpoint for them), so the page only reminds
 * the seller where to check them.
 */

export interface ShopSetup {
  ready: boolean;
  issues: SetupIssue[];
  defaultWarehouse: { id: string; name: string } | null;
  sellerShipping: Array<{
    warehouseId: string;
    warehouseName: string;
    deliveryOptionId: string;
    deliveryOptionName: string;
    carrier: string | null;
  }>;
  templatesNote: string;
}

export const TEMPLATES_NOTE =
  "Shipping templates are not available through the TikTok Shop API version this app uses, so the app cannot check them: in TikTok Seller Center, make sure your products use a shipping template that offers the delivery options you ship with.";

export function shopSetup(warehouses: WarehouseChoice[], mappings: MappingRow[]): ShopSetup {
  const sales = warehouses.filter((w) => (w.effectStatus ?? "ENABLED") === "ENABLED");
  const issues: SetupIssue[] = [];
  const chosen = sales.find((w) => w.isDefault);
  if (!chosen) {
    issues.push({
      code: "no_default_warehouse",
      message: `This shop has no default sales warehouse, which seller shipping needs. In TikTok Seller Center, open Settings → Warehouses and set one of your sales warehouses (${sales.map((w) => w.name).join(", ") || "none enabled"}) as the default.`,
    });
  }
  const sellerShipping: ShopSetup["sellerShipping"] = [];
  for (const warehouse of sales) {
    for (const option of warehouse.deliveryOptions) {
      if (option.type !== "SEND_BY_SELLER") continue;
      const mapping = mappings.find(
        (m) => m.warehouseId === warehouse.id && m.deliveryOptionId === option.id,
      );
      const provider = mapping
        ? option.shippingProviders.find((p) => p.id === mapping.shippingProviderId)
        : undefined;
      sellerShipping.push({
        warehouseId: warehouse.id,
        warehouseName: warehouse.name,
        deliveryOptionId: option.id,
        deliveryOptionName: option.name,
        carrier: provider?.name ?? null,
      });
      if (!provider) {
        issues.push({
          code: "carrier_not_mapped",
          message: `No carrier is mapped for "${option.name}" from ${warehouse.name}. Map one under Shop connections → Carriers.`,
          link: CARRIER_MAPPING_PAGE,
        });
      }
    }
  }
  return {
    ready: issues.length === 0,
    issues,
    defaultWarehouse: chosen ? { id: chosen.id, name: chosen.name } : null,
    sellerShipping,
    templatesNote: TEMPLATES_NOTE,
  };
}
