import { approveCancellation, buyerCancel, rejectCancellation, sellerCancel } from "../aftersale-ops.ts";
import { mintTrackingNumber } from "../carriers.ts";
import {
  combineOrders,
  payOrder,
  providerOf,
  type ShipOptions,
  shipPackage,
  soleUnshippedPackage,
  splitOrder,
} from "../fulfillment-ops.ts";
import { advanceCancellation, advanceOrder } from "../lifecycle.ts";
import { buildOrder, type UnitSpec } from "../order-factory.ts";
import { activeLines, HOLD_SECONDS, orderPackages } from "../order-model.ts";
import type { Rng } from "../rng.ts";
import type { Scope } from "../scope.ts";
import type { Buyer, DeliveryOption, Order, Package, Product, Warehouse } from "../state.ts";
import { seedReturn } from "./returns.ts";

/**
 * Order history. Each order gets a scenario (the status it should show at `now`), times that
 * make that status come out, and is then driven there by the same operations and lifecycle
 * rules the live dev shop uses: placed, paid, held, released, split or combined, shipped,
 * collected, delivered, completed, cancelled. So the history is consistent by construction:
 * packages, tracking events, stock, webhooks-worth of update times all agree.
 */

const H = 3600;
const D = 86400;

type Scenario =
  | "UNPAID_OPEN"
  | "UNPAID_EXPIRED"
  | "ON_HOLD"
  | "AWAITING_SHIPMENT"
  | "PENDING_CANCEL"
  | "PARTIAL"
  | "AWAITING_COLLECTION"
  | "IN_TRANSIT"
  | "DELIVERED"
  | "COMPLETED"
  | "SELLER_CANCEL"
  | "SELLER_CANCEL_RECENT"
  | "HOLD_CANCEL"
  | "CANCEL_APPROVED"
  | "CANCEL_AUTO"
  | "CANCEL_REJECTED";

const scenarioWeights: Array<readonly [Scenario, number]> = [
  ["UNPAID_OPEN", 2],
  ["UNPAID_EXPIRED", 2],
  ["ON_HOLD", 3],
  ["AWAITING_SHIPMENT", 7],
  ["PENDING_CANCEL", 1.5],
  ["PARTIAL", 3],
  ["AWAITING_COLLECTION", 5],
  ["IN_TRANSIT", 8],
  ["DELIVERED", 20],
  ["COMPLETED", 39.5],
  ["SELLER_CANCEL", 2.5],
  ["SELLER_CANCEL_RECENT", 0.5],
  ["HOLD_CANCEL", 2],
  ["CANCEL_APPROVED", 1.5],
  ["CANCEL_AUTO", 1.5],
  ["CANCEL_REJECTED", 1],
];

/** Scenarios whose order leaves the warehouse (and so may be split, combined or FBT). */
const shippedScenarios = new Set<Scenario>(["AWAITING_COLLECTION", "IN_TRANSIT", "DELIVERED", "COMPLETED"]);
/** Scenarios whose order must still be sellable today (open orders use live products only). */
const openScenarios = new Set<Scenario>([
  "UNPAID_OPEN",
  "ON_HOLD",
  "AWAITING_SHIPMENT",
  "PENDING_CANCEL",
  "PARTIAL",
]);

interface Plan {
  scenario: Scenario;
  createTime: number;
  /** null: never paid. */
  paidTime: number | null;
  /** Seller ships (or, for cancellations, acts) at this time. */
  actTime: number;
  buyer: Buyer;
  warehouse: Warehouse;
  option: DeliveryOption;
  units: UnitSpec[];
  isSample: boolean;
  fbt: boolean;
  split: boolean;
  /** Index of the plan whose order this one is combined (or left combinable) with. */
  partnerOf: number | null;
  combine: boolean;
  buyerMessage: string;
  sellerDiscountBp: number;
  platformDiscountBp: number;
  paymentMethodName: string;
  withReturn: boolean;
}

export interface OrderSeedContext {
  scope: Scope;
  rng: Rng;
  now: number;
  buyers: Buyer[];
  products: Product[];
  /** Return fates already seeded in this shop, so that every one appears at least once. */
  returnFates: Set<string>;
}

const between = (rng: Rng, min: number, max: number) =>
  rng.int(Math.round(min), Math.round(Math.max(min, max)));

