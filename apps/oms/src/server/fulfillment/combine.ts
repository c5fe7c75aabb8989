import { contract } from "@tts-kit/tiktok-shop";
import type { ShopContext } from "./context.ts";
import { FulfillmentError } from "./errors.ts";
import { loadOrders } from "./ship.ts";

/**
 * Combining orders into one shipment (ORD-COMBINE-3PL1): Search Combinable Packages lists the
 * groups TikTok allows (one buyer, warehouse and delivery option), Combine Package merges them,
 * Uncombine Packages takes orders out again. The orders are mirrored again after each change.
 */

export interface CombinableGroup {
  packageId: string;
  orderIds: string[];
}

export async function combinableGroups(ctx: ShopContext): Promise<CombinableGroup[]> {
  const groups: CombinableGroup[] = [];
  for await (const item of ctx.client.items(contract.fulfillment.searchCombinablePackages, {
    query: { page_size: 50 },
  })) {
    groups.push({ packageId: item.id, orderIds: item.order_ids });
  }
  return groups;
}

export async function combine(
  ctx: ShopContext,
  packageId: string,
  orderIds: string[],
): Promise<{ packageId: string; orderIds: string[] }> {
  if (new Set(orderIds).size < 2)
    throw new FulfillmentError(400, "combine_needs_two", "Choose at least two orders to combine.");
  const result = await ctx.client.fulfillment.combinePackage({
    body: { combinable_packages: [{ id: packageId, order_ids: orderIds }] },
  });
  const refused = result.errors[0];
  if (refused) {
    throw new FulfillmentError(
      409,
      "combine_refused",
      `TikTok Shop did not combine these orders: ${refused.message ?? "not allowed"} (${refused.code ?? ""}).`,
    );
  }
  const combined = result.packages[0];
  await loadOrders(ctx, orderIds);
  return { packageId: combined?.id ?? packageId, orderIds: combined?.order_ids ?? orderIds };
}

export async function uncombine(
  ctx: ShopContext,
  packageId: string,
  orderIds: string[],
): Promise<Array<{ packageId: string; orderIds: string[] }>> {
  const result = await ctx.client.fulfillment.uncombinePackages({
    params: { package_id: packageId },
    body: { order_ids: orderIds },
  });
  const packages = result.packages.map((p) => ({ packageId: p.id, orderIds: p.order_ids }));
  await loadOrders(ctx, [...new Set(packages.flatMap((p) => p.orderIds))]);
  return packages;
}
