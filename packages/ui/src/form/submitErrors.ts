import type { FieldValues, UseFormReturn } from "react-hook-form";

/**
 * Errors a submit can come back with. The shape matches zod's `z.flattenError()` ({ formErrors,
 * fieldErrors }), which is what an app's Hono server naturally returns for a rejected body, so
 * server validation lands on the same fields as client validation.
 */
export interface SubmitErrors {
  /** Messages per field path: "title", "address.zip", "items.0.quantity". */
  fieldErrors?: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** Messages about the whole form. */
  formErrors?: readonly string[];
  formError?: string;
}

/** Throw this from onSubmit to show field and form errors. */
export class FormSubmitError extends Error {
  readonly errors: SubmitErrors;
  constructor(errors: SubmitErrors, message = "The form has errors") {
    super(message);
    this.name = "FormSubmitError";
    this.errors = errors;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function fromShape(value: unknown): SubmitErrors | null {
  if (!isRecord(value)) return null;
  if (isRecord(value.fieldErrors) || Array.isArray(value.formErrors) || typeof value.formError === "string") {
    return value as SubmitErrors;
  }
  // zod issues ({ issues: [{ path, message }] }), as a raw ZodError or a serialized one.
  if (Array.isArray(value.issues)) {
    const fieldErrors: Record<string, string[]> = {};
    const formErrors: string[] = [];
    for (const issue of value.issues) {
      if (!isRecord(issue) || typeof issue.message !== "string") continue;
      const path = Array.isArray(issue.path) ? issue.path.map(String).join(".") : "";
      if (!path) {
        formErrors.push(issue.message);
        continue;
      }
      const list = fieldErrors[path] ?? [];
      list.push(issue.message);
      fieldErrors[path] = list;
    }
    return { fieldErrors, formErrors };
  }
  return null;
}

/** Reads field/form errors out of whatever onSubmit threw; anything else becomes a form error. */
export function toSubmitErrors(error: unknown): SubmitErrors {
  if (error instanceof FormSubmitError) return error.errors;
  const direct = fromShape(error);
  if (direct) return direct;
  if (isRecord(error)) {
    // Common wrappers: fetch helpers put the parsed response body on .data / .body / .cause.
    for (const key of ["data", "body", "cause"] as const) {
      const nested = fromShape(error[key]);
      if (nested) return nested;
    }
  }
  if (error instanceof Error && error.message) return { formError: error.message };
  if (typeof error === "string" && error) return { formError: error };
  return { formError: "Something went wrong. Try again." };
}

/** The form-level error slot the Form component shows as a banner. */
export const FORM_ERROR = "root.server" as const;

/**
 * Puts server errors on their fields (focusing the first) and the rest in the form banner. A path
 * whose top-level key is not a form value (the server named a field the form doesn't have) goes to
 * the banner too, so no message is lost.
 */
export function applySubmitErrors<T extends FieldValues>(
  // biome-ignore lint/suspicious/noExplicitAny: any context and transformed-values type is fine here.
  form: UseFormReturn<T, any, any>,
  errors: SubmitErrors,
): void {
  const values = form.getValues() as Record<string, unknown>;
  const formMessages: string[] = [...(errors.formErrors ?? [])];
  if (errors.formError) formMessages.push(errors.formError);
  let focused = false;
  for (const [path, raw] of Object.entries(errors.fieldErrors ?? {})) {
    const messages = typeof raw === "string" ? [raw] : [...(raw ?? [])];
    if (messages.length === 0) continue;
    const top = path.split(".")[0] ?? path;
    if (!(top in values)) {
      formMessages.push(...messages.map((m) => `${path}: ${m}`));
      continue;
    }
    // biome-ignore lint/suspicious/noExplicitAny: the path comes from the server, checked above.
    form.setError(path as any, { type: "server", message: messages.join(" ") }, { shouldFocus: !focused });
    focused = true;
  }
  if (formMessages.length > 0) {
    // biome-ignore lint/suspicious/noExplicitAny: "root.server" is a valid RHF error path for every form.
    form.setError(FORM_ERROR as any, { type: "server", message: formMessages.join("\n") });
  }
}