/** Paid and act times for a scenario, counted back from now. */
function timesFor(
  rng: Rng,
  scenario: Scenario,
  now: number,
): { paid: number | null; act: number; create?: number } {
  const shippedAt = (min: number, max: number) => {
    const act = now - between(rng, min, max);
    return { act, paid: act - HOLD_SECONDS - between(rng, 15 * 60, 2 * D) };
  };
  switch (scenario) {
    case "UNPAID_OPEN": {
      const create = now - between(rng, 5 * 60, 20 * H);
      return { paid: null, act: create, create };
    }
    case "UNPAID_EXPIRED": {
      const create = now - between(rng, 26 * H, 88 * D);
      return { paid: null, act: create, create };
    }
    case "ON_HOLD":
      return { paid: now - between(rng, 60, 55 * 60), act: now };
    case "AWAITING_SHIPMENT":
      return { paid: now - between(rng, HOLD_SECONDS + 5 * 60, 2.5 * D), act: now };
    case "PENDING_CANCEL": {
      const paid = now - between(rng, HOLD_SECONDS + 30 * 60, 2.5 * D);
      const earliest = Math.max(paid + HOLD_SECONDS + 5 * 60, now - 20 * H);
      return { paid, act: between(rng, earliest, now - 10 * 60) };
    }
    case "PARTIAL": {
      const paid = now - between(rng, 8 * H, 3 * D);
      return { paid, act: between(rng, paid + HOLD_SECONDS + 30 * 60, now - 10 * 60) };
    }
    case "AWAITING_COLLECTION":
      return shippedAt(5 * 60, 3.5 * H);
    case "IN_TRANSIT":
      return shippedAt(20 * H, 3 * D);
    case "DELIVERED":
      return shippedAt(4.5 * D, 17 * D);
    case "COMPLETED":
      return shippedAt(20 * D, 86 * D);
    case "SELLER_CANCEL": {
      const paid = now - between(rng, 3 * H, 85 * D);
      return { paid, act: Math.min(now - 60, paid + HOLD_SECONDS + between(rng, 10 * 60, 20 * H)) };
    }
    case "SELLER_CANCEL_RECENT": {
      // Cancelled within the last two hours: the refund is still being paid out (SUCCESS).
      const paid = now - between(rng, 2 * H, 2 * D);
      return { paid, act: Math.max(paid + HOLD_SECONDS + 60, now - between(rng, 5 * 60, 100 * 60)) };
    }
    case "HOLD_CANCEL": {
      const paid = now - between(rng, H, 85 * D);
      return { paid, act: paid + between(rng, 2 * 60, 50 * 60) };
    }
    case "CANCEL_APPROVED":
    case "CANCEL_AUTO": {
      const paid = now - between(rng, 2 * D, 85 * D);
      return { paid, act: paid + HOLD_SECONDS + between(rng, 10 * 60, 10 * H) };
    }
    case "CANCEL_REJECTED": {
      const paid = now - between(rng, 25 * D, 85 * D);
      return { paid, act: paid + HOLD_SECONDS + between(rng, 10 * 60, 5 * H) };
    }
  }
}

function pickUnits(ctx: OrderSeedContext, warehouse: Warehouse, liveOnly: boolean): UnitSpec[] {
  const { rng } = ctx;
  const pool = ctx.products.filter((product) =>
    liveOnly
      ? product.status === "ACTIVATE"
      : ["ACTIVATE", "SELLER_DEACTIVATED", "PLATFORM_DEACTIVATED", "FREEZE"].includes(product.status),
  );
  const candidates = pool.flatMap((product) =>
    product.skus
      .filter((sku) => sku.stock.some((row) => row.warehouseId === warehouse.id))
      .map((sku) => ({ product, sku })),
  );
  if (candidates.length === 0) return [];
  const distinct = rng.weighted([
    [1, 65],
    [2, 25],
    [3, 10],
  ] as const);
  const units: UnitSpec[] = [];
  for (const choice of rng.shuffle(candidates).slice(0, distinct)) {
    const quantity = rng.weighted([
      [1, 80],
      [2, 15],
      [3, 5],
    ] as const);
    for (let i = 0; i < quantity; i++) units.push({ ...choice });
  }
  return units;
}

