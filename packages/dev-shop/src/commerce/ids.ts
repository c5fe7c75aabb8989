import type { CommerceState } from "./state.ts";

/**
 * TikTok ids are 18-19 digit numeric strings whose leading digits hint at the kind of object.
 * Ours are a kind prefix followed by a zero-padded counter that lives in the state: unique
 * across shops, stable across snapshots, and a deterministic tie-breaker for (time, id) cursors.
 */
const prefixes = {
  order: "5764",
  lineItem: "5765",
  product: "1729",
  sku: "1730",
  package: "1154",
  cancellation: "4035",
  returnOrder: "4036",
  /** return_line_item_id and cancel_line_item_id. */
  returnLineItem: "4037",
  warehouse: "7000",
  entity: "7395",
  deliveryOption: "7129",
  buyer: "7494",
  bundle: "6902",
  brand: "7082",
} as const;

export type IdKind = keyof typeof prefixes;

const width: Record<IdKind, number> = {
  order: 18,
  lineItem: 18,
  product: 19,
  sku: 19,
  package: 19,
  cancellation: 19,
  returnOrder: 18,
  returnLineItem: 18,
  warehouse: 19,
  entity: 19,
  deliveryOption: 19,
  buyer: 19,
  bundle: 19,
  brand: 19,
};

export function nextId(state: CommerceState, kind: IdKind): string {
  state.seq += 1;
  const prefix = prefixes[kind];
  return prefix + String(state.seq).padStart(width[kind] - prefix.length, "0");
}
