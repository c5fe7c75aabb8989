import { z } from "zod";
import { decimal, id, money, pageInfo, pageQuery, unixSeconds } from "./common.ts";
import { endpoint } from "./define.ts";
import { scopes } from "./scopes.ts";

// ---------------------------------------------------------------------------------------------
// Enums
// ---------------------------------------------------------------------------------------------

export const activityType = z.enum([
  "FIXED_PRICE",
  "DIRECT_DISCOUNT",
  "FLASHSALE",
  "SHIPPING_DISCOUNT",
  "BUY_MORE_SAVE_MORE",
]);
export type ActivityType = z.infer<typeof activityType>;

/** PRODUCT = every SKU of a product, VARIATION = listed SKUs, SHOP = the whole shop. */
export const productLevel = z.enum(["PRODUCT", "VARIATION", "SHOP"]);

/** DEACTIVATED is set by the seller; NOT_EFFECTIVE by the platform. */
export const activityStatus = z.enum([
  "DRAFT",
  "NOT_START",
  "ONGOING",
  "EXPIRED",
  "DEACTIVATED",
  "NOT_EFFECTIVE",
]);
export type ActivityStatus = z.infer<typeof activityStatus>;

export const durationType = z.enum(["NORMAL", "INDEFINITE"]);
export const participationLimitType = z.enum(["BUYER_NO_LIMIT", "BUYER_LIMIT_ONLY_ONE"]);
export const targetUserType = z.enum([
  "ALL_USER",
  "SHOP_NEW_CUSTOMER",
  "SHOP_EXISTING_CUSTOMER",
  "SHOP_REPEAT_CUSTOMER",
]);
export const shippingDiscountType = z.enum(["FREE_SHIPPING", "DISCOUNT_SHIPPING_FEE"]);
export const thresholdType = z.enum(["NO_THRESHOLD", "MINIMAL_ITEM_QUANTITY", "MINIMAL_ORDER_AMOUNT"]);
export const shippingMethod = z.enum(["STANDARD_SHIPPING", "EXPRESS_SHIPPING", "ALL_SHIPPING_METHOD"]);
export const inventoryType = z.enum(["SELF_FULFILLED", "FULFILLED_BY_TIKTOK", "ALL"]);
export const areaScopeType = z.enum(["WHOLE", "SPECIFIC_AREAS"]);
export const tierDiscountType = z.enum(["PERCENTAGE_OFF", "AMOUNT_OFF"]);
/** IMMUTABLE: the activity can no longer be edited or deactivated. */
export const activityCommand = z.enum(["IMMUTABLE"]);

export const couponStatus = z.enum(["NOT_START", "ONGOING", "EXPIRED", "DEACTIVATED"]);
export const couponCreationSource = z.enum(["SELLER_CENTER", "SELLER_APP", "TTS_CRM"]);
export const couponDisplayType = z.enum(["REGULAR", "LIVE", "CREATOR_EXCLUSIVE", "CHAT", "PROMO_CODE"]);
export const couponDisplayChannel = z.enum([
  "ALL",
  "SHOPPING_CENTER",
  "CHAT",
  "LIVE",
  "PRIVATE",
  "VIDEO",
  "SHOWCASE",
]);
export const couponProductScope = z.enum(["FULL_SHOP", "SPECIFIC_PRODUCTS"]);
export const targetBuyerSegment = z.enum([
  "ALL",
  "NEW",
  "REPEAT_CUSTOMERS",
  "RECENT_CUSTOMERS",
  "FREQUENT_CUSTOMERS",
  "LAPSED_CUSTOMERS",
  "NEW_FOLLOWERS",
  "EXISTING_ACTIVE_FOLLOWERS",
]);
export const couponDiscountType = z.enum(["AMOUNT_OFF", "PERCENT_OFF"]);
export const couponThresholdType = z.enum(["NONE", "MIN_SPEND"]);
export const redemptionDurationType = z.enum(["ABSOLUTE", "RELATIVE"]);
export const liveTaskType = z.enum(["NONE", "FOLLOW_HOST", "WATCH_FOR_MIN_TIME"]);

