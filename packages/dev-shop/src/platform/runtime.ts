import type { Clock } from "../clock.ts";
import type { FaultRegistry } from "../control/faults.ts";
import type { DevShopStore } from "../state/store.ts";
import type { WebhookDispatcher } from "../webhooks/dispatcher.ts";

/** What every part of the dev shop shares: the state, the clock, webhook delivery and faults. */
export interface Runtime {
  /** Replaced in place on reset, so holding the object is safe. */
  store: DevShopStore;
  clock: Clock;
  webhooks: WebhookDispatcher;
  faults: FaultRegistry;
  /** How long a new authorization lasts. */
  authorizationSeconds: number;
  /** Schedules a snapshot write (no-op without a data folder). */
  markDirty(): void;
}
