import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ShopView } from "@tts-kit/auth";
import {
  Banner,
  Button,
  Card,
  cx,
  ErrorState,
  formatDateTime,
  formatMoney,
  LoadingState,
  PageHeader,
  StatusBadge,
  useToast,
} from "@tts-kit/ui";
import { useEffect, useMemo, useRef, useState } from "react";
import { catalogApi, type ProductDetail, type ProductSku, type StockResult } from "../../catalog-api.ts";
import { productStatus } from "./status.ts";
import { priceError, stockError } from "./validation.ts";

type StockDraft = Record<string, Record<string, string>>;
type PriceDraft = Record<string, string>;

const cellInput = cx(
  "h-8 w-24 rounded-lg border bg-surface px-2 text-right text-sm text-fg tabular-nums outline-none",
  "focus:border-focus focus:outline-1 focus:outline-focus",
);

function skuLabel(sku: ProductSku): string {
  return sku.name || sku.sellerSku || sku.id;
}

function stockOf(sku: ProductSku, warehouseId: string): string {
  const row = sku.inventory.find((r) => r.warehouseId === warehouseId);
  return row ? String(row.available) : "";
}

/** The drafts as the product now is, keeping what the seller typed for the SKUs listed in `keep`. */
function draftsFrom(detail: ProductDetail, keepStock: StockDraft, keepPrices: PriceDraft) {
  const stock: StockDraft = {};
  const prices: PriceDraft = {};
  for (const sku of detail.product.skus) {
    stock[sku.id] =
      keepStock[sku.id] ?? Object.fromEntries(detail.warehouses.map((w) => [w.id, stockOf(sku, w.id)]));
    prices[sku.id] = keepPrices[sku.id] ?? sku.price ?? "";
  }
  return { stock, prices };
}

/**
 * One product (CAT-POST-INVENTORY, CAT-POST-PRICE): every SKU with its price and its stock in each
 * sales warehouse, as TikTok has them now (Get Product and Inventory Search). The seller edits any
 * cells and saves stock or prices; bad cells are flagged and nothing is sent, and SKUs TikTok
 * refuses are listed with TikTok's reason while the others are saved.
 */