// ---------------------------------------------------------------------------------------------
// Request pieces
// ---------------------------------------------------------------------------------------------

/** An amount with at most two decimals, as the discount and threshold fields require. */
const twoDecimals = z
  .string()
  .regex(/^\d+(\.\d{1,2})?$/, "expected a non-negative amount with at most 2 decimals");

/** Per-product and per-buyer caps: 1-99, or -1 for no limit. */
export const quantityLimit = z
  .number()
  .int()
  .refine((value) => value === -1 || (value >= 1 && value <= 99), "expected 1-99, or -1 for no limit");

const shippingDiscountInput = z.object({
  type: shippingDiscountType,
  /** The most shipping that is deducted; not for FREE_SHIPPING. */
  value: twoDecimals.optional(),
  threshold_type: thresholdType.optional(),
  threshold_value: twoDecimals.optional(),
  shipping_method: shippingMethod.optional(),
  inventory_type: inventoryType.optional(),
  area_scope: z.object({ type: areaScopeType, specific_areas: z.array(z.string()).optional() }).optional(),
});

const bmsmTierInput = z.object({
  tier: z.number().int().min(1),
  threshold_type: z.enum(["MINIMAL_ITEM_QUANTITY", "MINIMAL_ORDER_AMOUNT"]),
  threshold_value: twoDecimals,
  type: tierDiscountType,
  value: twoDecimals,
});

const giftDiscountInput = z.object({
  gift_receiving_type: z.enum(["ALL_RECEIVE"]),
  gift_infos: z
    .array(
      z.object({
        tier: z.number().int().min(1),
        threshold_type: z.enum(["MINIMAL_ITEM_QUANTITY", "MINIMAL_ORDER_AMOUNT"]),
        threshold_value: twoDecimals,
        gift_details: z
          .array(
            z.object({
              product_id: id,
              sku_id: id,
              /** A string, 1-99,999; cannot be lowered later. */
              total_claim_limit: z
                .string()
                .regex(/^\d+$/)
                .refine((value) => Number(value) >= 1 && Number(value) <= 99_999, "expected 1-99999"),
            }),
          )
          .min(1),
      }),
    )
    .min(1)
    .max(2),
});

/** Buy-more-save-more tiers: at most two, same threshold and discount kind, each strictly above the last. */
const bmsmDetails = z
  .array(bmsmTierInput)
  .min(1)
  .max(2)
  .superRefine((tiers, ctx) => {
    for (let i = 1; i < tiers.length; i++) {
      const prev = tiers[i - 1];
      const cur = tiers[i];
      if (!prev || !cur) continue;
      if (cur.threshold_type !== prev.threshold_type || cur.type !== prev.type) {
        ctx.addIssue({ code: "custom", path: [i], message: "all tiers must share threshold_type and type" });
      }
      if (
        Number(cur.threshold_value) <= Number(prev.threshold_value) ||
        Number(cur.value) <= Number(prev.value)
      ) {
        ctx.addIssue({
          code: "custom",
          path: [i],
          message: "each tier's threshold_value and value must exceed the previous tier's",
        });
      }
    }
  });

const activityShape = {
  /** At most 50 characters, unique among the seller's activities. */
  title: z.string().min(1).max(50),
  activity_type: activityType,
  product_level: productLevel,
  /** Unix seconds; must lie in the future. 0 for INDEFINITE activities. */
  begin_time: unixSeconds,
  end_time: unixSeconds,
  duration_type: durationType.optional(),
  participation_limit: z.array(z.object({ type: participationLimitType })).optional(),
  target_user_info: z.object({ user_type: targetUserType }).optional(),
  discount: z
    .object({
      shipping_discount: shippingDiscountInput.optional(),
      bmsm_discount: z.object({ details: bmsmDetails }).optional(),
      gift_discount: giftDiscountInput.optional(),
    })
    .optional(),
};

type ActivityTiming = {
  begin_time: number;
  end_time: number;
  duration_type?: "NORMAL" | "INDEFINITE" | undefined;
};

function checkTiming(body: ActivityTiming, ctx: z.RefinementCtx) {
  if (body.duration_type !== "INDEFINITE" && body.end_time <= body.begin_time) {
    ctx.addIssue({ code: "custom", path: ["end_time"], message: "end_time must be after begin_time" });
  }
}

