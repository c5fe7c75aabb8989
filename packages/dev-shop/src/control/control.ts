import { authorizeApp } from "../platform/actions.ts";
import { type AppRegistration, toPartnerApp, upsertApp } from "../platform/apps.ts";
import type { Runtime } from "../platform/runtime.ts";
import type { PartnerApp, Seller, Shop, WebhookDelivery } from "../state/platform.ts";
import { type BuyerControl, createBuyerControl } from "./buyer.ts";
import type { Fault, FaultInput } from "./faults.ts";

/**
 * The dev shop's control surface for tests and tooling, in-process. The JSON control API
 * (/control/...) is a thin HTTP layer over it.
 */
export interface DevShopControl {
  /** Registers or replaces (by app key) a partner app. */
  registerApp(input: AppRegistration): PartnerApp;
  apps(): PartnerApp[];
  /** Authorizes an app without a browser, as the consent page would; returns the auth code. */
  authorize(input: AuthorizeInput): { code: string; authorizationId: string; shopIds: string[] };
  now(): number;
  /** Moves the clock forward and runs everything that became due. */
  advanceClock(seconds: number): number;
  /** Runs the time-driven work now (webhook retries, expiry notices, commerce transitions). */
  tick(): void;
  /** Back to the seeded state (apps stay registered, faults are cleared, the clock returns to its start). */
  reset(): void;
  sellers(): Seller[];
  shops(): Shop[];
  webhookLog(filter?: WebhookFilter): WebhookDelivery[];
  /** Resolves when no webhook attempt is in flight. */
  webhooksIdle(): Promise<void>;
  /** Sends an event of a shop to the apps authorized for it (or to one app). */
  emitWebhook(input: { shopId: string; type: number; data: Record<string, unknown>; appKey?: string }): void;
  addFault(input: FaultInput): Fault;
  faults(): Fault[];
  removeFault(id: string): boolean;
  clearFaults(): void;
  /** Writes the snapshot now (when a data folder is configured). */
  flush(): Promise<void>;
  /** The buyer simulation: place orders, pay, cancel, return... as a TikTok buyer would. */
  buyer: BuyerControl;
}

export interface AuthorizeInput {
  appKey: string;
  /** The shops to authorize; they must belong to one seller. */
  shopIds?: string[];
  /** Alternatively every shop of the seller with this login email. */
  sellerEmail?: string;
  durationSeconds?: number;
}

export interface WebhookFilter {
  appKey?: string;
  shopId?: string;
  type?: number;
  state?: WebhookDelivery["state"];
}

export interface ControlHooks {
  tick(): void;
  reset(): void;
  flush(): Promise<void>;
}

export class ControlError extends Error {}

export function createControl(runtime: Runtime, hooks: ControlHooks): DevShopControl {
  const state = () => runtime.store.platform;
  return {
    registerApp(input) {
      const app = upsertApp(state(), toPartnerApp(input));
      runtime.markDirty();
      return app;
    },
    apps: () => [...state().apps],
    authorize(input) {
      const app = state().apps.find((a) => a.appKey === input.appKey);
      if (!app) throw new ControlError(`Unknown app_key ${input.appKey}`);
      let seller: Seller | undefined;
      let shopIds: string[];
      if (input.shopIds && input.shopIds.length > 0) {
        const shops = input.shopIds.map((id) => {
          const shop = state().shops.find((s) => s.id === id);
          if (!shop) throw new ControlError(`Unknown shop ${id}`);
          return shop;
        });
        const sellerIds = new Set(shops.map((s) => s.sellerId));
        if (sellerIds.size !== 1) throw new ControlError("The shops must belong to one seller");
        seller = state().sellers.find((s) => sellerIds.has(s.id));
        shopIds = shops.map((s) => s.id);
      } else if (input.sellerEmail) {
        const email = input.sellerEmail.toLowerCase();
        seller = state().sellers.find((s) => s.email.toLowerCase() === email);
        if (!seller) throw new ControlError(`Unknown seller ${input.sellerEmail}`);
        const sellerId = seller.id;
        shopIds = state()
          .shops.filter((s) => s.sellerId === sellerId)
          .map((s) => s.id);
      } else {
        throw new ControlError("Give shop_ids or seller_email");
      }
      if (!seller) throw new ControlError("Seller not found");
      const granted = authorizeApp(runtime, {
        app,
        seller,
        shopIds,
        ...(input.durationSeconds !== undefined ? { durationSeconds: input.durationSeconds } : {}),
      });
      return { code: granted.code, authorizationId: granted.authorization.id, shopIds };
    },
    now: () => runtime.clock.now(),
    advanceClock(seconds) {
      if (!Number.isFinite(seconds) || seconds < 0) throw new ControlError("seconds must be a number >= 0");
      return runtime.clock.advance(seconds);
    },
    tick: () => hooks.tick(),
    reset: () => hooks.reset(),
    sellers: () => [...state().sellers],
    shops: () => [...state().shops],
    webhookLog(filter = {}) {
      return state().webhookDeliveries.filter(
        (d) =>
          (filter.appKey === undefined || d.appKey === filter.appKey) &&
          (filter.shopId === undefined || d.shopId === filter.shopId) &&
          (filter.type === undefined || d.type === filter.type) &&
          (filter.state === undefined || d.state === filter.state),
      );
    },
    webhooksIdle: () => runtime.webhooks.idle(),
    emitWebhook(input) {
      if (!state().shops.some((s) => s.id === input.shopId))
        throw new ControlError(`Unknown shop ${input.shopId}`);
      if (input.appKey) runtime.webhooks.emitToApp(input.appKey, input.shopId, input.type, input.data);
      else runtime.webhooks.emitForShop(input.shopId, input.type, input.data);
    },
    addFault: (input) => runtime.faults.add(input),
    faults: () => runtime.faults.list(),
    removeFault: (id) => runtime.faults.remove(id),
    clearFaults: () => runtime.faults.clear(),
    flush: () => hooks.flush(),
    buyer: createBuyerControl(runtime),
  };
}
