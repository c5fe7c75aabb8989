import type { CommerceState } from "../commerce/state.ts";
import type { PlatformState } from "./platform.ts";

/**
 * Everything the dev shop knows, as plain JSON-serializable data so that it can be snapshotted
 * to the data folder and reset through the control API.
 */
export interface DevShopStore {
  platform: PlatformState;
  commerce: CommerceState;
  /** Offset in seconds added to real time by the clock control. */
  clockOffset: number;
}