export const createActivityBody = z.object(activityShape).superRefine((body, ctx) => {
  checkTiming(body, ctx);
  if (body.activity_type === "SHIPPING_DISCOUNT" && body.product_level === "VARIATION") {
    ctx.addIssue({
      code: "custom",
      path: ["product_level"],
      message: "SHIPPING_DISCOUNT cannot use VARIATION",
    });
  }
  if (body.duration_type === "INDEFINITE" && body.activity_type !== "SHIPPING_DISCOUNT") {
    ctx.addIssue({
      code: "custom",
      path: ["duration_type"],
      message: "INDEFINITE is only for SHIPPING_DISCOUNT",
    });
  }
});

/** Update takes the create fields minus `activity_type`; title and times stay required. */
export const updateActivityBody = z
  .object(activityShape)
  .omit({ activity_type: true })
  .extend({ product_level: productLevel.optional() })
  .superRefine(checkTiming);

const activitySkuInput = z.object({
  id,
  /** VARIATION level, FIXED_PRICE or FLASHSALE. */
  activity_price_amount: decimal.optional(),
  /** Percent off as a string; VARIATION level, DIRECT_DISCOUNT. */
  discount: decimal.optional(),
  quantity_limit: quantityLimit.optional(),
  quantity_per_user: quantityLimit.optional(),
});

const activityProductInput = z.object({
  id,
  /** Deal price; required at PRODUCT level for FIXED_PRICE and FLASHSALE. */
  activity_price_amount: decimal.optional(),
  /** Percent off as a string; required at PRODUCT level for DIRECT_DISCOUNT, forbidden otherwise. */
  discount: decimal.optional(),
  /** Must be -1 at VARIATION level; may not be lowered once set. */
  quantity_limit: quantityLimit.optional(),
  quantity_per_user: quantityLimit.optional(),
  /** Empty at PRODUCT level. */
  skus: z.array(activitySkuInput).optional(),
});

/** Adds or edits (upsert) up to 300 products, and at most 300 SKUs in all, per call. */
export const updateActivityProductBody = z
  .object({ activity_id: id, products: z.array(activityProductInput).min(1).max(300) })
  .superRefine((body, ctx) => {
    const skuCount = body.products.reduce((sum, item) => sum + (item.skus?.length ?? 0), 0);
    if (skuCount > 300) {
      ctx.addIssue({
        code: "custom",
        path: ["products"],
        message: `at most 300 SKUs per call (got ${skuCount})`,
      });
    }
  });

// ---------------------------------------------------------------------------------------------
// Response objects
// ---------------------------------------------------------------------------------------------

const str = z.string().optional();
const int = z.number().int().optional();
const time = unixSeconds.optional();
const responseLimit = z.number().int().optional();

export const activitySku = z.looseObject({
  id,
  activity_price: money.optional(),
  discount: str,
  quantity_limit: responseLimit,
  quantity_per_user: responseLimit,
});

export const activityProduct = z.looseObject({
  id,
  activity_price: money.optional(),
  /** Percent off, e.g. "10"; only DIRECT_DISCOUNT at PRODUCT level. */
  discount: str,
  /** 1-99, or -1 for no limit. */
  quantity_limit: responseLimit,
  quantity_per_user: responseLimit,
  /** Only at VARIATION level. */
  skus: z.array(activitySku).default([]),
});

const activityDiscount = z.looseObject({
  shipping_discount: z
    .looseObject({
      type: shippingDiscountType.or(z.string()).optional(),
      value: str,
      threshold_type: thresholdType.or(z.string()).optional(),
      threshold_value: str,
      shipping_method: shippingMethod.or(z.string()).optional(),
      inventory_type: inventoryType.or(z.string()).optional(),
      area_scope: z
        .looseObject({
          type: areaScopeType.or(z.string()).optional(),
          specific_areas: z.array(z.string()).default([]),
        })
        .optional(),
    })
    .optional(),
  bmsm_discount: z
    .looseObject({
      details: z
        .array(
          z.looseObject({
            tier: int,
            threshold_type: str,
            threshold_value: str,
            type: tierDiscountType.or(z.string()).optional(),
            value: str,
          }),
        )
        .default([]),
    })
    .optional(),
  gift_discount: z.looseObject({}).optional(),
});

