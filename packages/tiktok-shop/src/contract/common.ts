import { z } from "zod";

/**
 * Shared building blocks for the endpoint schemas. Response objects are `looseObject`s so that
 * fields TikTok adds later pass through untouched; request objects are strict enough to catch
 * a typo before it costs a round trip.
 */

/** TikTok IDs are numeric strings of 18-19 digits; we only insist on a non-empty string. */
export const id = z.string().min(1);

/** Money is a decimal string, never a float: "12.34", "-6.99", "100". */
export const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, "expected a decimal string such as 12.34");

/** Money as returned by TikTok: tolerant of an empty string, which some fields carry when not applicable. */
export const amount = z.string();

/** Unix seconds. */
export const unixSeconds = z.number().int().nonnegative();

/** `{amount, currency}` as used by products and promotions. */
export const money = z.looseObject({ amount: amount.optional(), currency: z.string().optional() });

/** `{value, currency}` as used by finance payments. */
export const valueMoney = z.looseObject({ value: amount.optional(), currency: z.string().optional() });

/**
 * An integer query parameter: a number from callers, a decimal string on the wire (the dev shop
 * validates what it receives). Typed `number | string` on input rather than `unknown`, so that
 * callers keep type checking and optional parameters stay optional.
 */
export function queryInt(bounds: { min?: number; max?: number } = {}) {
  let int = z.number().int();
  if (bounds.min !== undefined) int = int.min(bounds.min);
  if (bounds.max !== undefined) int = int.max(bounds.max);
  return z
    .union([
      z.number(),
      z
        .string()
        .regex(/^-?\d+$/, "expected an integer")
        .transform(Number),
    ])
    .pipe(int);
}

/** A boolean query param: the wire carries "true"/"false", a caller may pass a real boolean. */
export const queryBoolean = z.union([
  z.boolean(),
  z.enum(["true", "false"]).transform((value) => value === "true"),
]);

/**
 * A list in the query string. Callers pass an array, which the client sends comma-joined as TikTok's
 * own SDK does (`ids=1,2,3`); the dev shop validates that raw form, so both are accepted.
 */
export function queryList<T extends z.ZodType<string>>(item: T, bounds: { min?: number; max?: number } = {}) {
  let list = z.array(item).min(bounds.min ?? 1);
  if (bounds.max !== undefined) list = list.max(bounds.max);
  return z.preprocess(
    (value: string | ReadonlyArray<z.input<T>>) =>
      typeof value === "string"
        ? value
            .split(",")
            .map((part) => part.trim())
            .filter((part) => part !== "")
        : value,
    list,
  );
}

/** Cursor paging in the query string. `page_size` bounds differ per endpoint. */
export function pageQuery<Required extends boolean>(opts: { min?: number; max: number; required: Required }) {
  const size = queryInt({ min: opts.min ?? 1, max: opts.max });
  type Size = typeof size;
  return {
    page_size: (opts.required ? size : size.optional()) as Required extends true ? Size : z.ZodOptional<Size>,
    page_token: z.string().optional(),
  };
}

export const sortOrder = z.enum(["ASC", "DESC"]);

/** `data.errors[]` on a batch call that succeeded as a whole. */
export const itemError = z.looseObject({
  code: z.number(),
  message: z.string(),
  detail: z.record(z.string(), z.unknown()).optional(),
});
export const itemErrors = z.array(itemError);

/** `data.warnings[]` on product create and edit. */
export const warnings = z.array(z.looseObject({ message: z.string() }));

/** The empty `data: {}` of a write that has nothing to return. */
export const empty = z.looseObject({});

/** The page members every paginated response carries next to its items. */
export const pageInfo = {
  next_page_token: z.string().optional(),
  total_count: z.number().int().optional(),
};
