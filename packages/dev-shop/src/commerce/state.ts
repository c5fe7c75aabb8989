// Placeholder until the commerce side (catalog, orders, fulfillment, returns) is written.
export type CommerceState = Record<string, never>;