function makePlan(
  ctx: OrderSeedContext,
  scenario: Scenario,
  options: { partner?: Plan; guaranteed?: boolean } = {},
): Plan | null {
  const { rng, scope, now } = ctx;
  const shop = scope.shop;
  const partner = options.partner;
  const sales = shop.warehouses.filter((w) => w.type === "SALES_WAREHOUSE");
  const warehouse = partner?.warehouse ?? rng.pick(sales);
  const sellerShipping = partner ? partner.option.type === "SEND_BY_SELLER" : rng.chance(0.4);
  const tiktokOptions = shop.deliveryOptions.filter(
    (o) => o.type !== "SEND_BY_SELLER" && o.warehouseIds.includes(warehouse.id),
  );
  const option =
    partner?.option ??
    (sellerShipping
      ? shop.deliveryOptions.find((o) => o.type === "SEND_BY_SELLER")!
      : rng.weighted(
          tiktokOptions.map((o) => [o, o.type === "STANDARD" ? 6 : o.type === "EXPRESS" ? 2 : 1] as const),
        ));
  let units = pickUnits(ctx, warehouse, openScenarios.has(scenario));
  if (units.length === 0) return null;
  if (scenario === "PARTIAL" && units.length < 2) units = [...units, { ...units[0]! }];
  const times = timesFor(rng, scenario, now);
  let paid = times.paid;
  let act = times.act;
  if (partner) {
    // A second order by the same buyer shortly before the first one: the pair can share a box.
    paid = partner.paidTime === null ? null : partner.paidTime - between(rng, 5 * 60, 40 * 60);
    act = partner.actTime;
  }
  const create = times.create ?? (paid ?? act) - between(rng, 30, 15 * 60);
  const shipped = shippedScenarios.has(scenario);
  const isSample = !partner && rng.chance(0.02);
  if (!isSample && rng.chance(0.06)) {
    const gift = pickUnits(ctx, warehouse, openScenarios.has(scenario))[0];
    if (gift) units.push({ ...gift, isGift: true });
  }
  const messages = [
    "Please leave the parcel with a neighbour if I'm out.",
    "It's a gift, no invoice please!",
    "Could you double-check the colour?",
  ];
  return {
    scenario,
    createTime: Math.max(create, now - 90 * D),
    paidTime: paid,
    actTime: act,
    buyer: partner?.buyer ?? rng.pick(ctx.buyers),
    warehouse,
    option,
    units,
    isSample,
    // FBT orders leave on TikTok's schedule, not the scenario's: never use one to guarantee a status.
    fbt: shipped && !partner && !options.guaranteed && !sellerShipping && rng.chance(0.06),
    split: shipped && units.length >= 2 && rng.chance(0.25),
    partnerOf: null,
    combine: false,
    buyerMessage: rng.chance(0.1) ? rng.pick(messages) : "",
    sellerDiscountBp: rng.pick([0, 0, 0, 0, 500, 1000, 1500]),
    platformDiscountBp: rng.pick([0, 0, 0, 0, 0, 500, 1000]),
    paymentMethodName: rng.pick(
      shop.region === "GB"
        ? ["Credit card", "PayPal", "Apple Pay", "Klarna"]
        : ["Credit card", "PayPal", "Apple Pay", "Afterpay"],
    ),
    withReturn: (scenario === "DELIVERED" || scenario === "COMPLETED") && rng.chance(0.14),
  };
}

/** Every scenario at least once (so small test seeds still show every status), then by weight. */
function planOrders(ctx: OrderSeedContext, count: number): Plan[] {
  const plans: Plan[] = [];
  const pending = scenarioWeights.map(([scenario]) => scenario);
  let paired = false;
  let attempts = 0;
  while (plans.length < count && attempts < count * 3) {
    attempts++;
    const guaranteed = pending.length > 0;
    // Right after the guaranteed scenarios comes a combined pair, unless one was made already.
    const scenario: Scenario =
      pending.shift() ?? (paired ? ctx.rng.weighted(scenarioWeights) : "AWAITING_SHIPMENT");
    const plan = makePlan(ctx, scenario, { guaranteed });
    if (!plan) {
      if (guaranteed) pending.unshift(scenario);
      continue;
    }
    plans.push(plan);
    // Some orders come in pairs from one buyer: combinable while waiting, combined when shipped.
    // The first pairable order after the guaranteed ones always gets a partner.
    const pairable = scenario === "AWAITING_SHIPMENT" || shippedScenarios.has(scenario);
    const forced: boolean = !paired && !guaranteed;
    const wanted = forced || ctx.rng.chance(0.07);
    if (plans.length < count && pairable && !plan.fbt && !plan.isSample && wanted) {
      const partner = makePlan(ctx, scenario, { partner: plan });
      if (partner) {
        partner.split = false;
        plan.split = false;
        partner.partnerOf = plans.length - 1;
        partner.combine = forced || shippedScenarios.has(scenario) || ctx.rng.chance(0.5);
        plans.push(partner);
        paired ||= partner.combine;
      }
    }
  }
  return plans;
}