export function ProductPage({
  shop,
  productId,
  href,
}: {
  shop: ShopView;
  productId: string;
  href: (path: string) => string;
}) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const detail = useQuery({
    queryKey: ["product", shop.id, productId],
    queryFn: () => catalogApi.product(shop.id, productId),
    refetchOnWindowFocus: false,
  });
  const [stock, setStock] = useState<StockDraft>({});
  const [prices, setPrices] = useState<PriceDraft>({});
  const [stockResult, setStockResult] = useState<StockResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [showErrors, setShowErrors] = useState(false);
  // SKUs whose typed values survive the next reload (TikTok refused them; the seller may fix them).
  const keep = useRef<{ stock: StockDraft; prices: PriceDraft }>({ stock: {}, prices: {} });

  useEffect(() => {
    if (!detail.data) return;
    const next = draftsFrom(detail.data, keep.current.stock, keep.current.prices);
    keep.current = { stock: {}, prices: {} };
    setStock(next.stock);
    setPrices(next.prices);
  }, [detail.data]);

  const data = detail.data;
  // TikTok gives the currency with each price; a product without prices falls back to the market's.
  const productCurrency = data?.product.currency ?? (shop.region === "GB" ? "GBP" : "USD");

  const changedStock = useMemo(
    () =>
      (data?.product.skus ?? []).filter((sku) =>
        (data?.warehouses ?? []).some((w) => (stock[sku.id]?.[w.id] ?? "") !== stockOf(sku, w.id)),
      ),
    [data, stock],
  );
  const changedPrices = useMemo(
    () => (data?.product.skus ?? []).filter((sku) => (prices[sku.id] ?? "") !== (sku.price ?? "")),
    [data, prices],
  );

  /** The cells a save would send: every warehouse the SKU is stocked in, plus any the seller filled. */
  const stockCells = (sku: ProductSku) =>
    (data?.warehouses ?? []).filter(
      (w) => sku.inventory.some((r) => r.warehouseId === w.id) || (stock[sku.id]?.[w.id] ?? "").trim() !== "",
    );
  const stockProblem = (sku: ProductSku, warehouseId: string) => {
    const value = stock[sku.id]?.[warehouseId] ?? "";
    const stocked = sku.inventory.some((r) => r.warehouseId === warehouseId);
    if (!stocked && value.trim() === "") return null;
    return stockError(value);
  };

  const saveStock = useMutation({
    mutationFn: () => {
      const bad = changedStock.some((sku) => stockCells(sku).some((w) => stockProblem(sku, w.id)));
      if (bad)
        throw new Error("Some stock cells are not valid: fix the highlighted cells. Nothing was sent.");
      return catalogApi.updateStock(
        shop.id,
        productId,
        changedStock.map((sku) => ({
          id: sku.id,
          inventory: stockCells(sku).map((w) => ({
            warehouseId: w.id,
            quantity: stock[sku.id]?.[w.id] ?? "",
          })),
        })),
      );
    },
    onMutate: () => {
      setShowErrors(true);
      setFailure(null);
      setStockResult(null);
    },
    onSuccess: async (result) => {
      setStockResult(result);
      const refused = new Set(result.errors.map((e) => e.skuId));
      keep.current.stock = Object.fromEntries(Object.entries(stock).filter(([skuId]) => refused.has(skuId)));
      keep.current.prices = prices;
      if (result.updated.length > 0) {
        toast.success(
          `Stock saved for ${result.updated.length} SKU${result.updated.length === 1 ? "" : "s"}.`,
        );
      }
      await queryClient.invalidateQueries({ queryKey: ["product", shop.id, productId] });
      await queryClient.invalidateQueries({ queryKey: ["products", shop.id] });
    },
    onError: (error) => setFailure(error.message),
  });

  const savePrices = useMutation({
    mutationFn: () => {
      const bad = changedPrices.some((sku) => priceError(prices[sku.id] ?? "", productCurrency));
      if (bad) throw new Error("Some prices are not valid: fix the highlighted cells. Nothing was sent.");
      return catalogApi.updatePrices(
        shop.id,
        productId,
        changedPrices.map((sku) => ({ id: sku.id, price: (prices[sku.id] ?? "").trim() })),
      );
    },
    onMutate: () => {
      setShowErrors(true);
      setFailure(null);
      setStockResult(null);
    },
    onSuccess: async (result) => {
      keep.current.stock = stock;
      toast.success(
        `Prices saved for ${result.updated.length} SKU${result.updated.length === 1 ? "" : "s"}.`,
      );
      await queryClient.invalidateQueries({ queryKey: ["product", shop.id, productId] });
      await queryClient.invalidateQueries({ queryKey: ["products", shop.id] });
    },
    onError: (error) => setFailure(error.message),
  });

  if (detail.isPending) return <LoadingState label="Loading the product from TikTok Shop" />;
  if (detail.error || !data) {
    return (
      <ErrorState
        title="Could not load this product"
        message={detail.error?.message ?? "Unknown error"}
        onRetry={() => detail.refetch()}
      />
    );
  }

  const status = productStatus(data.product.status);
  const errorsBySku = new Map((stockResult?.errors ?? []).map((e) => [e.skuId, e]));
  const skuById = new Map(data.product.skus.map((sku) => [sku.id, sku]));
  const warehouseName = (id: string | null) => data.warehouses.find((w) => w.id === id)?.name ?? id;
  const busy = saveStock.isPending || savePrices.isPending;

  return (
    <>
      <PageHeader
        title={data.product.title || "(untitled)"}
        titleMeta={<StatusBadge tone={status.tone}>{status.label}</StatusBadge>}
        subtitle={`Product ${data.product.id} · updated ${formatDateTime(data.product.updateTime)}`}
        breadcrumbs={[{ label: "Products", href: href("/products") }]}
      />
      {data.product.status !== "ACTIVATE" && (
        <Banner tone="warning" title="This product is not live">
          TikTok Shop only takes stock and price changes for live products.
        </Banner>
      )}
      {failure && (
        <Banner tone="critical" title="Nothing was saved" role="alert" onDismiss={() => setFailure(null)}>
          {failure}
        </Banner>
      )}
      {stockResult && stockResult.errors.length > 0 && (
        <Banner
          tone="critical"
          role="alert"
          title={`TikTok Shop refused the stock of ${stockResult.errors.length} SKU${stockResult.errors.length === 1 ? "" : "s"}`}
        >
          <p>
            {stockResult.updated.length > 0
              ? `The other ${stockResult.updated.length} SKU${stockResult.updated.length === 1 ? " was" : "s were"} saved. `
              : "No SKU was saved. "}
            Your values for the refused SKUs are kept below.
          </p>
          <ul className="mt-1 list-disc pl-5">
            {stockResult.errors.map((error) => {
              const sku = skuById.get(error.skuId);
              return (
                <li key={`${error.skuId}:${error.warehouseId}:${error.code}`}>
                  {sku ? skuLabel(sku) : error.skuId || "A SKU"}
                  {error.warehouseId ? ` (${warehouseName(error.warehouseId)})` : ""}: {error.message} (code{" "}
                  {error.code})
                </li>
              );
            })}
          </ul>
        </Banner>
      )}
      <Card
        title="Prices and stock"
        description="Stock is what buyers can order from each sales warehouse; committed units are reserved by orders not shipped yet."
        actions={
          <div className="flex gap-2">
            <Button
              variant="secondary"
              isDisabled={busy || (changedStock.length === 0 && changedPrices.length === 0)}
              onPress={() => {
                setShowErrors(false);
                setStockResult(null);
                setFailure(null);
                const next = draftsFrom(data, {}, {});
                setStock(next.stock);
                setPrices(next.prices);
              }}
            >
              Discard changes
            </Button>
            <Button
              variant="secondary"
              isDisabled={changedPrices.length === 0 || busy}
              isPending={savePrices.isPending}
              onPress={() => savePrices.mutate()}
            >
              Save prices{changedPrices.length > 0 ? ` (${changedPrices.length})` : ""}
            </Button>
            <Button
              variant="primary"
              isDisabled={changedStock.length === 0 || busy}
              isPending={saveStock.isPending}
              onPress={() => saveStock.mutate()}
            >
              Save stock{changedStock.length > 0 ? ` (${changedStock.length})` : ""}
            </Button>
          </div>
        }
      >
        <div className="overflow-x-auto">
          <table className="w-full text-sm" aria-label="SKUs">
            <thead>
              <tr className="border-b border-line text-left text-fg-muted">
                <th scope="col" className="py-2 pr-3 font-medium">
                  SKU
                </th>
                <th scope="col" className="py-2 pr-3 text-right font-medium">
                  Price ({productCurrency})
                </th>
                {data.warehouses.map((w) => (
                  <th key={w.id} scope="col" className="py-2 pr-3 text-right font-medium">
                    Stock · {w.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.product.skus.map((sku) => {
                const label = skuLabel(sku);
                const priceDraft = prices[sku.id] ?? "";
                const priceChanged = priceDraft !== (sku.price ?? "");
                const priceProblem = priceChanged ? priceError(priceDraft, productCurrency) : null;
                const refused = errorsBySku.get(sku.id);
                return (
                  <tr key={sku.id} className="border-b border-line align-top">
                    <th scope="row" className="py-2 pr-3 text-left font-normal">
                      <div className="font-medium">{label}</div>
                      <div className="text-xs text-fg-muted">
                        {sku.sellerSku ? `Seller SKU ${sku.sellerSku} · ` : ""}
                        <span className="font-mono">{sku.id}</span>
                      </div>
                      {refused && (
                        <div className="mt-1 text-xs text-critical-fg" role="note">
                          Refused: {refused.message}
                        </div>
                      )}
                    </th>
                    <td className="py-2 pr-3 text-right">
                      <input
                        aria-label={`Price of ${label}`}
                        inputMode="decimal"
                        value={priceDraft}
                        aria-invalid={showErrors && priceProblem ? true : undefined}
                        onChange={(event) => setPrices((p) => ({ ...p, [sku.id]: event.target.value }))}
                        className={cx(
                          cellInput,
                          showErrors && priceProblem ? "border-critical-solid" : "border-line-strong",
                        )}
                      />
                      {sku.price && priceChanged && !priceProblem && (
                        <div className="text-xs text-fg-muted">
                          was {formatMoney(sku.price, productCurrency)}
                        </div>
                      )}
                      {sku.listPrice && (
                        <div className="text-xs text-fg-muted">
                          list {formatMoney(sku.listPrice, productCurrency)}
                        </div>
                      )}
                      {showErrors && priceProblem && (
                        <div className="text-xs text-critical-fg">{priceProblem}</div>
                      )}
                    </td>
                    {data.warehouses.map((w) => {
                      const row = sku.inventory.find((r) => r.warehouseId === w.id);
                      const problem = stockProblem(sku, w.id);
                      const changed = (stock[sku.id]?.[w.id] ?? "") !== stockOf(sku, w.id);
                      return (
                        <td key={w.id} className="py-2 pr-3 text-right">
                          <input
                            aria-label={`Stock of ${label} in ${w.name}`}
                            inputMode="numeric"
                            placeholder={row ? undefined : "not stocked"}
                            value={stock[sku.id]?.[w.id] ?? ""}
                            aria-invalid={(showErrors || changed) && problem ? true : undefined}
                            onChange={(event) =>
                              setStock((s) => ({
                                ...s,
                                [sku.id]: { ...s[sku.id], [w.id]: event.target.value },
                              }))
                            }
                            className={cx(
                              cellInput,
                              (showErrors || changed) && problem
                                ? "border-critical-solid"
                                : "border-line-strong",
                            )}
                          />
                          {row && row.committed > 0 && (
                            <div className="text-xs text-fg-muted">{row.committed} committed</div>
                          )}
                          {(showErrors || changed) && problem && (
                            <div className="text-xs text-critical-fg">{problem}</div>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Card>
    </>
  );
}
