import {
  advanceReturn,
  approveReturn,
  buyerShipsReturn,
  buyerWithdrawsReturn,
  openReturn,
  rejectReturn,
} from "../aftersale-ops.ts";
import { fromMinor, toMinor } from "../money.ts";
import type { Order, ReturnOrder } from "../state.ts";
import type { OrderSeedContext } from "./orders.ts";

/**
 * Returns and refunds on delivered orders, in every state of §5.5. A fate is a script of buyer
 * and seller steps; its start is placed so that the last step lands before `now` and any
 * deadline still running (seller answer, buyer shipment, refund payout) has not expired.
 */

const H = 3600;
const D = 86400;

type Fate =
  | "PENDING"
  | "AWAITING_BUYER_SHIP"
  | "BUYER_SHIPPED_ITEM"
  | "SUCCESS"
  | "AWAITING_BUYER_RESPONSE"
  | "REJECT"
  | "CANCEL"
  | "COMPLETE_REFUND"
  | "COMPLETE_RETURN"
  | "REJECT_RECEIVE";

/** Fates that can lie in the past of a completed order (they end in a final state). */
const historicFates: Fate[] = ["COMPLETE_REFUND", "COMPLETE_RETURN", "REJECT", "CANCEL", "REJECT_RECEIVE"];
const recentFates: Fate[] = [
  "PENDING",
  "AWAITING_BUYER_SHIP",
  "BUYER_SHIPPED_ITEM",
  "SUCCESS",
  "AWAITING_BUYER_RESPONSE",
  ...historicFates,
];

interface Step {
  /** Seconds after the request. */
  after: number;
  run: (ret: ReturnOrder, at: number) => void;
}

interface Script {
  type: "REFUND" | "RETURN_AND_REFUND";
  steps: Step[];
  /** How recent the last step must be (deadline of the state it leaves the return in). */
  lastWithin: number | null;
}

export function seedReturn(ctx: OrderSeedContext, order: Order, historic: boolean): void {
  const { scope, rng, now } = ctx;
  if (order.deliveryTime === null) return;
  const windowStart = order.deliveryTime + H;
  const windowEnd = historic ? Math.min(order.deliveryTime + 12 * D, now - 3 * H) : now - 10 * 60;
  if (windowEnd - windowStart < 20 * 60) return;
  const candidates = historic ? historicFates : recentFates;
  const fate = candidates.find((f) => !ctx.returnFates.has(f)) ?? rng.pick(candidates);
  const script = scriptFor(ctx, fate);
  const span = script.steps.reduce((max, step) => Math.max(max, step.after), 0);
  // The last step falls between `lastWithin` before the window's end and the end itself.
  const latestStart = windowEnd - span;
  const earliestStart =
    script.lastWithin === null ? windowStart : Math.max(windowStart, windowEnd - script.lastWithin - span);
  if (latestStart < windowStart || earliestStart > latestStart) return;
  const start = rng.int(earliestStart, latestStart);
  const reasons =
    script.type === "REFUND"
      ? ["ecom_order_delivered_refund_reason_missing_item", "ecom_order_delivered_refund_reason_damaged"]
      : [
          "ecom_order_delivered_refund_and_return_reason_damaged",
          "ecom_order_delivered_refund_and_return_reason_wrong_item",
          "ecom_order_delivered_refund_and_return_reason_not_as_described",
          "ecom_order_delivered_refund_and_return_reason_no_longer_needed",
        ];
  const lines = order.lineItems.filter((line) => !line.cancelled);
  const chosen = lines.length > 1 && rng.chance(0.5) ? [lines[0]!.id] : undefined;
  let ret: ReturnOrder;
  try {
    ret = openReturn(
      scope,
      order,
      { type: script.type, reasonName: rng.pick(reasons), ...(chosen ? { lineIds: chosen } : {}) },
      start,
    );
  } catch {
    return; // not eligible (e.g. every unit already refunded)
  }
  for (const step of script.steps) step.run(ret, start + step.after);
  while (advanceReturn(scope, ret, now)) {
    // settle refunds that fell due before now
  }
  ctx.returnFates.add(fate);
}