function sellerShipment(scope: Scope, pkg: Package): ShipOptions {
  const option = scope.shop.deliveryOptions.find((o) => o.id === pkg.deliveryOptionId);
  const provider = providerOf(
    scope.shop,
    option?.providerIds[Number(pkg.id.slice(-1)) % (option?.providerIds.length ?? 1)] ?? null,
  );
  if (!provider) return {};
  return {
    selfShipment: {
      trackingNumber: mintTrackingNumber(provider.trackingFormat, `${pkg.id}:seller`),
      providerId: provider.id,
    },
  };
}

function ship(scope: Scope, pkg: Package, at: number): void {
  if (pkg.stage !== "UNSHIPPED") return;
  const options = pkg.shippingType === "SELLER" ? sellerShipment(scope, pkg) : {};
  shipPackage(scope, pkg, at, { ...options, handoverMethod: at % 2 === 0 ? "PICKUP" : "DROP_OFF" });
}

function place(ctx: OrderSeedContext, plan: Plan): Order {
  const order = buildOrder(ctx.scope, {
    buyer: plan.buyer,
    warehouseId: plan.warehouse.id,
    deliveryOption: plan.option,
    units: plan.units,
    at: plan.createTime,
    isSample: plan.isSample,
    fulfillmentType: plan.fbt ? "FULFILLMENT_BY_TIKTOK" : "FULFILLMENT_BY_SELLER",
    buyerMessage: plan.buyerMessage,
    sellerDiscountBp: plan.sellerDiscountBp,
    platformDiscountBp: plan.platformDiscountBp,
    paymentMethodName: plan.paymentMethodName,
  });
  if (plan.paidTime !== null) payOrder(ctx.scope, order, plan.paidTime, true);
  return order;
}

