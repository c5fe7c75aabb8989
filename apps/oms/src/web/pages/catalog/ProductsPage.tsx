import { useQuery } from "@tanstack/react-query";
import type { ShopView } from "@tts-kit/auth";
import {
  Button,
  columnHelper,
  createTableState,
  DataTable,
  type DataTableState,
  formatMoney,
  formatRelative,
  PageHeader,
  StatusBadge,
  TextLink,
  withFilters,
} from "@tts-kit/ui";
import { useMemo, useState } from "react";
import { catalogApi, type ProductRow } from "../../catalog-api.ts";
import { PRODUCT_STATUSES, productStatus } from "./status.ts";

const STOCK_FILTERS = [
  { value: "out", label: "A SKU is out of stock" },
  { value: "low", label: "Low on stock" },
];

function priceRange(row: ProductRow): string {
  if (!row.currency || !row.minPrice) return "—";
  const low = formatMoney(row.minPrice, row.currency);
  return row.maxPrice && row.maxPrice !== row.minPrice
    ? `${low} – ${formatMoney(row.maxPrice, row.currency)}`
    : low;
}

/**
 * The shop's products from the app's mirror (CAT-POST-SEARCH): search by title, product or SKU id
 * or seller SKU, filter by status or stock, and open a product to change its stock and prices.
 */
export function ProductsPage({ shop, href }: { shop: ShopView; href: (path: string) => string }) {
  const [state, setState] = useState<DataTableState>(() => createTableState({ pageSize: 50 }));
  const page = state.page.mode === "offset" ? state.page.index + 1 : 1;
  const filter = (id: string) =>
    typeof state.filters[id] === "string" ? (state.filters[id] as string) : undefined;
  const query = {
    page,
    pageSize: state.page.size,
    q: filter("q"),
    status: filter("status"),
    stock: filter("stock"),
  };
  const products = useQuery({
    queryKey: ["products", shop.id, query],
    queryFn: () => catalogApi.products(shop.id, query),
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[1] === shop.id ? previous : undefined,
    // The mirror fills by polling after a shop connects; webhooks keep it current afterwards.
    refetchInterval: 30_000,
  });
  const lowStockUnits = products.data?.lowStockUnits ?? 5;

  const columns = useMemo(() => {
    const col = columnHelper<ProductRow>();
    return [
      col.accessor("title", {
        header: "Product",
        cell: (info) => (
          <div className="flex min-w-0 flex-col">
            <TextLink href={href(`/products/${info.row.original.id}`)} className="truncate">
              {info.getValue() || "(untitled)"}
            </TextLink>
            <span className="font-mono text-xs text-fg-muted">{info.row.original.id}</span>
          </div>
        ),
      }),
      col.accessor("status", {
        header: "Status",
        cell: (info) => {
          const status = productStatus(info.getValue());
          return <StatusBadge tone={status.tone}>{status.label}</StatusBadge>;
        },
      }),
      col.accessor("skuCount", { header: "SKUs", meta: { align: "end" } }),
      col.accessor("minPrice", {
        header: "Price",
        meta: { align: "end" },
        cell: (info) => priceRange(info.row.original),
      }),
      col.accessor("totalStock", {
        header: "Stock",
        meta: { align: "end" },
        cell: (info) => {
          const row = info.row.original;
          return (
            <span className="inline-flex items-center gap-2">
              {row.minSkuStock === 0 ? (
                <StatusBadge tone="critical">Out of stock</StatusBadge>
              ) : row.minSkuStock <= lowStockUnits ? (
                <StatusBadge tone="warning">Low</StatusBadge>
              ) : null}
              {info.getValue().toLocaleString()}
            </span>
          );
        },
      }),
      col.accessor("updateTime", { header: "Updated", cell: (info) => formatRelative(info.getValue()) }),
    ];
  }, [href, lowStockUnits]);

  const attention = products.data;
  return (
    <>
      <PageHeader
        title="Products"
        subtitle={`${shop.name} · as TikTok Shop reports them, kept current by webhooks and polling`}
      />
      {attention && (attention.outOfStock > 0 || attention.lowStock > 0) && (
        <div className="mb-3 flex flex-wrap items-center gap-2 text-sm">
          <span className="text-fg-muted">Stock alerts:</span>
          <Button
            variant="secondary"
            size="sm"
            onPress={() => setState((s) => withFilters(s, { ...s.filters, stock: "out" }))}
          >
            {attention.outOfStock} with a SKU out of stock
          </Button>
          <Button
            variant="secondary"
            size="sm"
            onPress={() => setState((s) => withFilters(s, { ...s.filters, stock: "low" }))}
          >
            {attention.lowStock} low on stock (≤ {lowStockUnits} units)
          </Button>
        </div>
      )}
      <DataTable
        label="Products"
        columns={columns}
        data={products.data?.products}
        getRowId={(row) => row.id}
        state={state}
        onStateChange={setState}
        totalRows={products.data?.total}
        isLoading={products.isPending}
        isFetching={products.isFetching}
        error={products.error}
        onRetry={() => products.refetch()}
        filters={[
          {
            type: "search",
            id: "q",
            label: "Search products",
            placeholder: "Title, product or SKU id, seller SKU",
          },
          {
            type: "select",
            id: "status",
            label: "Status",
            options: PRODUCT_STATUSES,
            allLabel: "All but deleted",
          },
          { type: "select", id: "stock", label: "Stock", options: STOCK_FILTERS, allLabel: "Any stock" },
        ]}
        emptyState={{
          title: "No products found",
          description: "Products appear here once TikTok Shop reports them; check the search and filters.",
        }}
      />
    </>
  );
}
