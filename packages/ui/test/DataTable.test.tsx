import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { StatusBadge } from "../src/components/StatusBadge.tsx";
import { formatMoney } from "../src/format/money.ts";
import { columnHelper, DataTable, type DataTableProps } from "../src/table/DataTable.tsx";
import type { FilterDef } from "../src/table/FilterBar.tsx";
import { createTableState, type DataTableState } from "../src/table/state.ts";
import { expectNoAxeViolations } from "./axe.ts";

interface Order {
  id: string;
  buyer: string;
  total: string;
  status: string;
}

const col = columnHelper<Order>();
const columns = col.columns([
  col.accessor("id", { header: "Order", enableSorting: true }),
  col.accessor("buyer", { header: "Buyer" }),
  col.accessor("total", {
    header: "Total",
    enableSorting: true,
    meta: { align: "end", width: 120 },
    cell: (info) => formatMoney(info.getValue(), "USD", "en-US"),
  }),
  col.accessor("status", {
    header: "Status",
    cell: (info) => <StatusBadge tone="info">{info.getValue()}</StatusBadge>,
  }),
]);

function makeOrders(count: number, start = 0): Order[] {
  return Array.from({ length: count }, (_, i) => ({
    id: String(start + i + 1),
    buyer: `Buyer ${start + i + 1}`,
    total: `${start + i + 1}.50`,
    status: "AWAITING_SHIPMENT",
  }));
}

const filterDefs: FilterDef[] = [
  { type: "search", id: "q", label: "Search orders" },
  {
    type: "select",
    id: "status",
    label: "Status",
    options: [
      { value: "AWAITING_SHIPMENT", label: "Awaiting shipment" },
      { value: "SHIPPED", label: "Shipped" },
    ],
  },
];

type HarnessProps = Partial<Omit<DataTableProps<Order>, "state" | "onStateChange">> & {
  initial?: DataTableState;
  onState?: (state: DataTableState) => void;
};

function Harness({ initial, onState, ...props }: HarnessProps) {
  const [state, setState] = useState(initial ?? createTableState({ pageSize: 20 }));
  const [data] = useState(() => props.data ?? makeOrders(20));
  return (
    <DataTable<Order>
      label="Orders"
      columns={columns}
      getRowId={(row) => row.id}
      getRowLabel={(row) => `order ${row.id}`}
      {...props}
      data={props.data === undefined && "data" in props ? undefined : data}
      state={state}
      onStateChange={(next) => {
        onState?.(next);
        setState(next);
      }}
    />
  );
}

function ControlledSelection({ onChange }: { onChange: (ids: string[]) => void }) {
  const [ids, setIds] = useState<string[]>(["4"]);
  return (
    <Harness
      filters={filterDefs}
      selectable
      selectedIds={ids}
      onSelectedIdsChange={(next) => {
        onChange(next);
        setIds(next);
      }}
    />
  );
}

function bodyRows(): HTMLElement[] {
  const table = screen.getByRole("table", { name: "Orders" });
  const [, body] = within(table).getAllByRole("rowgroup");
  return within(body as HTMLElement).queryAllByRole("row");
}

