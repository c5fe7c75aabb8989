import { act, render, renderHook, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, describe, expect, test, vi } from "vitest";
import { Banner } from "../src/components/Banner.tsx";
import { Button } from "../src/components/Button.tsx";
import { Card } from "../src/components/Card.tsx";
import { BarChart, LineChart } from "../src/components/Charts.tsx";
import { EmptyState, ErrorState, LoadingState } from "../src/components/States.tsx";
import { StatusBadge } from "../src/components/StatusBadge.tsx";
import { Tabs } from "../src/components/Tabs.tsx";
import { formatMoney } from "../src/format/money.ts";
import { FilterBar } from "../src/table/FilterBar.tsx";
import type { FilterValues } from "../src/table/state.ts";
import { applyTheme, THEME_STORAGE_KEY, useThemePreference } from "../src/theme.ts";
import { expectNoAxeViolations } from "./axe.ts";

describe("Tabs", () => {
  test("arrow keys move between tabs and show their panel", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(
      <Tabs
        aria-label="Order status"
        onSelectionChange={onChange}
        items={[
          { id: "all", label: "All", content: <p>All orders</p> },
          { id: "unpaid", label: "Unpaid", badge: 3, content: <p>Unpaid orders</p> },
          { id: "held", label: "On hold", content: <p>Held orders</p>, isDisabled: true },
        ]}
      />,
    );
    expect(screen.getByRole("tablist", { name: "Order status" })).toBeTruthy();
    expect(screen.getByRole("tabpanel").textContent).toBe("All orders");
    await user.click(screen.getByRole("tab", { name: "All" }));
    await user.keyboard("{ArrowRight}");
    expect(onChange).toHaveBeenLastCalledWith("unpaid");
    expect(screen.getByRole("tabpanel").textContent).toBe("Unpaid orders");
    expect(screen.getByRole("tab", { name: /Unpaid/ }).textContent).toContain("3");
    expect(screen.getByRole("tab", { name: "On hold" }).getAttribute("aria-disabled")).toBe("true");
  });
});

describe("states and surfaces", () => {
  test("StatusBadge says its status in text", () => {
    render(<StatusBadge tone="warning">Awaiting shipment</StatusBadge>);
    expect(screen.getByText("Awaiting shipment")).toBeTruthy();
  });

  test("EmptyState, LoadingState and ErrorState", async () => {
    const user = userEvent.setup();
    const onRetry = vi.fn();
    const { container } = render(
      <>
        <EmptyState
          title="No promotions yet"
          description="Create one to start."
          action={<Button>Create</Button>}
        />
        <LoadingState label="Loading payouts…" variant="table" />
        <ErrorState message="The server did not answer." onRetry={onRetry} />
      </>,
    );
    expect(screen.getByText("No promotions yet")).toBeTruthy();
    expect(screen.getByRole("status").textContent).toBe("Loading payouts…");
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("Something went wrong");
    await user.click(within(alert).getByRole("button", { name: "Try again" }));
    expect(onRetry).toHaveBeenCalled();
    await expectNoAxeViolations(container);
  });

  test("Card with a title is a labelled region; Banner can be dismissed", async () => {
    const user = userEvent.setup();
    const onDismiss = vi.fn();
    render(
      <>
        <Card title="Payouts" actions={<Button>View all</Button>}>
          body
        </Card>
        <Banner tone="info" title="Sync paused" onDismiss={onDismiss}>
          We'll resume in a minute.
        </Banner>
      </>,
    );
    expect(screen.getByRole("region", { name: "Payouts" }).textContent).toContain("body");
    await user.click(
      within(screen.getByRole("region", { name: "Sync paused" })).getByRole("button", { name: "Dismiss" }),
    );
    expect(onDismiss).toHaveBeenCalled();
  });
});

describe("charts", () => {
  const data = [
    { day: "Mon", revenue: 1200.5, orders: 14 },
    { day: "Tue", revenue: 980, orders: 11 },
  ];

  test("a line chart is a figure with its numbers in a table for screen readers", async () => {
    const { container } = render(
      <LineChart
        title="Revenue"
        data={data}
        xKey="day"
        series={[{ key: "revenue", label: "Revenue" }]}
        formatValue={(v) => formatMoney(String(v), "USD", "en-US")}
      />,
    );
    const figure = screen.getByRole("figure", { name: "Revenue" });
    const table = within(figure).getByRole("table");
    expect(within(table).getByRole("cell", { name: "$1,200.50" })).toBeTruthy();
    expect(within(table).getByRole("rowheader", { name: "Tue" })).toBeTruthy();
    await expectNoAxeViolations(container);
  });

  test("a bar chart with two series", () => {
    render(
      <BarChart
        title="Orders and revenue"
        hideTitle
        data={data}
        xKey="day"
        stacked
        series={[
          { key: "orders", label: "Orders" },
          { key: "revenue", label: "Revenue", color: "red" },
        ]}
      />,
    );
    const table = within(screen.getByRole("figure", { name: "Orders and revenue" })).getByRole("table");
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["day", "Orders", "Revenue"]);
  });
});

function DateFilterHarness({ onChange }: { onChange: (next: FilterValues) => void }) {
  const [value, setValue] = useState<FilterValues>({});
  return (
    <FilterBar
      filters={[{ type: "dateRange", id: "created", label: "Created" }]}
      value={value}
      onChange={(next) => {
        onChange(next);
        setValue(next);
      }}
    />
  );
}

describe("FilterBar", () => {
  test("date range filter reports ISO dates and Clear all empties every filter", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    const { container } = render(<DateFilterHarness onChange={onChange} />);
    const group = screen.getByRole("group", { name: "Created" });
    const [startMonth] = within(group).getAllByRole("spinbutton");
    await user.click(startMonth as HTMLElement);
    await user.keyboard("03012025");
    await user.keyboard("03312025");
    expect(onChange).toHaveBeenLastCalledWith({ created: { start: "2025-03-01", end: "2025-03-31" } });
    await user.click(screen.getByRole("button", { name: "Clear all" }));
    expect(onChange).toHaveBeenLastCalledWith({});
    await expectNoAxeViolations(container);
  });
});

describe("theme", () => {
  afterEach(() => {
    document.documentElement.removeAttribute("data-theme");
    window.localStorage.clear();
  });

  test("applyTheme sets or clears data-theme", () => {
    applyTheme("dark");
    expect(document.documentElement.getAttribute("data-theme")).toBe("dark");
    applyTheme("system");
    expect(document.documentElement.hasAttribute("data-theme")).toBe(false);
  });

  test("useThemePreference remembers the choice", () => {
    const { result } = renderHook(() => useThemePreference());
    expect(result.current[0]).toBe("system");
    act(() => result.current[1]("dark"));
    expect(document.documentElement.getAttribute("data-theme")).toBe("dark");
    expect(window.localStorage.getItem(THEME_STORAGE_KEY)).toBe("dark");
    const again = renderHook(() => useThemePreference());
    expect(again.result.current[0]).toBe("dark");
  });
});
