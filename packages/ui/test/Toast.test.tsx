import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, test, vi } from "vitest";
import { Button } from "../src/components/Button.tsx";
import { ToastProvider, useToast } from "../src/components/Toast.tsx";

function Trigger({ onUndo }: { onUndo?: () => void }) {
  const toast = useToast();
  return (
    <>
      <Button onPress={() => toast.success("Label printed")}>Print</Button>
      <Button onPress={() => toast.error("Shipping provider rejected the package")}>Fail</Button>
      <Button
        onPress={() =>
          toast.show({ message: "Order archived", action: { label: "Undo", onAction: onUndo ?? (() => {}) } })
        }
      >
        Archive
      </Button>
    </>
  );
}

function announcer(kind: "polite" | "assertive"): HTMLElement {
  const el = document.querySelector(`[data-kit-announcer="${kind}"]`);
  if (!(el instanceof HTMLElement)) throw new Error("no announcer");
  return el;
}

describe("toasts", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test("live regions exist before any toast, so the first one is announced", () => {
    render(<ToastProvider />);
    expect(screen.getByRole("status").textContent).toBe("");
    expect(screen.getByRole("alert").textContent).toBe("");
  });

  test("success is announced politely, errors assertively", async () => {
    const user = userEvent.setup();
    render(
      <ToastProvider>
        <Trigger />
      </ToastProvider>,
    );
    await user.click(screen.getByRole("button", { name: "Print" }));
    expect(screen.getByRole("status").textContent).toContain("Label printed");
    expect(announcer("polite").getAttribute("aria-live")).toBe("polite");
    const region = screen.getByRole("region", { name: "Notifications" });
    expect(within(region).getByText("Label printed")).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Fail" }));
    expect(screen.getByRole("alert").textContent).toContain("Shipping provider rejected the package");
    expect(screen.getByRole("status").textContent).not.toContain("Shipping provider");
  });

  test("non-critical toasts close themselves; errors stay until dismissed", async () => {
    vi.useFakeTimers();
    render(
      <ToastProvider defaultDurationMs={4000}>
        <Trigger />
      </ToastProvider>,
    );
    act(() => screen.getByRole("button", { name: "Print" }).click());
    act(() => screen.getByRole("button", { name: "Fail" }).click());
    expect(announcer("polite").textContent).toContain("Label printed");
    act(() => {
      vi.advanceTimersByTime(4100);
    });
    expect(announcer("polite").textContent).not.toContain("Label printed");
    expect(announcer("assertive").textContent).toContain("Shipping provider");
    act(() => screen.getByRole("button", { name: "Dismiss notification" }).click());
    expect(announcer("assertive").textContent).toBe("");
  });

  test("an action runs and closes the toast; Escape dismisses", async () => {
    const user = userEvent.setup();
    const onUndo = vi.fn();
    render(
      <ToastProvider>
        <Trigger onUndo={onUndo} />
      </ToastProvider>,
    );
    await user.click(screen.getByRole("button", { name: "Archive" }));
    await user.click(screen.getByRole("button", { name: "Undo" }));
    expect(onUndo).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole("button", { name: "Undo" })).toBeNull();

    await user.click(screen.getByRole("button", { name: "Archive" }));
    screen.getByRole("button", { name: "Dismiss notification" }).focus();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("button", { name: "Dismiss notification" })).toBeNull();
  });

  test("useToast outside a provider explains itself", () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(() => render(<Trigger />)).toThrow(/ToastProvider/);
    spy.mockRestore();
  });
});
