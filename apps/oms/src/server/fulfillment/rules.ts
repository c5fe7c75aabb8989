import { randomUUID } from "node:crypto";
import type { WarehouseChoice } from "@tts-kit/auth";
import type { AppDatabase } from "@tts-kit/db";
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { RuleActions, RuleConditions } from "../db/fulfillment-schema.ts";
import * as schema from "../db/schema.ts";
import { FulfillmentError } from "./errors.ts";
import type { TikTokOrder } from "./order-model.ts";

/**
 * Shipping rules (OMS-RULES): the seller's own "if … then ship from / with …", evaluated in order,
 * the first enabled rule whose conditions all hold wins. Conditions read the order as TikTok sent
 * it; actions pick the warehouse (pick lists, carrier mapping), the 3PL carrier, and the TikTok
 * Shipping (4PL) service.
 */

const ids = z.array(z.string().trim().min(1).max(64)).max(50);
const decimal = z
  .string()
  .trim()
  .regex(/^\d{1,12}(\.\d{1,4})?$/, "must be an amount such as 25 or 25.00");

export const ruleInput = z
  .object({
    id: z.string().min(1).max(64).optional(),
    name: z.string().trim().min(1, "Give the rule a name").max(80),
    enabled: z.boolean().default(true),
    conditions: z
      .object({
        regions: z
          .array(
            z
              .string()
              .trim()
              .regex(/^[A-Z]{2}$/, "must be a two-letter region code"),
          )
          .max(20),
        warehouseIds: ids,
        deliveryOptionIds: ids,
        skuPrefixes: z.array(z.string().trim().min(1).max(64)).max(50),
        minTotal: decimal,
        maxTotal: decimal,
        minItems: z.number().int().min(1).max(10_000),
        maxItems: z.number().int().min(1).max(10_000),
      })
      .partial()
      .strict(),
    actions: z
      .object({
        warehouseId: z.string().trim().min(1).max(64),
        shippingProviderId: z.string().trim().min(1).max(64),
        servicePreference: z.enum(["default", "cheapest", "fastest"]),
      })
      .partial()
      .strict(),
  })
  .strict()
  .refine((rule) => Object.keys(rule.actions).length > 0, {
    message: "A rule needs at least one action (warehouse, carrier or service).",
    path: ["actions"],
  });

export const rulesInput = z.object({ rules: z.array(ruleInput).max(100) }).strict();
export type RuleInput = z.infer<typeof ruleInput>;

export interface ShippingRule {
  id: string;
  position: number;
  name: string;
  enabled: boolean;
  conditions: RuleConditions;
  actions: RuleActions;
}

/** Compares two non-negative decimal strings exactly (no floats): -1, 0 or 1. */
export function compareDecimal(a: string, b: string): number {
  const [ai = "0", af = ""] = a.split(".");
  const [bi = "0", bf = ""] = b.split(".");
  const width = Math.max(af.length, bf.length);
  const left = BigInt(ai + af.padEnd(width, "0"));
  const right = BigInt(bi + bf.padEnd(width, "0"));
  return left === right ? 0 : left < right ? -1 : 1;
}

/** Whether every condition of a rule holds for the order (in a shop of `region`). */
export function ruleMatches(conditions: RuleConditions, order: TikTokOrder, region: string): boolean {
  const c = conditions;
  if (c.regions?.length && !c.regions.includes(region)) return false;
  if (c.warehouseIds?.length && !c.warehouseIds.includes(String(order.warehouse_id ?? ""))) return false;
  if (c.deliveryOptionIds?.length && !c.deliveryOptionIds.includes(String(order.delivery_option_id ?? "")))
    return false;
  const live = order.line_items.filter((line) => line.display_status !== "CANCELLED");
  if (c.skuPrefixes?.length) {
    const prefixes = c.skuPrefixes.map((p) => p.toUpperCase());
    const hit = live.some((line) =>
      prefixes.some((p) =>
        String(line.seller_sku ?? "")
          .toUpperCase()
          .startsWith(p),
      ),
    );
    if (!hit) return false;
  }
  const total = order.payment?.total_amount;
  if (c.minTotal !== undefined && (!total || compareDecimal(total, c.minTotal) < 0)) return false;
  if (c.maxTotal !== undefined && (!total || compareDecimal(total, c.maxTotal) > 0)) return false;
  if (c.minItems !== undefined && live.length < c.minItems) return false;
  if (c.maxItems !== undefined && live.length > c.maxItems) return false;
  return true;
}

