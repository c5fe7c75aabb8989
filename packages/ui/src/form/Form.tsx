import { zodResolver } from "@hookform/resolvers/zod";
import type { ReactNode } from "react";
import {
  type FieldValues,
  FormProvider,
  type UseFormProps,
  type UseFormReturn,
  useForm,
  useFormContext,
} from "react-hook-form";
import type { z } from "zod";
import { Banner } from "../components/Banner.tsx";
import { Button, type ButtonProps } from "../components/Button.tsx";
import { cx } from "../lib/cx.ts";
import { applySubmitErrors, type SubmitErrors, toSubmitErrors } from "./submitErrors.ts";

/**
 * react-hook-form with a zod schema as its resolver. Validation runs when a field is left and
 * again on every change after that ("onTouched"): no errors while a seller is still typing.
 */
export function useZodForm<TIn extends FieldValues, TOut extends FieldValues>(
  schema: z.ZodType<TOut, TIn>,
  options: Omit<UseFormProps<TIn, unknown, TOut>, "resolver"> = {},
): UseFormReturn<TIn, unknown, TOut> {
  return useForm<TIn, unknown, TOut>({ mode: "onTouched", ...options, resolver: zodResolver(schema) });
}

export interface FormProps<TIn extends FieldValues, TOut extends FieldValues> {
  form: UseFormReturn<TIn, unknown, TOut>;
  /**
   * Gets the parsed values. Return SubmitErrors, or throw (FormSubmitError, a zod error, an error
   * carrying { fieldErrors }...), to show server errors on their fields; other errors go to the banner.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: most handlers return nothing; some return SubmitErrors.
  onSubmit: (values: TOut) => void | SubmitErrors | Promise<void | SubmitErrors>;
  children?: ReactNode;
  className?: string;
  "aria-label"?: string;
  /** Title of the form-level error banner. */
  errorTitle?: string;
}

/** A <form> bound to a useZodForm() instance; shows form-level (server) errors above its fields. */
export function Form<TIn extends FieldValues, TOut extends FieldValues>({
  form,
  onSubmit,
  children,
  className,
  errorTitle = "Couldn't save",
  "aria-label": ariaLabel,
}: FormProps<TIn, TOut>) {
  const submit = form.handleSubmit(async (values) => {
    try {
      const result = await onSubmit(values);
      if (result) applySubmitErrors(form, result);
    } catch (error) {
      applySubmitErrors(form, toSubmitErrors(error));
    }
  });

  return (
    <FormProvider {...form}>
      <form
        noValidate
        aria-label={ariaLabel}
        className={cx("space-y-4", className)}
        onSubmit={(event) => {
          // Enter in a field while a submit is running must not send the form twice.
          if (form.formState.isSubmitting) {
            event.preventDefault();
            return;
          }
          form.clearErrors("root");
          void submit(event);
        }}
      >
        <FormErrorBanner title={errorTitle} />
        {children}
      </form>
    </FormProvider>
  );
}

function FormErrorBanner({ title }: { title: string }) {
  const { formState } = useFormContext();
  const message = formState.errors.root?.server?.message;
  if (!message) return null;
  const lines = String(message).split("\n");
  return (
    <Banner tone="critical" role="alert" title={title}>
      {lines.length === 1 ? (
        <p>{lines[0]}</p>
      ) : (
        <ul className="list-disc pl-5">
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </Banner>
  );
}

/** The form's submit button: pending (inert, spinner, announced) while the submit runs. */
export function SubmitButton({
  children = "Save",
  variant = "primary",
  ...props
}: Omit<ButtonProps, "type">) {
  const { formState } = useFormContext();
  return (
    <Button {...props} type="submit" variant={variant} isPending={formState.isSubmitting}>
      {children}
    </Button>
  );
}