/** Drives one order (and, for a combined pair, its partner) from placement to `now`. */
function play(ctx: OrderSeedContext, plan: Plan, order: Order, partner?: { plan: Plan; order: Order }): void {
  const { scope, now, rng } = ctx;
  const releaseAt = (o: Order) => (o.holdUntil ?? o.paidTime ?? o.createTime) + 60;
  switch (plan.scenario) {
    case "UNPAID_OPEN":
    case "UNPAID_EXPIRED":
    case "ON_HOLD":
    case "AWAITING_SHIPMENT":
      break;
    case "PENDING_CANCEL":
      advanceOrder(scope, order, plan.actTime);
      buyerCancel(
        scope,
        order,
        plan.actTime,
        rng.pick(["buyer_cancel_reason_change_of_mind", "buyer_cancel_reason_better_price"]),
      );
      break;
    case "HOLD_CANCEL":
      buyerCancel(scope, order, plan.actTime, "buyer_cancel_reason_change_of_mind");
      break;
    case "SELLER_CANCEL":
    case "SELLER_CANCEL_RECENT":
      advanceOrder(scope, order, plan.actTime);
      sellerCancel(
        scope,
        order,
        rng.pick(["seller_cancel_reason_out_of_stock", "seller_cancel_reason_wrong_price"]),
        undefined,
        plan.actTime,
      );
      break;
    case "CANCEL_APPROVED":
    case "CANCEL_AUTO":
    case "CANCEL_REJECTED": {
      advanceOrder(scope, order, plan.actTime);
      const request = buyerCancel(scope, order, plan.actTime, "buyer_cancel_reason_delivery_too_long");
      if (plan.scenario === "CANCEL_APPROVED")
        approveCancellation(scope, request, plan.actTime + between(rng, 10 * 60, 6 * H));
      if (plan.scenario === "CANCEL_REJECTED") {
        const at = plan.actTime + between(rng, 30 * 60, 5 * H);
        rejectCancellation(
          scope,
          request,
          "seller_reject_apply_product_has_been_packed",
          "Already packed, shipping today.",
          at,
        );
        const pkg = orderPackages(scope.shop, order)[0];
        if (pkg) ship(scope, pkg, at + between(rng, H, 8 * H));
      }
      break;
    }
    case "PARTIAL": {
      advanceOrder(scope, order, plan.actTime);
      const lines = activeLines(order);
      splitOrder(
        scope,
        order,
        [
          { id: "1", lineIds: [lines[0]!.id] },
          { id: "2", lineIds: lines.slice(1).map((line) => line.id) },
        ],
        plan.actTime - 60,
      );
      const first = scope.shop.packages[lines[0]!.packageId ?? ""];
      if (first) ship(scope, first, plan.actTime);
      break;
    }
    default: {
      // Shipped scenarios. FBT orders are dispatched by the lifecycle on their own schedule.
      if (plan.fbt) break;
      const release = Math.max(releaseAt(order), partner ? releaseAt(partner.order) : 0);
      advanceOrder(scope, order, release);
      if (partner) advanceOrder(scope, partner.order, release);
      if (partner?.plan.combine) {
        combineOrders(scope, [order, partner.order], Math.min(release + 5 * 60, plan.actTime - 60));
      }
      if (plan.split) {
        const lines = activeLines(order);
        const cut = Math.max(1, Math.floor(lines.length / 2));
        splitOrder(
          scope,
          order,
          [
            { id: "A", lineIds: lines.slice(0, cut).map((line) => line.id) },
            { id: "B", lineIds: lines.slice(cut).map((line) => line.id) },
          ],
          Math.min(release + 10 * 60, plan.actTime - 60),
        );
      }
      const packages = new Set([
        ...orderPackages(scope.shop, order),
        ...(partner ? orderPackages(scope.shop, partner.order) : []),
      ]);
      let at = plan.actTime;
      for (const pkg of packages) {
        ship(scope, pkg, at);
        at = Math.min(now - 60, at + between(rng, 0, 40 * 60));
      }
    }
  }
  if (plan.scenario === "AWAITING_SHIPMENT" && partner?.plan.combine) {
    advanceOrder(scope, order, now);
    advanceOrder(scope, partner.order, now);
    if (soleUnshippedPackage(scope.shop, order) && soleUnshippedPackage(scope.shop, partner.order)) {
      const after = Math.max(releaseAt(order), releaseAt(partner.order));
      combineOrders(
        scope,
        [order, partner.order],
        Math.min(now, Math.max(after, now - between(rng, 60, 20 * 60))),
      );
    }
  }
}

export function seedOrders(ctx: OrderSeedContext, count: number): void {
  const { scope, now } = ctx;
  const plans = planOrders(ctx, count);
  // Build oldest first so that order ids grow with creation time, as TikTok's do.
  const sequence = plans
    .map((plan, index) => ({ plan, index }))
    .sort((a, b) => a.plan.createTime - b.plan.createTime);
  const orders = new Map<number, Order>();
  for (const { plan, index } of sequence) orders.set(index, place(ctx, plan));
  const partnerOf = new Map<number, number>();
  plans.forEach((plan, index) => {
    if (plan.partnerOf !== null) partnerOf.set(plan.partnerOf, index);
  });
  plans.forEach((plan, index) => {
    if (plan.partnerOf !== null) return; // played together with its partner
    const order = orders.get(index)!;
    const partnerIndex = partnerOf.get(index);
    const partner =
      partnerIndex === undefined
        ? undefined
        : { plan: plans[partnerIndex]!, order: orders.get(partnerIndex)! };
    play(ctx, plan, order, partner);
    const pair: Array<[Order, Plan]> = partner
      ? [
          [order, plan],
          [partner.order, partner.plan],
        ]
      : [[order, plan]];
    for (const [o, p] of pair) {
      // A return on a completed order happened while it was still DELIVERED: replay up to then.
      if (p.withReturn && p.scenario === "COMPLETED") {
        advanceOrder(scope, o, p.actTime + 5 * D);
        seedReturn(ctx, o, true);
      }
      advanceOrder(scope, o, now);
      for (const cancellation of Object.values(scope.shop.cancellations)) {
        if (cancellation.orderId === o.id) advanceCancellation(scope, cancellation, now);
      }
      if (p.withReturn && p.scenario === "DELIVERED") seedReturn(ctx, o, false);
    }
  });
}