/** The first enabled rule matching the order, in the seller's order. */
export function firstMatch(
  rules: ShippingRule[],
  order: TikTokOrder,
  region: string,
): ShippingRule | undefined {
  return [...rules]
    .sort((a, b) => a.position - b.position)
    .find((rule) => rule.enabled && ruleMatches(rule.conditions, order, region));
}

export async function listRules(db: AppDatabase<typeof schema>, shopId: string): Promise<ShippingRule[]> {
  const rows = await db
    .select()
    .from(schema.fulfillmentRules)
    .where(eq(schema.fulfillmentRules.shopId, shopId))
    .orderBy(asc(schema.fulfillmentRules.position));
  return rows.map((row) => ({
    id: row.id,
    position: row.position,
    name: row.name,
    enabled: row.enabled,
    conditions: row.conditions,
    actions: row.actions,
  }));
}

/**
 * Checks every id in the rules against the shop's live logistics (the same tree the carrier
 * mapping uses). Throws one refusal naming each problem; nothing is saved then.
 */
export function validateRules(rules: RuleInput[], warehouses: WarehouseChoice[]): void {
  const problems: string[] = [];
  const warehouseIds = new Set(warehouses.map((w) => w.id));
  const optionIds = new Set(warehouses.flatMap((w) => w.deliveryOptions.map((o) => o.id)));
  const providerIds = new Set(
    warehouses.flatMap((w) => w.deliveryOptions.flatMap((o) => o.shippingProviders.map((p) => p.id))),
  );
  rules.forEach((rule, index) => {
    const label = `Rule ${index + 1} ("${rule.name}")`;
    const c = rule.conditions;
    for (const id of c.warehouseIds ?? [])
      if (!warehouseIds.has(id))
        problems.push(`${label}: warehouse ${id} is not a sales warehouse of this shop.`);
    for (const id of c.deliveryOptionIds ?? [])
      if (!optionIds.has(id)) problems.push(`${label}: delivery option ${id} does not exist in this shop.`);
    if (c.minTotal && c.maxTotal && compareDecimal(c.minTotal, c.maxTotal) > 0)
      problems.push(`${label}: the minimum order total is above the maximum.`);
    if (c.minItems !== undefined && c.maxItems !== undefined && c.minItems > c.maxItems)
      problems.push(`${label}: the minimum item count is above the maximum.`);
    const a = rule.actions;
    if (a.warehouseId && !warehouseIds.has(a.warehouseId))
      problems.push(`${label}: warehouse ${a.warehouseId} is not a sales warehouse of this shop.`);
    if (a.shippingProviderId && !providerIds.has(a.shippingProviderId))
      problems.push(
        `${label}: carrier ${a.shippingProviderId} does not serve any delivery option of this shop.`,
      );
  });
  if (problems.length > 0) {
    throw new FulfillmentError(400, "rules_invalid", problems.join(" "), { problems });
  }
}

/** Replaces the shop's rules, in the given order, in one transaction. */
export async function saveRules(
  db: AppDatabase<typeof schema>,
  shopId: string,
  rules: RuleInput[],
  now: number,
): Promise<ShippingRule[]> {
  await db.transaction(async (tx) => {
    const existing = await tx
      .select({ id: schema.fulfillmentRules.id, createdAt: schema.fulfillmentRules.createdAt })
      .from(schema.fulfillmentRules)
      .where(eq(schema.fulfillmentRules.shopId, shopId));
    const created = new Map(existing.map((row) => [row.id, row.createdAt]));
    await tx.delete(schema.fulfillmentRules).where(eq(schema.fulfillmentRules.shopId, shopId));
    if (rules.length === 0) return;
    await tx.insert(schema.fulfillmentRules).values(
      rules.map((rule, position) => {
        const id = rule.id && created.has(rule.id) ? rule.id : randomUUID();
        return {
          shopId,
          id,
          position,
          name: rule.name,
          enabled: rule.enabled,
          conditions: rule.conditions,
          actions: rule.actions,
          createdAt: created.get(id) ?? now,
          updatedAt: now,
        };
      }),
    );
  });
  return listRules(db, shopId);
}