function scriptFor(ctx: OrderSeedContext, fate: Fate): Script {
  const { scope, rng } = ctx;
  const approveRefund: Step["run"] = (ret, at) =>
    approveReturn(scope, ret, { decision: "APPROVE_REFUND" }, at);
  const approveReturnStep: Step["run"] = (ret, at) =>
    approveReturn(scope, ret, { decision: "APPROVE_RETURN" }, at);
  const shipBack: Step["run"] = (ret, at) => buyerShipsReturn(scope, ret, at);
  const receive: Step["run"] = (ret, at) =>
    approveReturn(scope, ret, { decision: "APPROVE_RECEIVED_PACKAGE" }, at);
  const answer = rng.int(H, 30 * H);
  switch (fate) {
    case "PENDING":
      return { type: rng.chance(0.5) ? "REFUND" : "RETURN_AND_REFUND", steps: [], lastWithin: 40 * H };
    case "AWAITING_BUYER_SHIP":
      return {
        type: "RETURN_AND_REFUND",
        steps: [{ after: answer, run: approveReturnStep }],
        lastWithin: 5 * D,
      };
    case "BUYER_SHIPPED_ITEM":
      return {
        type: "RETURN_AND_REFUND",
        steps: [
          { after: answer, run: approveReturnStep },
          { after: answer + rng.int(5 * H, 2 * D), run: shipBack },
        ],
        lastWithin: 60 * H,
      };
    case "SUCCESS":
      return { type: "REFUND", steps: [{ after: answer, run: approveRefund }], lastWithin: 90 * 60 };
    case "AWAITING_BUYER_RESPONSE":
      return {
        type: "RETURN_AND_REFUND",
        steps: [
          {
            after: answer,
            run: (ret, at) => {
              const half = Math.max(1, Math.floor(toMinor(ret.refund.refundTotal, ret.refund.currency) / 2));
              approveReturn(
                scope,
                ret,
                {
                  decision: "OFFER_PARTIAL_REFUND",
                  partialRefund: {
                    amount: fromMinor(half, ret.refund.currency),
                    currency: ret.refund.currency,
                  },
                },
                at,
              );
            },
          },
        ],
        lastWithin: 40 * H,
      };
    case "REJECT": {
      const type = rng.chance(0.5) ? "REFUND" : "RETURN_AND_REFUND";
      return {
        type,
        steps: [
          {
            after: answer,
            run: (ret, at) =>
              rejectReturn(
                scope,
                ret,
                type === "REFUND" ? "REJECT_REFUND" : "REJECT_RETURN",
                "reverse_reject_request_reason_3",
                "The photos show the item was used.",
                at,
              ),
          },
        ],
        lastWithin: null,
      };
    }
    case "CANCEL":
      return {
        type: "RETURN_AND_REFUND",
        steps: [{ after: rng.int(H, 20 * H), run: (ret, at) => buyerWithdrawsReturn(scope, ret, at) }],
        lastWithin: null,
      };
    case "COMPLETE_REFUND":
      return { type: "REFUND", steps: [{ after: answer, run: approveRefund }], lastWithin: null };
    case "COMPLETE_RETURN": {
      const shipped = answer + rng.int(5 * H, 3 * D);
      return {
        type: "RETURN_AND_REFUND",
        steps: [
          { after: answer, run: approveReturnStep },
          { after: shipped, run: shipBack },
          { after: shipped + rng.int(2 * D, 3 * D), run: receive },
        ],
        lastWithin: null,
      };
    }
    case "REJECT_RECEIVE": {
      const shipped = answer + rng.int(5 * H, 3 * D);
      const arbitration = rng.pick(["IN_PROGRESS", "SUPPORT_SELLER", "SUPPORT_BUYER", "CLOSED"] as const);
      return {
        type: "RETURN_AND_REFUND",
        steps: [
          { after: answer, run: approveReturnStep },
          { after: shipped, run: shipBack },
          {
            after: shipped + rng.int(2 * D, 3 * D),
            run: (ret, at) => {
              rejectReturn(
                scope,
                ret,
                "REJECT_RECEIVED_PACKAGE",
                "reverse_reject_receive_reason_damaged",
                "Item arrived used.",
                at,
              );
              // The buyer disputed the rejection; TikTok's arbitration is somewhere along its way.
              ret.arbitrationStatus = arbitration;
            },
          },
        ],
        lastWithin: null,
      };
    }
  }
}
