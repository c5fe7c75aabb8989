import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, test, vi } from "vitest";
import { Button } from "../src/components/Button.tsx";
import { ConfirmDialog } from "../src/components/ConfirmDialog.tsx";
import { expectNoAxeViolations } from "./axe.ts";

function Harness({
  destructive = false,
  onConfirm = vi.fn(),
  onCancel = vi.fn(),
}: {
  destructive?: boolean;
  onConfirm?: () => unknown;
  onCancel?: () => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onPress={() => setOpen(true)}>Cancel orders</Button>
      <ConfirmDialog
        isOpen={open}
        title="Cancel 3 orders?"
        confirmLabel="Cancel orders"
        cancelLabel="Keep orders"
        destructive={destructive}
        onCancel={() => {
          onCancel();
          setOpen(false);
        }}
        onConfirm={async () => {
          await onConfirm();
          setOpen(false);
        }}
      >
        Buyers are refunded and notified.
      </ConfirmDialog>
    </>
  );
}

describe("ConfirmDialog", () => {
  test("is a labelled modal alert dialog that traps focus", async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.click(screen.getByRole("button", { name: "Cancel orders" }));
    const dialog = await screen.findByRole("alertdialog", { name: "Cancel 3 orders?" });
    expect(dialog.textContent).toContain("Buyers are refunded");
    const confirm = screen.getByRole("button", { name: "Cancel orders" });
    const cancel = screen.getByRole("button", { name: "Keep orders" });
    // Non-destructive: the confirm button has focus.
    expect(document.activeElement).toBe(confirm);
    await user.tab();
    expect(dialog.contains(document.activeElement)).toBe(true);
    await user.tab();
    expect(dialog.contains(document.activeElement)).toBe(true);
    await user.tab({ shift: true });
    await user.tab({ shift: true });
    await user.tab({ shift: true });
    expect(dialog.contains(document.activeElement)).toBe(true);
    expect([confirm, cancel]).toContain(document.activeElement);
    await expectNoAxeViolations(document.body);
  });

  test("Escape cancels and focus returns to the trigger", async () => {
    const user = userEvent.setup();
    const onCancel = vi.fn();
    const onConfirm = vi.fn();
    render(<Harness onCancel={onCancel} onConfirm={onConfirm} />);
    const trigger = screen.getByRole("button", { name: "Cancel orders" });
    await user.click(trigger);
    await screen.findByRole("alertdialog");
    await user.keyboard("{Escape}");
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(onConfirm).not.toHaveBeenCalled();
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(trigger));
  });

  test("destructive: focus starts on Cancel, so Enter does not destroy", async () => {
    const user = userEvent.setup();
    const onCancel = vi.fn();
    const onConfirm = vi.fn();
    render(<Harness destructive onCancel={onCancel} onConfirm={onConfirm} />);
    await user.click(screen.getByRole("button", { name: "Cancel orders" }));
    await screen.findByRole("alertdialog");
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Keep orders" }));
    await user.keyboard("{Enter}");
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(onConfirm).not.toHaveBeenCalled();
  });

  test("confirm by keyboard; the button is pending while the promise runs", async () => {
    const user = userEvent.setup();
    let finish: () => void = () => {};
    const onConfirm = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    render(<Harness onConfirm={onConfirm} />);
    await user.click(screen.getByRole("button", { name: "Cancel orders" }));
    await screen.findByRole("alertdialog");
    await user.keyboard("{Enter}");
    expect(onConfirm).toHaveBeenCalledTimes(1);
    const confirm = screen.getByRole("button", { name: "Cancel orders" });
    await waitFor(() => expect(confirm.getAttribute("aria-disabled")).toBe("true"));
    // Escape is ignored while the work runs.
    await user.keyboard("{Escape}");
    expect(screen.getByRole("alertdialog")).toBeTruthy();
    await user.keyboard("{Enter}");
    expect(onConfirm).toHaveBeenCalledTimes(1);
    finish();
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
  });
});
