/**
 * Tolerant readers for handler input. The gateway has validated query and body with the
 * contract's zod schemas, so these only narrow `unknown` to the shapes the contract allows
 * (plus the raw comma-separated form of id lists, which the gateway may hand over verbatim).
 */

export type Obj = Record<string, unknown>;

export function asObj(value: unknown): Obj {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Obj) : {};
}

export function str(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  return undefined;
}

export function num(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

export function bool(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (value === "true") return true;
  if (value === "false") return false;
  return undefined;
}

/** An id list given as an array or as `1,2,3`; undefined when absent. */
export function idList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const parts = Array.isArray(value) ? value : String(value).split(",");
  return parts.map((part) => String(part).trim()).filter((part) => part !== "");
}

export function objList(value: unknown): Obj[] {
  return Array.isArray(value) ? value.map(asObj) : [];
}
