import type { Seller } from "../state/platform.ts";

/** Hono environment of the Seller Center routes: the logged-in seller, set by the session guard. */
export type SellerCenterEnv = { Variables: { seller: Seller } };
