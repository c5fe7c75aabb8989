import { request } from "./api.ts";

/** The catalog's API as the SPA uses it (server: src/server/catalog/api.ts). */

export interface ProductRow {
  id: string;
  title: string;
  status: string;
  updateTime: number;
  currency: string | null;
  minPrice: string | null;
  maxPrice: string | null;
  skuCount: number;
  totalStock: number;
  minSkuStock: number;
}

export interface ProductList {
  products: ProductRow[];
  total: number;
  lowStockUnits: number;
  outOfStock: number;
  lowStock: number;
}

export interface ProductSku {
  id: string;
  sellerSku: string;
  name: string;
  price: string | null;
  listPrice: string | null;
  inventory: Array<{ warehouseId: string; available: number; committed: number }>;
}

export interface ProductDetail {
  product: {
    id: string;
    title: string;
    status: string;
    updateTime: number;
    currency: string | null;
    skus: ProductSku[];
  };
  warehouses: Array<{ id: string; name: string; isDefault: boolean }>;
  maxStock: number;
}

export interface StockUpdate {
  id: string;
  inventory: Array<{ warehouseId: string; quantity: string }>;
}

export interface StockResult {
  updated: string[];
  errors: Array<{ skuId: string; warehouseId: string | null; code: number; message: string }>;
}

export interface ProductQuery {
  page: number;
  pageSize: number;
  q?: string | undefined;
  status?: string | undefined;
  stock?: string | undefined;
}

export const catalogApi = {
  products: (shopId: string, query: ProductQuery) => {
    const params = new URLSearchParams({ page: String(query.page), page_size: String(query.pageSize) });
    if (query.q) params.set("q", query.q);
    if (query.status) params.set("status", query.status);
    if (query.stock) params.set("stock", query.stock);
    return request<ProductList>(`/catalog/${shopId}/products?${params}`);
  },
  product: (shopId: string, productId: string) =>
    request<ProductDetail>(`/catalog/${shopId}/products/${encodeURIComponent(productId)}`),
  updateStock: (shopId: string, productId: string, skus: StockUpdate[]) =>
    request<StockResult>(`/catalog/${shopId}/products/${encodeURIComponent(productId)}/inventory`, {
      method: "POST",
      body: JSON.stringify({ skus }),
    }),
  updatePrices: (shopId: string, productId: string, skus: Array<{ id: string; price: string }>) =>
    request<{ updated: Array<{ id: string; price: string; currency: string }> }>(
      `/catalog/${shopId}/products/${encodeURIComponent(productId)}/prices`,
      { method: "POST", body: JSON.stringify({ skus }) },
    ),
};
