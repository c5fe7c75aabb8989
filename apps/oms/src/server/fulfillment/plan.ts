import type { ShopContext } from "./context.ts";
import { FulfillmentError } from "./errors.ts";
import { modeOf, type TikTokOrder } from "./order-model.ts";
import { firstMatch, type ShippingRule } from "./rules.ts";

/**
 * How an order will ship: the rule that matched (if any), the warehouse, the 3PL carrier and any
 * setup the seller must finish first (OMS-R3: a default sales warehouse and a mapped carrier).
 */

export interface CarrierChoice {
  id: string;
  name: string;
  /** Where it came from: a shipping rule or the shop's carrier mapping. */
  source: "rule" | "mapping";
}

export interface SetupIssue {
  code: "no_default_warehouse" | "carrier_not_mapped" | "carrier_mapping_stale" | "rule_carrier_invalid";
  message: string;
  /** An app page that fixes it, when the fix is in the app. */
  link?: string;
}

export interface ShipmentPlan {
  rule: { id: string; name: string } | null;
  warehouseId: string;
  warehouseName: string;
  carrier: CarrierChoice | null;
  /** The 4PL service preference of the matching rule. */
  servicePreference: "default" | "cheapest" | "fastest";
  /** What the seller must set up before the app can ship this order with its own carrier. */
  issues: SetupIssue[];
  /** The carriers that serve the order's delivery option (for tracking corrections). */
  providers: Array<{ id: string; name: string }>;
}

export const CARRIER_MAPPING_PAGE = "/connections";

export async function planShipment(ctx: ShopContext, order: TikTokOrder): Promise<ShipmentPlan> {
  const rules = await ctx.rules();
  const rule: ShippingRule | undefined = firstMatch(rules, order, ctx.region);
  const warehouses = await ctx.warehouses();
  const warehouseId = rule?.actions.warehouseId ?? String(order.warehouse_id ?? "");
  const warehouseName = warehouses.find((w) => w.id === warehouseId)?.name ?? warehouseId;
  const plan: ShipmentPlan = {
    rule: rule ? { id: rule.id, name: rule.name } : null,
    warehouseId,
    warehouseName,
    carrier: null,
    servicePreference: rule?.actions.servicePreference ?? "default",
    issues: [],
    providers: [],
  };
  if (modeOf(order) !== "3PL") return plan;

  const optionId = String(order.delivery_option_id ?? "");
  const optionName = String(order.delivery_option_name || "Shipped by seller");
  plan.providers = optionId ? await ctx.providers(optionId) : [];
  const sales = warehouses.filter((w) => w.type !== "RETURN_WAREHOUSE" && w.effectStatus === "ENABLED");
  if (!sales.some((w) => w.isDefault)) {
    plan.issues.push({
      code: "no_default_warehouse",
      message: `This shop has no default sales warehouse, which seller shipping needs. In TikTok Seller Center, open Settings → Warehouses and set one of your sales warehouses (${sales.map((w) => w.name).join(", ") || "none enabled"}) as the default.`,
    });
  }

  const ruleCarrier = rule?.actions.shippingProviderId;
  if (ruleCarrier) {
    const provider = plan.providers.find((p) => p.id === ruleCarrier);
    if (provider) plan.carrier = { ...provider, source: "rule" };
    else
      plan.issues.push({
        code: "rule_carrier_invalid",
        message: `The shipping rule "${rule?.name}" names a carrier that does not serve "${optionName}". Edit the rule under Shipping rules, or the carrier mapping is used instead.`,
        link: "/shipping/rules",
      });
  }
  if (!plan.carrier) {
    const mapping = (await ctx.mappings()).find(
      (m) => m.warehouseId === warehouseId && m.deliveryOptionId === optionId,
    );
    const provider = mapping ? plan.providers.find((p) => p.id === mapping.shippingProviderId) : undefined;
    if (provider) plan.carrier = { ...provider, source: "mapping" };
    else if (mapping)
      plan.issues.push({
        code: "carrier_mapping_stale",
        message: `The carrier mapped for "${optionName}" from ${warehouseName} no longer serves it on TikTok Shop. Choose another one under Shop connections → Carriers.`,
        link: CARRIER_MAPPING_PAGE,
      });
    else
      plan.issues.push({
        code: "carrier_not_mapped",
        message: `No carrier is mapped for "${optionName}" from ${warehouseName}. Map one under Shop connections → Carriers, then ship.`,
        link: CARRIER_MAPPING_PAGE,
      });
  }
  return plan;
}

/** Refuses a 3PL shipment while setup is incomplete, naming exactly what to set. */
export function assertReadyFor3pl(plan: ShipmentPlan): CarrierChoice {
  const warehouse = plan.issues.find((issue) => issue.code === "no_default_warehouse");
  const carrierIssue =
    plan.issues.find(
      (issue) => issue.code === "carrier_not_mapped" || issue.code === "carrier_mapping_stale",
    ) ?? plan.issues.find((issue) => issue.code === "rule_carrier_invalid");
  const issue = warehouse ?? (plan.carrier ? undefined : carrierIssue);
  if (issue || !plan.carrier) {
    const refusal = issue ?? {
      code: "carrier_not_mapped" as const,
      message: "No carrier is mapped for this order. Map one under Shop connections → Carriers.",
      link: CARRIER_MAPPING_PAGE,
    };
    throw new FulfillmentError(409, refusal.code, refusal.message, {
      issues: plan.issues,
      ...(refusal.link ? { link: refusal.link } : {}),
    });
  }
  return plan.carrier;
}