const activityFields = {
  title: str,
  activity_type: activityType.or(z.string()).optional(),
  product_level: productLevel.or(z.string()).optional(),
  status: activityStatus.or(z.string()).optional(),
  begin_time: time,
  end_time: time,
  create_time: time,
  update_time: time,
  duration_type: durationType.or(z.string()).optional(),
  participation_limit: z
    .array(z.looseObject({ type: participationLimitType.or(z.string()).optional() }))
    .default([]),
  discount: activityDiscount.optional(),
  activity_commands: z.array(activityCommand.or(z.string())).default([]),
};

/** An activity as Get Activity returns it (keyed `activity_id`, with its products). */
export const activity = z.looseObject({
  activity_id: id,
  ...activityFields,
  target_user_info: z.looseObject({ user_type: targetUserType.or(z.string()).optional() }).optional(),
  /** Empty for price activities that ended more than 180 days ago. */
  products: z.array(activityProduct).default([]),
});
export type Activity = z.infer<typeof activity>;

/** An activity as Search Activities lists it: keyed `id`, without products. */
export const activitySummary = z.looseObject({ id, ...activityFields });

const moneyField = money.optional();

export const coupon = z.looseObject({
  id,
  title: str,
  status: couponStatus.or(z.string()).optional(),
  creation_source: couponCreationSource.or(z.string()).optional(),
  display_type: couponDisplayType.or(z.string()).optional(),
  display_channels: z.array(couponDisplayChannel.or(z.string())).default([]),
  product_scope: couponProductScope.or(z.string()).optional(),
  product_ids: z.array(z.string()).default([]),
  /** Letters and digits, 6-12 long. */
  promo_code: str,
  target_buyer_segment: targetBuyerSegment.or(z.string()).optional(),
  seller_tnc: str,
  live_tasks: z
    .array(
      z.looseObject({
        type: liveTaskType.or(z.string()).optional(),
        /** Seconds, as a string. */
        min_watch_time: str,
      }),
    )
    .default([]),
  claim_duration: z.looseObject({ start_time: int, end_time: int }).optional(),
  redemption_duration: z
    .looseObject({
      type: redemptionDurationType.or(z.string()).optional(),
      start_time: int,
      end_time: int,
      /** Days. */
      relative_time: int,
    })
    .optional(),
  discount: z
    .looseObject({
      type: couponDiscountType.or(z.string()).optional(),
      reduction_amount: moneyField,
      percentage: str,
      max_discount: moneyField,
    })
    .optional(),
  threshold: z
    .looseObject({ type: couponThresholdType.or(z.string()).optional(), min_spend: moneyField })
    .optional(),
  usage_limits: z
    .looseObject({ total_claim_limit: int, single_buyer_claim_limit: int, redemption_limit: int })
    .optional(),
  usage_stats: z.looseObject({ claimed_count: int, redeemed_count: int }).optional(),
  // Documented as Unix time, but the doc samples are in milliseconds.
  create_time: int,
  update_time: int,
});
export type Coupon = z.infer<typeof coupon>;

// ---------------------------------------------------------------------------------------------
// Endpoints
// ---------------------------------------------------------------------------------------------

const activityParams = z.object({ activity_id: id });
const write = { cipher: "required", scope: scopes.promotionWrite } as const;
const read = { cipher: "required", scope: scopes.promotionRead } as const;

