import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, test, vi } from "vitest";
import { z } from "zod";
import { Form, type FormProps, SubmitButton, useZodForm } from "../src/form/Form.tsx";
import { Checkbox, DateField, NumberField, Select, TextField } from "../src/form/fields.tsx";
import { FormSubmitError, toSubmitErrors } from "../src/form/submitErrors.ts";
import { expectNoAxeViolations } from "./axe.ts";

const schema = z.object({
  title: z.string().trim().min(3, "Enter at least 3 characters"),
  price: z.string().regex(/^\d+(\.\d{1,2})?$/, "Enter an amount like 12.50"),
  quantity: z.number({ error: "Enter a quantity" }).int().min(1, "At least 1"),
  carrier: z.string({ error: "Choose a carrier" }),
  notify: z.boolean().refine((v) => v, "Buyers must be notified"),
  shipBy: z.string({ error: "Pick a ship-by date" }),
});

type Values = z.output<typeof schema>;

function ShipForm({ onSubmit }: { onSubmit: FormProps<z.input<typeof schema>, Values>["onSubmit"] }) {
  const form = useZodForm(schema, {
    defaultValues: {
      title: "",
      price: "",
      quantity: undefined,
      carrier: undefined,
      notify: false,
      shipBy: undefined,
    },
  });
  return (
    <Form form={form} onSubmit={onSubmit} aria-label="Ship order">
      <TextField
        control={form.control}
        name="title"
        label="Title"
        description="Shown to the buyer"
        isRequired
      />
      <TextField control={form.control} name="price" label="Price" inputMode="decimal" />
      <NumberField control={form.control} name="quantity" label="Quantity" minValue={0} />
      <Select
        control={form.control}
        name="carrier"
        label="Carrier"
        options={[
          { value: "usps", label: "USPS" },
          { value: "ups", label: "UPS" },
        ]}
      />
      <Checkbox control={form.control} name="notify" label="Notify buyer" />
      <DateField control={form.control} name="shipBy" label="Ship by" />
      <SubmitButton>Ship</SubmitButton>
    </Form>
  );
}

async function fillValid(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByRole("textbox", { name: /Title/ }), "Blue mug");
  await user.type(screen.getByRole("textbox", { name: "Price" }), "12.50");
  await user.type(screen.getByRole("textbox", { name: "Quantity" }), "3");
  await user.click(screen.getByRole("button", { name: /Carrier/ }));
  await user.click(await screen.findByRole("option", { name: "UPS" }));
  await user.click(screen.getByRole("checkbox", { name: "Notify buyer" }));
  const [month] = within(screen.getByRole("group", { name: "Ship by" })).getAllByRole("spinbutton");
  await user.click(month as HTMLElement);
  await user.keyboard("01152026");
}

describe("forms", () => {
  test("shows each validation message inline, linked to its field, and focuses the first", async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    const { container } = render(<ShipForm onSubmit={onSubmit} />);
    await user.click(screen.getByRole("button", { name: "Ship" }));
    expect(onSubmit).not.toHaveBeenCalled();

    const title = screen.getByRole("textbox", { name: /Title/ });
    await waitFor(() => expect(title.getAttribute("aria-invalid")).toBe("true"));
    expect(document.activeElement).toBe(title);
    const describedBy = (title.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .map((id) => document.getElementById(id)?.textContent);
    expect(describedBy).toEqual(
      expect.arrayContaining(["Shown to the buyer", "Enter at least 3 characters"]),
    );

    for (const message of [
      "Enter an amount like 12.50",
      "Enter a quantity",
      "Choose a carrier",
      "Buyers must be notified",
      "Pick a ship-by date",
    ]) {
      expect(screen.getByText(message)).toBeTruthy();
    }
    await expectNoAxeViolations(container);

    // Fixing a field clears its message as the seller types (validation re-runs after a submit).
    await user.type(title, "Blue mug");
    await waitFor(() => expect(screen.queryByText("Enter at least 3 characters")).toBeNull());
  });

  test("submits parsed values; the button is pending and a second submit is ignored", async () => {
    const user = userEvent.setup();
    let finish: () => void = () => {};
    const onSubmit = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    render(<ShipForm onSubmit={onSubmit} />);
    await fillValid(user);
    const button = screen.getByRole("button", { name: "Ship" });
    await user.click(button);
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit).toHaveBeenCalledWith({
      title: "Blue mug",
      price: "12.50",
      quantity: 3,
      carrier: "ups",
      notify: true,
      shipBy: "2026-01-15",
    });
    await waitFor(() => expect(button.getAttribute("aria-disabled")).toBe("true"));
    await user.click(button);
    await user.type(screen.getByRole("textbox", { name: "Price" }), "{Enter}");
    expect(onSubmit).toHaveBeenCalledTimes(1);
    finish();
    await waitFor(() => expect(button.getAttribute("aria-disabled")).toBeNull());
  });

  test("server errors land on their fields and in the form banner", async () => {
    const user = userEvent.setup();
    render(
      <ShipForm
        onSubmit={() => ({
          fieldErrors: { title: ["A listing with this title exists"], sku: ["Unknown SKU"] },
          formErrors: ["This shop is read-only"],
        })}
      />,
    );
    await fillValid(user);
    await user.click(screen.getByRole("button", { name: "Ship" }));
    const banner = await screen.findByRole("alert");
    expect(banner.textContent).toContain("Couldn't save");
    expect(banner.textContent).toContain("This shop is read-only");
    // A field the form does not have is not lost.
    expect(banner.textContent).toContain("sku: Unknown SKU");
    const title = screen.getByRole("textbox", { name: /Title/ });
    expect(title.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText("A listing with this title exists")).toBeTruthy();
    expect(document.activeElement).toBe(title);
  });

  test("thrown errors: FormSubmitError maps to fields, anything else goes to the banner", async () => {
    const user = userEvent.setup();
    const onSubmit = vi
      .fn()
      .mockRejectedValueOnce(
        new FormSubmitError({ fieldErrors: { price: "Price exceeds the category limit" } }),
      )
      .mockRejectedValueOnce(new Error("Network is down"));
    render(<ShipForm onSubmit={onSubmit} />);
    await fillValid(user);
    await user.click(screen.getByRole("button", { name: "Ship" }));
    expect(await screen.findByText("Price exceeds the category limit")).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();

    await user.click(screen.getByRole("button", { name: "Ship" }));
    expect((await screen.findByRole("alert")).textContent).toContain("Network is down");
  });
});

describe("toSubmitErrors", () => {
  test("reads zod issues, flattened errors and wrapped response bodies", () => {
    const parsed = schema.safeParse({ title: "x" });
    if (parsed.success) throw new Error("expected failure");
    const fromZod = toSubmitErrors(parsed.error);
    expect(fromZod.fieldErrors?.title).toEqual(["Enter at least 3 characters"]);

    expect(toSubmitErrors({ data: { fieldErrors: { title: ["Taken"] } } })).toEqual({
      fieldErrors: { title: ["Taken"] },
    });
    expect(toSubmitErrors({ issues: [{ path: [], message: "Whole form" }] })).toEqual({
      fieldErrors: {},
      formErrors: ["Whole form"],
    });
    expect(toSubmitErrors("nope")).toEqual({ formError: "nope" });
    expect(toSubmitErrors(undefined).formError).toMatch(/Something went wrong/);
  });
});