describe("DataTable", () => {
  test("renders a labelled table with typed cells", () => {
    render(<Harness />);
    const table = screen.getByRole("table", { name: "Orders" });
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["Order", "Buyer", "Total", "Status"]);
    expect(within(table).getByText("$1.50")).toBeTruthy();
    expect(bodyRows()).toHaveLength(20);
    expect(bodyRows()[0]?.getAttribute("aria-rowindex")).toBe("2");
  });

  test("sorting cycles asc → desc → none through onStateChange and resets the page", async () => {
    const user = userEvent.setup();
    const onState = vi.fn();
    render(
      <Harness
        onState={onState}
        initial={{ ...createTableState({ pageSize: 20 }), page: { mode: "offset", index: 2, size: 20 } }}
      />,
    );
    // Only columns that opt in are sortable.
    expect(screen.queryByRole("button", { name: /Buyer/ })).toBeNull();
    const header = () => screen.getByRole("columnheader", { name: /Total/ });
    expect(header().getAttribute("aria-sort")).toBe("none");

    await user.click(screen.getByRole("button", { name: /Total/ }));
    expect(onState).toHaveBeenLastCalledWith(
      expect.objectContaining({
        sort: { id: "total", direction: "asc" },
        page: { mode: "offset", index: 0, size: 20 },
      }),
    );
    expect(header().getAttribute("aria-sort")).toBe("ascending");

    await user.click(screen.getByRole("button", { name: /Total/ }));
    expect(onState).toHaveBeenLastCalledWith(
      expect.objectContaining({ sort: { id: "total", direction: "desc" } }),
    );
    expect(header().getAttribute("aria-sort")).toBe("descending");

    await user.click(screen.getByRole("button", { name: /Total/ }));
    expect(onState).toHaveBeenLastCalledWith(expect.objectContaining({ sort: null }));
  });

  test("filters report through onStateChange and go back to the first page", async () => {
    const user = userEvent.setup();
    const onState = vi.fn();
    render(
      <Harness
        filters={filterDefs}
        onState={onState}
        initial={{ ...createTableState({ pageSize: 20 }), page: { mode: "offset", index: 3, size: 20 } }}
      />,
    );
    await user.click(screen.getByRole("button", { name: /Status/ }));
    await user.click(await screen.findByRole("option", { name: "Shipped" }));
    expect(onState).toHaveBeenLastCalledWith(
      expect.objectContaining({
        filters: { status: "SHIPPED" },
        page: { mode: "offset", index: 0, size: 20 },
      }),
    );

    await user.type(screen.getByRole("searchbox", { name: "Search orders" }), "alice");
    await waitFor(() =>
      expect(onState).toHaveBeenLastCalledWith(
        expect.objectContaining({ filters: { status: "SHIPPED", q: "alice" } }),
      ),
    );
    // Typing is debounced: one report for the whole word, not one per key.
    expect(onState.mock.calls.filter(([s]) => (s as DataTableState).filters.q !== undefined)).toHaveLength(1);

    await user.click(screen.getByRole("button", { name: "Clear all" }));
    expect(onState).toHaveBeenLastCalledWith(expect.objectContaining({ filters: {} }));
    expect((screen.getByRole("searchbox", { name: "Search orders" }) as HTMLInputElement).value).toBe("");
  });

  test("offset pagination: range text, next/previous, page size", async () => {
    const user = userEvent.setup();
    const onState = vi.fn();
    render(<Harness totalRows={45} onState={onState} />);
    const nav = screen.getByRole("navigation", { name: "Orders pagination" });
    expect(nav.textContent).toContain("1–20 of 45");
    expect(screen.getByRole("button", { name: "Previous page" }).hasAttribute("disabled")).toBe(true);

    await user.click(screen.getByRole("button", { name: "Next page" }));
    expect(onState).toHaveBeenLastCalledWith(
      expect.objectContaining({ page: { mode: "offset", index: 1, size: 20 } }),
    );
    expect(nav.textContent).toContain("21–40 of 45");

    await user.click(screen.getByRole("button", { name: "Next page" }));
    expect(nav.textContent).toContain("41–45 of 45");
    expect(screen.getByRole("button", { name: "Next page" }).hasAttribute("disabled")).toBe(true);

    await user.click(screen.getByRole("button", { name: "Previous page" }));
    expect(onState).toHaveBeenLastCalledWith(
      expect.objectContaining({ page: { mode: "offset", index: 1, size: 20 } }),
    );

    await user.click(screen.getByRole("button", { name: /Rows per page/ }));
    await user.click(await screen.findByRole("option", { name: "50" }));
    expect(onState).toHaveBeenLastCalledWith(
      expect.objectContaining({ page: { mode: "offset", index: 0, size: 50 } }),
    );
  });

  test("cursor pagination keeps the previous cursors for Previous", async () => {
    const user = userEvent.setup();
    const onState = vi.fn();
    const { rerender } = render(
      <Harness
        initial={createTableState({ pageSize: 20, mode: "cursor" })}
        nextCursor="c2"
        onState={onState}
      />,
    );
    expect(screen.getByRole("navigation", { name: "Orders pagination" }).textContent).toContain("Page 1");
    await user.click(screen.getByRole("button", { name: "Next page" }));
    expect(onState).toHaveBeenLastCalledWith(
      expect.objectContaining({ page: { mode: "cursor", size: 20, cursor: "c2", previous: [null] } }),
    );
    // Last page: the server returns no next cursor.
    rerender(
      <Harness
        initial={createTableState({ pageSize: 20, mode: "cursor" })}
        nextCursor={null}
        onState={onState}
      />,
    );
    expect(screen.getByRole("button", { name: "Next page" }).hasAttribute("disabled")).toBe(true);
    await user.click(screen.getByRole("button", { name: "Previous page" }));
    expect(onState).toHaveBeenLastCalledWith(
      expect.objectContaining({ page: { mode: "cursor", size: 20, cursor: null, previous: [] } }),
    );
  });

  test("row selection shows the bulk bar; the action gets the ids and rows", async () => {
    const user = userEvent.setup();
    const onAction = vi.fn().mockResolvedValue(undefined);
    render(<Harness bulkActions={[{ label: "Mark as shipped", onAction }]} />);
    expect(screen.queryByText(/selected$/)).toBeNull();

    await user.click(screen.getByRole("checkbox", { name: "Select order 1" }));
    await user.click(screen.getByRole("checkbox", { name: "Select order 2" }));
    await user.click(screen.getByRole("checkbox", { name: "Select order 3" }));
    expect(screen.getByText("3 selected")).toBeTruthy();
    expect(screen.getByText("3 rows selected")).toBeTruthy(); // polite live region
    const header = screen.getByRole("checkbox", { name: "Select all rows on this page" }) as HTMLInputElement;
    expect(header.indeterminate).toBe(true);

    await user.click(screen.getByRole("button", { name: "Mark as shipped" }));
    expect(onAction).toHaveBeenCalledTimes(1);
    const [ids, rows] = onAction.mock.calls[0] as [string[], Order[]];
    expect(ids).toEqual(["1", "2", "3"]);
    expect(rows.map((r) => r.buyer)).toEqual(["Buyer 1", "Buyer 2", "Buyer 3"]);
    await waitFor(() => expect(screen.queryByText("3 selected")).toBeNull());

    await user.click(header);
    expect(screen.getByText("20 selected")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Clear selection" }));
    expect(screen.queryByText("20 selected")).toBeNull();
  });

  test("controlled selection reports ids and follows the prop; a filter change clears it", async () => {
    const user = userEvent.setup();
    const onSelectedIdsChange = vi.fn();
    render(<ControlledSelection onChange={onSelectedIdsChange} />);
    expect((screen.getByRole("checkbox", { name: "Select order 4" }) as HTMLInputElement).checked).toBe(true);
    await user.click(screen.getByRole("checkbox", { name: "Select order 5" }));
    expect(onSelectedIdsChange).toHaveBeenLastCalledWith(["4", "5"]);
    expect(screen.getByText("2 selected")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: /Status/ }));
    await user.click(await screen.findByRole("option", { name: "Shipped" }));
    expect(onSelectedIdsChange).toHaveBeenLastCalledWith([]);
    expect(screen.queryByText("2 selected")).toBeNull();
  });

  test("shift-click selects a range", async () => {
    const user = userEvent.setup();
    render(<Harness selectable />);
    await user.click(screen.getByRole("checkbox", { name: "Select order 2" }));
    await user.keyboard("{Shift>}");
    await user.click(screen.getByRole("checkbox", { name: "Select order 6" }));
    await user.keyboard("{/Shift}");
    expect(screen.getByText("5 selected")).toBeTruthy();
  });

  test("empty, filtered-empty, loading and error states", async () => {
    const user = userEvent.setup();
    const onRetry = vi.fn();
    const onState = vi.fn();
    const { unmount } = render(
      <Harness
        data={[]}
        emptyState={{ title: "No orders yet", description: "Orders appear here once buyers pay." }}
      />,
    );
    expect(screen.getByText("No orders yet")).toBeTruthy();
    expect(screen.queryByRole("navigation", { name: "Orders pagination" })).toBeNull();
    unmount();

    const filtered = render(
      <Harness data={[]} onState={onState} initial={createTableState({ filters: { status: "SHIPPED" } })} />,
    );
    expect(screen.getByText("No results")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Clear filters" }));
    expect(onState).toHaveBeenLastCalledWith(expect.objectContaining({ filters: {} }));
    filtered.unmount();

    const loading = render(<Harness data={undefined} isLoading />);
    expect(screen.getByRole("table", { name: "Orders" }).getAttribute("aria-busy")).toBe("true");
    expect(bodyRows()).toHaveLength(0); // skeleton rows are hidden from assistive technology
    loading.unmount();

    render(<Harness data={undefined} error={new Error("Network is down")} onRetry={onRetry} />);
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("Couldn't load orders");
    expect(alert.textContent).toContain("Network is down");
    await user.click(within(alert).getByRole("button", { name: "Try again" }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  test("has no axe violations with selection, sorting and filters", async () => {
    const { container } = render(<Harness filters={filterDefs} totalRows={45} selectable />);
    await expectNoAxeViolations(container);
  });
});

describe("DataTable virtualization", () => {
  const ROW = 44;
  beforeEach(() => {
    // jsdom does no layout: give the scroll container a viewport height so the virtualizer has a window.
    Object.defineProperty(HTMLElement.prototype, "clientHeight", {
      configurable: true,
      get(this: HTMLElement) {
        return this.hasAttribute("data-kit-table-scroll") ? 440 : 0;
      },
    });
  });
  afterEach(() => {
    Reflect.deleteProperty(HTMLElement.prototype, "clientHeight");
  });

  test("10,000 rows render only a window, with aria-rowcount and aria-rowindex", async () => {
    const data = makeOrders(10_000);
    const { container } = render(
      <Harness data={data} totalRows={10_000} initial={createTableState({ pageSize: 10_000 })} />,
    );
    const table = screen.getByRole("table", { name: "Orders" });
    expect(table.getAttribute("aria-rowcount")).toBe("10001");
    const rendered = bodyRows();
    expect(rendered.length).toBeGreaterThan(5);
    expect(rendered.length).toBeLessThan(40);
    expect(rendered[0]?.getAttribute("aria-rowindex")).toBe("2");
    // The spacer below stands in for the rows not rendered, so the scrollbar is right.
    const spacers = container.querySelectorAll("tbody tr[aria-hidden='true'] td");
    const bottom = spacers[spacers.length - 1] as HTMLElement;
    expect(Number.parseInt(bottom.style.height, 10)).toBeGreaterThan(ROW * 9_900);

    const scroller = container.querySelector("[data-kit-table-scroll]") as HTMLElement;
    scroller.scrollTop = ROW * 5_000;
    fireEvent.scroll(scroller);
    await waitFor(() => {
      const first = bodyRows()[0];
      expect(Number(first?.getAttribute("aria-rowindex"))).toBeGreaterThan(4_900);
    });
    const window = bodyRows();
    expect(window.length).toBeLessThan(40);
    expect(within(window[10] as HTMLElement).getByText(/^Buyer \d+$/).textContent).toMatch(
      /Buyer 49\d\d|Buyer 50\d\d/,
    );
  });
});
