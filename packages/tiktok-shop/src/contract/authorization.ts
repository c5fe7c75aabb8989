import { z } from "zod";
import { empty, id } from "./common.ts";
import { endpoint } from "./define.ts";
import { scopes } from "./scopes.ts";

export const authorizedShop = z.looseObject({
  id,
  name: z.string(),
  region: z.string(),
  seller_type: z.enum(["CROSS_BORDER", "LOCAL"]).or(z.string()),
  cipher: z.string(),
  code: z.string(),
});

export const authorization = {
  getAuthorizedShops: endpoint({
    name: "getAuthorizedShops",
    summary: "Shops the access token is authorized for, with the cipher of each.",
    method: "GET",
    path: "/authorization/202309/shops",
    cipher: "refused",
    scope: null,
    response: z.looseObject({ shops: z.array(authorizedShop).default([]) }),
  }),
  getAuthorizedCategoryAssets: endpoint({
    name: "getAuthorizedCategoryAssets",
    summary: "Category assets a partner is authorized for.",
    method: "GET",
    path: "/authorization/202405/category_assets",
    cipher: "refused",
    scope: null,
    response: z.looseObject({
      category_assets: z
        .array(
          z.looseObject({
            cipher: z.string(),
            target_market: z.string().optional(),
            category: z.looseObject({ id: z.number().or(z.string()), name: z.string() }).optional(),
          }),
        )
        .default([]),
    }),
  }),
  deauthorizeShop: endpoint({
    name: "deauthorizeShop",
    summary: "Removes the app's authorization for the shop named by shop_cipher.",
    method: "DELETE",
    path: "/authorization/202403/shops",
    cipher: "required",
    scope: scopes.authorization,
    response: empty,
  }),
  getWidgetToken: endpoint({
    name: "getWidgetToken",
    summary: "A short-lived token for embedding TikTok Shop widgets.",
    method: "GET",
    path: "/authorization/202312/widget_token",
    cipher: "refused",
    scope: scopes.authorization,
    query: z.object({ shop_id: id }),
    response: z.looseObject({
      widget_token: z.looseObject({ token: z.string(), expire_at: z.number() }).optional(),
    }),
  }),
};

export const seller = {
  getActiveShops: endpoint({
    name: "getActiveShops",
    summary: "The seller's active shops.",
    method: "GET",
    path: "/seller/202309/shops",
    cipher: "refused",
    scope: scopes.shop,
    response: z.looseObject({
      shops: z.array(z.looseObject({ id, region: z.string() })).default([]),
    }),
  }),
  getSellerPermissions: endpoint({
    name: "getSellerPermissions",
    summary: "Seller-level permissions such as MANAGE_GLOBAL_PRODUCT.",
    method: "GET",
    path: "/seller/202309/permissions",
    cipher: "refused",
    scope: scopes.shop,
    response: z.looseObject({ permissions: z.array(z.string()).default([]) }),
  }),
};