export const promotion = {
  createActivity: endpoint({
    ...write,
    name: "createActivity",
    summary: "Creates a discount, flash-sale, shipping or buy-more activity (products are added afterwards).",
    method: "POST",
    path: "/promotion/202309/activities",
    body: createActivityBody,
    response: z.looseObject({
      activity_id: id,
      status: activityStatus.or(z.string()).optional(),
      create_time: time,
      update_time: time,
    }),
  }),
  updateActivity: endpoint({
    ...write,
    name: "updateActivity",
    summary: "Changes an activity's title, times, limits or discount (not its type).",
    method: "PUT",
    path: "/promotion/202309/activities/{activity_id}",
    safety: "write",
    params: activityParams,
    body: updateActivityBody,
    response: z.looseObject({ activity_id: id, title: str, update_time: time }),
  }),
  deactivateActivity: endpoint({
    ...write,
    name: "deactivateActivity",
    summary: "Ends an activity early.",
    method: "POST",
    path: "/promotion/202309/activities/{activity_id}/deactivate",
    params: activityParams,
    response: z.looseObject({
      activity_id: id,
      title: str,
      status: activityStatus.or(z.string()).optional(),
      update_time: time,
    }),
  }),
  getActivity: endpoint({
    ...read,
    name: "getActivity",
    summary: "One activity with its discount rules and products.",
    method: "GET",
    path: "/promotion/202309/activities/{activity_id}",
    params: activityParams,
    response: activity,
  }),
  searchActivities: endpoint({
    ...read,
    name: "searchActivities",
    summary: "Finds activities by status, type or exact title; paging travels in the body.",
    method: "POST",
    path: "/promotion/202309/activities/search",
    safety: "read",
    body: z.object({
      status: activityStatus.optional(),
      activity_type: activityType.optional(),
      /** Exact keyword; no fuzzy match. */
      activity_title: z.string().optional(),
      /** 0-100, default 50. */
      page_size: z.number().int().min(0).max(100).optional(),
      /** Empty or absent for the first page. */
      page_token: z.string().optional(),
    }),
    response: z.looseObject({ activities: z.array(activitySummary).default([]), ...pageInfo }),
    pagination: { tokenIn: "body", items: "activities" },
  }),
  updateActivityProduct: endpoint({
    ...write,
    name: "updateActivityProduct",
    summary: "Adds products or SKUs to an activity, or edits the ones already in it.",
    method: "PUT",
    path: "/promotion/202309/activities/{activity_id}/products",
    safety: "write",
    params: activityParams,
    body: updateActivityProductBody,
    response: z.looseObject({
      activity_id: id,
      status: activityStatus.or(z.string()).optional(),
      title: str,
      /** Products (PRODUCT level) or SKUs (VARIATION level) in the request. */
      total_count: int,
      update_time: time,
    }),
  }),
  removeActivityProduct: endpoint({
    ...write,
    name: "removeActivityProduct",
    summary: "Takes products or SKUs out of an activity (DELETE with a JSON body).",
    method: "DELETE",
    path: "/promotion/202309/activities/{activity_id}/products",
    params: activityParams,
    body: z
      .object({
        product_ids: z.array(id).max(300).optional(),
        sku_ids: z.array(id).max(300).optional(),
      })
      .refine((body) => (body.product_ids?.length ?? 0) + (body.sku_ids?.length ?? 0) > 0, {
        message: "send product_ids or sku_ids",
      }),
    response: z.looseObject({
      activity_id: id,
      status: activityStatus.or(z.string()).optional(),
      update_time: time,
    }),
  }),
  getCoupon: endpoint({
    ...read,
    name: "getCoupon",
    summary: "One coupon with its channels, products, limits and usage.",
    method: "GET",
    path: "/promotion/202406/coupons/{coupon_id}",
    params: z.object({ coupon_id: id }),
    response: z.looseObject({ coupon: coupon.optional() }),
  }),
  searchCoupons: endpoint({
    ...read,
    name: "searchCoupons",
    summary: "Finds coupons by status, display type or title keyword (coupons cannot be created by API).",
    method: "POST",
    path: "/promotion/202406/coupons/search",
    safety: "read",
    query: z.object(pageQuery({ max: 100, required: false })),
    body: z.object({
      status: z.array(couponStatus).optional(),
      display_type: z.array(couponDisplayType).optional(),
      /** Exact keyword, 1-100 characters. */
      title_keyword: z.string().min(1).max(100).optional(),
    }),
    response: z.looseObject({ coupons: z.array(coupon).default([]), ...pageInfo }),
    pagination: { tokenIn: "query", items: "coupons" },
  }),
};
