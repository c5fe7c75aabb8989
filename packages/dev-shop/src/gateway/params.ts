import { z } from "zod";
import { invalidParam, type PlatformError } from "../errors.ts";

/**
 * Parameter validation with the contract's zod schemas, reported the way TikTok reports it:
 * HTTP 400, code 36009004 and a message naming the field ("Skus is a required field and has not
 * been provided." for a missing field, as seen live; "Invalid param `page_size`: ..." otherwise).
 */

type Parsed = { ok: true; value: unknown } | { ok: false; error: PlatformError };

/** The schema under optional/default/nullable/pipe wrappers (a pipe is looked at from its input side). */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let depth = 0; depth < 10; depth++) {
    const def = current.def as { type: string; innerType?: z.ZodType; in?: z.ZodType };
    const inner = def.type === "pipe" ? def.in : def.innerType;
    if (!inner) return current;
    current = inner;
  }
  return current;
}

/** Whether a field takes a list, also behind a preprocess step (`z.preprocess(split, z.array(...))`). */
function isArraySchema(schema: z.ZodType, depth = 0): boolean {
  const def = schema.def as { type: string; innerType?: z.ZodType; in?: z.ZodType; out?: z.ZodType };
  if (def.type === "array") return true;
  if (depth > 10) return false;
  if (def.type === "pipe") {
    return (
      (def.in ? isArraySchema(def.in, depth + 1) : false) ||
      (def.out ? isArraySchema(def.out, depth + 1) : false)
    );
  }
  return def.innerType ? isArraySchema(def.innerType, depth + 1) : false;
}

/**
 * Turns the query string into the object the endpoint's query schema expects. Only the fields
 * the schema declares are taken (the common app_key, timestamp, sign, shop_cipher and legacy
 * extras are the gateway's business). Array fields accept comma-joined values (`ids=1,2,3`, the
 * official SDK's form) and repeated keys.
 */
export function queryObject(schema: z.ZodType, search: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const object = unwrap(schema);
  if (!(object instanceof z.ZodObject)) return out;
  for (const [key, field] of Object.entries(object.shape as Record<string, z.ZodType>)) {
    const values = search.getAll(key);
    if (values.length === 0) continue;
    out[key] = isArraySchema(field) ? values.flatMap((v) => v.split(",")).filter((v) => v !== "") : values[0];
  }
  return out;
}

export function validate(schema: z.ZodType, input: unknown): Parsed {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  return { ok: false, error: invalidParam(issue ? describeIssue(issue, input) : "invalid param error") };
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function pascalCase(name: string): string {
  return name
    .split(/[_\s-]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}

function dotted(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === "number" ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
    "",
  );
}

export function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const path = issue.path;
  const last = [...path].reverse().find((k) => typeof k === "string");
  const missing =
    issue.code === "invalid_type" || issue.code === "invalid_value" || issue.code === "invalid_union";
  if (missing && last !== undefined && valueAt(input, path) === undefined) {
    return `${pascalCase(String(last))} is a required field and has not been provided.`;
  }
  if (issue.code === "unrecognized_keys") {
    const where = dotted(path);
    return `Invalid param \`${where ? `${where}.` : ""}${issue.keys[0] ?? ""}\`: unknown field.`;
  }
  const where = dotted(path) || "body";
  return `Invalid param \`${where}\`: ${issue.message}.`;
}

/** A multipart form as a plain object: strings and Files, repeated keys as arrays. */
export function formObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    const previous = out[key];
    if (previous === undefined) out[key] = value;
    else out[key] = Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return out;
}
