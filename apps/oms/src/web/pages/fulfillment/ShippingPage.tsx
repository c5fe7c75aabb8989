import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ShopView } from "@tts-kit/auth";
import {
  Banner,
  Button,
  Card,
  ErrorState,
  LoadingState,
  PageHeader,
  StatusBadge,
  TextLink,
  useToast,
} from "@tts-kit/ui";
import Papa from "papaparse";
import { useEffect, useMemo, useState } from "react";
import {
  type BatchView,
  fulfillmentApi,
  type PdfFile,
  saveFile,
  type WorkspaceRow,
} from "../../fulfillment-api.ts";
import { Countdown, inputClass, SetupIssues, ShipBy, useNow } from "./parts.tsx";

const MAX_BATCH = 200;
const STATES = [
  { id: "ready", label: "Ready to ship" },
  { id: "on_hold", label: "On hold" },
  { id: "awaiting_collection", label: "Awaiting collection" },
] as const;

/**
 * /shipping: the awaiting-shipment workspace. Orders soonest-due first with ship-by countdowns;
 * select many, type or paste (CSV) their tracking numbers and ship up to 200 in one background
 * batch with a per-order result; print merged labels, a pick list and packing slips; combine
 * orders TikTok allows to share a box.
 */
export function ShippingPage({ shop, href }: { shop: ShopView; href: (path: string) => string }) {
  const now = useNow();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [state, setState] = useState<(typeof STATES)[number]["id"]>("ready");
  const [mode, setMode] = useState<"all" | "3PL" | "4PL">("all");
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [selected, setSelected] = useState<string[]>([]);
  const [tracking, setTracking] = useState<Record<string, string>>({});
  const [confirmUnusual, setConfirmUnusual] = useState(false);
  const [batchId, setBatchId] = useState<string | null>(null);

  const queue = useQuery({
    queryKey: ["shipping", shop.id, state, mode, search, page, pageSize],
    queryFn: () =>
      fulfillmentApi.queue(shop.id, { state, mode, page, pageSize, ...(search ? { q: search } : {}) }),
    refetchInterval: 30_000,
  });
  const setup = useQuery({
    queryKey: ["shipping-setup", shop.id],
    queryFn: () => fulfillmentApi.setup(shop.id),
  });
  const batch = useQuery({
    queryKey: ["batch", shop.id, batchId],
    queryFn: () => fulfillmentApi.batch(shop.id, batchId!),
    enabled: batchId !== null,
    refetchInterval: (query) => (query.state.data?.batch.status === "done" ? false : 1000),
  });
  useEffect(() => {
    if (batch.data?.batch.status === "done")
      void queryClient.invalidateQueries({ queryKey: ["shipping", shop.id] });
  }, [batch.data?.batch.status, queryClient, shop.id]);

  const rows = queue.data?.orders ?? [];
  const selectedRows = useMemo(() => rows.filter((r) => selected.includes(r.id)), [rows, selected]);
  const toggle = (id: string, on: boolean) =>
    setSelected((current) => (on ? [...new Set([...current, id])] : current.filter((x) => x !== id)));

  const ship = useMutation({
    mutationFn: () => {
      const items = selectedRows
        .filter((row) => row.mode === "3PL" && row.status !== "ON_HOLD")
        .map((row) => ({ orderId: row.id, trackingNumber: tracking[row.id] ?? "" }));
      if (items.length === 0) throw new Error("Select orders shipped by you (3PL) that are ready to ship.");
      if (items.length > MAX_BATCH) throw new Error(`Ship at most ${MAX_BATCH} orders at a time.`);
      const missing = items.filter((i) => i.trackingNumber.trim() === "");
      if (missing.length > 0)
        throw new Error(`Enter a tracking number for ${missing.map((m) => m.orderId).join(", ")}.`);
      return fulfillmentApi.createBatch(shop.id, items, confirmUnusual);
    },
    onSuccess: ({ batch: created }) => {
      setBatchId(created.id);
      setSelected([]);
      toast.success(`Shipping ${created.total} orders in the background.`);
    },
    onError: (error) => toast.error(error.message),
  });

  const documents = useMutation({
    mutationFn: async (kind: "labels" | "pick" | "slips"): Promise<PdfFile> => {
      if (selectedRows.length === 0) throw new Error("Select orders first.");
      if (kind === "labels")
        return fulfillmentApi.labels(shop.id, [...new Set(selectedRows.flatMap((r) => r.packageIds))]);
      const ids = selectedRows.map((r) => r.id);
      return kind === "pick"
        ? fulfillmentApi.pickList(shop.id, ids)
        : fulfillmentApi.packingSlips(shop.id, ids);
    },
    onSuccess: (file) => {
      saveFile(file);
      const skipped = JSON.parse(decodeURIComponent(file.headers.get("x-labels-skipped") ?? "[]")) as Array<{
        packageId: string;
        reason: string;
      }>;
      if (skipped.length > 0) toast.error(`No label yet for ${skipped.map((s) => s.packageId).join(", ")}.`);
    },
    onError: (error) => toast.error(error.message),
  });

  return (
    <>
      <PageHeader
        title="Shipping"
        subtitle={`${shop.name} · orders waiting to ship, soonest due first`}
        secondaryActions={[
          { label: "Scan to ship", href: href("/shipping/scan") },
          { label: "Shipping rules", href: href("/shipping/rules") },
        ]}
      />
      <div className="space-y-4">
        {setup.data ? (
          <>
            <SetupIssues issues={setup.data.issues} href={href} />
            {setup.data.ready ? (
              <p className="text-sm text-fg-muted" role="status">
                Seller shipping is set up: default warehouse {setup.data.defaultWarehouse?.name}, carriers
                mapped for{" "}
                {setup.data.sellerShipping.map((s) => `${s.warehouseName} (${s.carrier})`).join(", ")}.
              </p>
            ) : null}
            <p className="text-xs text-fg-muted">{setup.data.templatesNote}</p>
          </>
        ) : null}

        <fieldset className="flex flex-wrap items-end gap-3">
          <legend className="sr-only">Filters</legend>
          <div className="flex gap-1">
            {STATES.map((s) => (
              <Button
                key={s.id}
                variant={state === s.id ? "primary" : "secondary"}
                aria-pressed={state === s.id}
                onPress={() => {
                  setState(s.id);
                  setPage(1);
                  setSelected([]);
                }}
              >
                {s.label}
              </Button>
            ))}
          </div>
          <label className="flex flex-col gap-1 text-sm font-medium" htmlFor="ship-mode">
            Shipping
            <select
              id="ship-mode"
              className={inputClass}
              value={mode}
              onChange={(event) => {
                setMode(event.target.value as typeof mode);
                setPage(1);
              }}
            >
              <option value="all">All</option>
              <option value="3PL">Shipped by you (3PL)</option>
              <option value="4PL">TikTok Shipping (4PL)</option>
            </select>
          </label>
          <label className="flex flex-col gap-1 text-sm font-medium" htmlFor="ship-search">
            Order id
            <input
              id="ship-search"
              className={inputClass}
              value={search}
              onChange={(event) => {
                setSearch(event.target.value.replace(/[^0-9A-Za-z_-]/g, ""));
                setPage(1);
              }}
              placeholder="Starts with…"
            />
          </label>
          <label className="flex flex-col gap-1 text-sm font-medium" htmlFor="ship-page-size">
            Per page
            <select
              id="ship-page-size"
              className={inputClass}
              value={pageSize}
              onChange={(event) => {
                setPageSize(Number(event.target.value));
                setPage(1);
              }}
            >
              {[50, 100, 200].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
        </fieldset>

        <CsvPaste
          rows={rows}
          onApply={(entries) => {
            setTracking((current) => ({ ...current, ...Object.fromEntries(entries) }));
            setSelected((current) => [...new Set([...current, ...entries.map(([id]) => id)])]);
          }}
        />

        <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Selected orders">
          <span className="text-sm">{selected.length} selected</span>
          <Button
            variant="primary"
            onPress={() => ship.mutate()}
            isPending={ship.isPending}
            isDisabled={selected.length === 0}
          >
            Ship selected
          </Button>
          <Button onPress={() => documents.mutate("labels")} isDisabled={selected.length === 0}>
            Print labels
          </Button>
          <Button onPress={() => documents.mutate("pick")} isDisabled={selected.length === 0}>
            Pick list
          </Button>
          <Button onPress={() => documents.mutate("slips")} isDisabled={selected.length === 0}>
            Packing slips
          </Button>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={confirmUnusual}
              onChange={(e) => setConfirmUnusual(e.target.checked)}
            />
            Send tracking numbers that do not look like the carrier's
          </label>
        </div>

        {batch.data ? <BatchProgress batch={batch.data.batch} href={href} /> : null}

        {queue.isPending ? (
          <LoadingState label="Loading orders" />
        ) : queue.error ? (
          <ErrorState
            title="Could not load orders"
            message={queue.error.message}
            onRetry={() => queue.refetch()}
          />
        ) : rows.length === 0 ? (
          <Card>
            <p className="text-sm">No orders here.</p>
          </Card>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-line">
            <table className="w-full text-sm" aria-label="Orders to ship">
              <thead>
                <tr className="border-b border-line text-left text-fg-muted">
                  <th scope="col" className="p-2">
                    <input
                      type="checkbox"
                      aria-label="Select all orders on this page"
                      checked={rows.length > 0 && rows.every((r) => selected.includes(r.id))}
                      onChange={(event) =>
                        setSelected(event.target.checked ? rows.slice(0, MAX_BATCH).map((r) => r.id) : [])
                      }
                    />
                  </th>
                  <th scope="col" className="p-2">
                    Order
                  </th>
                  <th scope="col" className="p-2">
                    Ship by
                  </th>
                  <th scope="col" className="p-2">
                    Items
                  </th>
                  <th scope="col" className="p-2">
                    Shipping
                  </th>
                  <th scope="col" className="p-2">
                    Tracking number
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id} className="border-b border-line align-top" data-order={row.id}>
                    <td className="p-2">
                      <input
                        type="checkbox"
                        aria-label={`Select order ${row.id}`}
                        checked={selected.includes(row.id)}
                        onChange={(event) => toggle(row.id, event.target.checked)}
                      />
                    </td>
                    <td className="p-2">
                      <TextLink className="underline" href={href(`/orders/${row.id}/fulfil`)}>
                        <span className="font-mono">{row.id}</span>
                      </TextLink>
                      {row.status === "ON_HOLD" && row.holdUntil ? (
                        <div className="text-warning-fg">
                          On hold ·{" "}
                          <Countdown until={row.holdUntil} now={now} label="ships in" over="releasing" />
                        </div>
                      ) : row.status === "PARTIALLY_SHIPPING" ? (
                        <div className="text-fg-muted">Partly shipped</div>
                      ) : null}
                    </td>
                    <td className="p-2">
                      <ShipBy shipBy={row.shipBy} now={now} />
                    </td>
                    <td className="p-2">{row.items}</td>
                    <td className="p-2">
                      <StatusBadge tone="neutral">{row.mode === "3PL" ? "By you" : "TikTok"}</StatusBadge>
                    </td>
                    <td className="p-2">
                      {row.mode === "3PL" && row.status !== "ON_HOLD" && state === "ready" ? (
                        <input
                          aria-label={`Tracking number for order ${row.id}`}
                          className={`${inputClass} w-56 font-mono`}
                          value={tracking[row.id] ?? ""}
                          onChange={(event) => {
                            setTracking((current) => ({ ...current, [row.id]: event.target.value }));
                            if (event.target.value) toggle(row.id, true);
                          }}
                        />
                      ) : (
                        <span className="font-mono">{row.trackingNumbers.join(", ") || "—"}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {queue.data && queue.data.total > pageSize ? (
          <div className="flex items-center gap-2 text-sm">
            <Button isDisabled={page <= 1} onPress={() => setPage((p) => p - 1)}>
              Previous
            </Button>
            <span>
              Page {page} of {Math.ceil(queue.data.total / pageSize)} · {queue.data.total} orders
            </span>
            <Button isDisabled={page * pageSize >= queue.data.total} onPress={() => setPage((p) => p + 1)}>
              Next
            </Button>
          </div>
        ) : null}

        <Combinable shop={shop} href={href} />
      </div>
    </>
  );
}

/** "order id, tracking number" lines pasted from a spreadsheet or a carrier's export. */
function CsvPaste({
  rows,
  onApply,
}: {
  rows: WorkspaceRow[];
  onApply: (entries: Array<[string, string]>) => void;
}) {
  const [text, setText] = useState("");
  const [report, setReport] = useState<string | null>(null);
  return (
    <details className="rounded-lg border border-line p-3">
      <summary className="cursor-pointer text-sm font-medium">Paste tracking numbers (CSV)</summary>
      <div className="mt-2 space-y-2">
        <label className="flex flex-col gap-1 text-sm font-medium" htmlFor="csv-paste">
          One order per line: order id, tracking number
          <textarea
            id="csv-paste"
            className="min-h-24 rounded-lg border border-line-strong bg-surface p-2 font-mono text-sm"
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        </label>
        <Button
          onPress={() => {
            const parsed = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true });
            const known = new Set(rows.map((r) => r.id));
            const entries: Array<[string, string]> = [];
            const unknown: string[] = [];
            for (const record of parsed.data) {
              const [orderId = "", trackingNumber = ""] = record.map((cell) => cell.trim());
              if (!/^\d+$/.test(orderId)) continue; // a header line
              if (known.has(orderId)) entries.push([orderId, trackingNumber]);
              else unknown.push(orderId);
            }
            onApply(entries);
            setReport(
              `${entries.length} tracking numbers applied.${unknown.length ? ` Not on this page: ${unknown.join(", ")}.` : ""}`,
            );
          }}
        >
          Apply
        </Button>
        {report ? (
          <p role="status" className="text-sm">
            {report}
          </p>
        ) : null}
      </div>
    </details>
  );
}

function BatchProgress({ batch, href }: { batch: BatchView; href: (path: string) => string }) {
  return (
    <Card>
      <section aria-label="Batch shipment" className="space-y-2">
        <h2 className="text-base font-semibold">
          {batch.status === "done" ? "Batch finished" : "Shipping in the background…"}
        </h2>
        <p role="status" className="text-sm">
          {batch.done} of {batch.total} done · {batch.shipped} shipped · {batch.failed} failed
        </p>
        <progress className="w-full" max={batch.total} value={batch.done} aria-label="Batch progress" />
        <table className="w-full text-sm" aria-label="Batch results">
          <thead>
            <tr className="border-b border-line text-left text-fg-muted">
              <th scope="col" className="p-1">
                Order
              </th>
              <th scope="col" className="p-1">
                Tracking number
              </th>
              <th scope="col" className="p-1">
                Result
              </th>
            </tr>
          </thead>
          <tbody>
            {batch.items.map((item) => (
              <tr key={item.orderId} className="border-b border-line align-top">
                <td className="p-1">
                  <TextLink className="underline" href={href(`/orders/${item.orderId}/fulfil`)}>
                    {item.orderId}
                  </TextLink>
                </td>
                <td className="p-1 font-mono">{item.trackingNumber}</td>
                <td className="p-1">
                  {item.status === "shipped" ? (
                    <span className="text-success-fg">
                      Shipped{item.carrier ? ` with ${item.carrier}` : ""}
                    </span>
                  ) : item.status === "failed" ? (
                    <span className="text-critical-fg">Failed: </span>
                  ) : (
                    "Waiting"
                  )}
                  {item.message ? <span>{item.message}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Card>
  );
}

/** ORD-COMBINE-3PL1: the groups TikTok allows to share a box, combined from here. */
function Combinable({ shop, href }: { shop: ShopView; href: (path: string) => string }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const groups = useQuery({
    queryKey: ["combinable", shop.id],
    queryFn: () => fulfillmentApi.combinable(shop.id),
  });
  const combine = useMutation({
    mutationFn: (group: { packageId: string; orderIds: string[] }) =>
      fulfillmentApi.combine(shop.id, group.packageId, group.orderIds),
    onSuccess: async ({ package: pkg }) => {
      toast.success(`Combined into package ${pkg.packageId}.`);
      await queryClient.invalidateQueries({ queryKey: ["combinable", shop.id] });
      await queryClient.invalidateQueries({ queryKey: ["shipping", shop.id] });
    },
    onError: (error) => toast.error(error.message),
  });
  return (
    <section aria-labelledby="combinable-title" className="space-y-2">
      <h2 id="combinable-title" className="text-lg font-semibold">
        Combinable orders
      </h2>
      {groups.isPending ? (
        <LoadingState label="Looking for combinable orders" />
      ) : groups.error ? (
        <Banner tone="critical" title="Could not load combinable orders">
          {groups.error.message}
        </Banner>
      ) : groups.data.groups.length === 0 ? (
        <p className="text-sm text-fg-muted">No orders can share a box right now.</p>
      ) : (
        <ul className="space-y-2">
          {groups.data.groups.map((group) => (
            <li key={group.packageId} className="flex flex-wrap items-center gap-2 text-sm">
              <span>
                Orders{" "}
                {group.orderIds.map((id, i) => (
                  <span key={id}>
                    {i > 0 ? ", " : ""}
                    <TextLink className="underline" href={href(`/orders/${id}/fulfil`)}>
                      {id}
                    </TextLink>
                  </span>
                ))}
              </span>
              <Button
                onPress={() => combine.mutate(group)}
                isPending={combine.isPending}
                aria-label={`Combine orders ${group.orderIds.join(" and ")}`}
              >
                Combine
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
