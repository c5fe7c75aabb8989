import { isTikTokShopError, type ShopClient, type WebhookEvent } from "@tts-kit/tiktok-shop";
import { and, eq, isNull, lt, ne, or } from "drizzle-orm";
import {
  type CarrierMapping,
  type CarrierMappingIssue,
  type CarrierMappingsInput,
  carrierOptions,
  readCarrierMappings,
  saveCarrierMappings,
  validateCarrierMappings,
  type WarehouseChoice,
} from "./carriers.ts";
import type { AuthTransaction, ResolvedConfig } from "./config.ts";
import { AuthHttpError, ReauthRequiredError, shopNotFound } from "./errors.ts";
import { carrierMappings, type ShopRow, shops } from "./schema.ts";
import type { TokenVault } from "./vault.ts";
import { findShops, type ShopRecord, type ShopView, sellerShops, shopView } from "./views.ts";

/** How long a running purge keeps others from starting one; a crashed purge is retried after it. */
const PURGE_LEASE_SECONDS = 300;

export interface ShopPurgeEvent {
  shopId: string;
  sellerId: string;
  /** `disconnected`: the seller disconnected in the app; `deauthorized`: TikTok said so (webhook 6). */
  reason: "disconnected" | "deauthorized";
}

/**
 * Deletes the app's data of a shop and stops its jobs. Hooks run one after another in the order
 * they were registered (register "stop jobs" before "delete data"), after the shop is already
 * marked disconnected. They must be idempotent: a failed purge is run again, whole, on retry.
 */
export type ShopPurgeHook = (event: ShopPurgeEvent) => void | Promise<void>;

/** The outcome of a carrier mapping update: saved, or refused with every problem named. */
export type CarrierMappingResult =
  | { ok: true; mappings: CarrierMapping[] }
  | { ok: false; issues: CarrierMappingIssue[] };

/**
 * Shop connections (SHOP-CONN-*, SHOP-DISCON-SINGLE, SHOP-MAN-*): listing, disconnecting and
 * purging, TikTok's deauthorization and expiry webhooks, per-shop API clients and carrier
 * mapping. Every method that takes a `sellerId` answers 404 for a shop of anyone else.
 */
export class ShopConnections {
  private readonly hooks: ShopPurgeHook[] = [];

  constructor(
    private readonly config: ResolvedConfig,
    private readonly vault: TokenVault,
  ) {}

  /** Registers a purge hook; returns a function that removes it. */
  onShopPurge(hook: ShopPurgeHook): () => void {
    this.hooks.push(hook);
    return () => {
      const at = this.hooks.indexOf(hook);
      if (at >= 0) this.hooks.splice(at, 1);
    };
  }

  /** All of the seller's shops, connected or not. */
  async list(sellerId: string): Promise<ShopView[]> {
    const records = await sellerShops(this.config.db, sellerId);
    return records.map((r) => shopView(this.config, r));
  }

  /** One of the seller's shops; 404 for any other id. */
  async get(sellerId: string, shopId: string): Promise<ShopView> {
    return shopView(this.config, await this.owned(sellerId, shopId));
  }

  /**
   * A TikTok Shop client for one of the seller's connected shops, with tokens from the vault.
   * Throws 404 (`AuthHttpError`) for a shop the seller does not own or that is not connected, and
   * 409 (`ReauthRequiredError`) when the authorization has ended.
   */
  async shopClient(sellerId: string, shopId: string): Promise<ShopClient> {
    const record = await this.owned(sellerId, shopId);
    if (record.shop.status !== "connected") throw shopNotFound();
    return this.clientOf(record);
  }

  /**
   * A client for a connected shop without a signed-in seller: for jobs and webhook handlers, which
   * act for the shop itself. Never use it with a shop id taken from a browser request.
   */
  async backgroundShopClient(shopId: string): Promise<ShopClient> {
    const [record] = await findShops(
      this.config.db,
      and(eq(shops.id, shopId), eq(shops.status, "connected")),
    );
    if (!record) throw shopNotFound();
    return this.clientOf(record);
  }

  /**
   * Disconnects a shop (SHOP-DISCON-SINGLE): TikTok's Deauthorize Shop first, then the shop is
   * marked disconnected, then the purge hooks run and the shop's carrier mappings go.
   *
   * The order makes a retry finish the job. If TikTok's call fails, nothing has changed here
   * (502) and a retry starts over. If a purge hook fails, the shop stays disconnected with its
   * purge owed (500), and a retry skips TikTok and runs the purge again. A disconnected,
   * purged shop answers at once: the call is idempotent.
   */
  async disconnect(sellerId: string, shopId: string): Promise<ShopView> {
    const record = await this.owned(sellerId, shopId);
    if (record.shop.status === "connected") {
      await this.deauthorizeAtTikTok(record);
      await this.markNotConnected(record.shop, "disconnected");
    }
    // The seller's choice wins over a deauthorization recorded meanwhile (TikTok's webhook 6 for this
    // very call can arrive first) or earlier (a shop left out of a re-authorization).
    await this.config.db
      .update(shops)
      .set({ status: "disconnected", reauthRequired: false, updatedAt: this.config.now() })
      .where(and(eq(shops.id, shopId), eq(shops.status, "deauthorized")));
    await this.purgeIfOwed(shopId, "disconnected");
    return this.get(sellerId, shopId);
  }

  /**
   * Webhook 6 (SELLER_DEAUTHORIZATION): the seller removed the app for this shop in Seller Center.
   * Same purge as a disconnect, without calling TikTok. Returns false for an unknown shop;
   * repeated deliveries do nothing more.
   */
  async handleDeauthorization(shopId: string): Promise<boolean> {
    const [shop] = await this.config.db.select().from(shops).where(eq(shops.id, shopId));
    if (!shop) return false;
    if (shop.status === "connected") await this.markNotConnected(shop, "deauthorized");
    await this.purgeIfOwed(shopId, "deauthorized");
    return true;
  }

  /**
   * Webhook 7 (UPCOMING_AUTHORIZATION_EXPIRATION): records when the authorization ends and flags
   * the shop for re-authorization, which shows the banner. Returns false when the shop is not
   * connected.
   */
  async handleExpiryNotice(shopId: string, expiresAt: number | null): Promise<boolean> {
    const updated = await this.config.db
      .update(shops)
      .set({
        ...(expiresAt !== null && Number.isFinite(expiresAt) && expiresAt > 0
          ? { authExpiresAt: expiresAt }
          : {}),
        reauthRequired: true,
        updatedAt: this.config.now(),
      })
      .where(and(eq(shops.id, shopId), eq(shops.status, "connected")))
      .returning({ id: shops.id });
    if (updated.length > 0) {
      this.config.logger.info({ shopId, expiresAt }, "authorization expiry notice recorded");
    }
    return updated.length > 0;
  }

  /**
   * Handles the webhooks that concern connections (types 6 and 7) from a verified, parsed event
   * (`parseWebhook` of `@tts-kit/tiktok-shop`). Returns whether the event was one of them.
   */
  async handleWebhook(event: WebhookEvent): Promise<boolean> {
    if (event.name === "SELLER_DEAUTHORIZATION") {
      await this.handleDeauthorization(event.shopId);
      return true;
    }
    if (event.name === "UPCOMING_AUTHORIZATION_EXPIRATION") {
      const raw = event.data.expiration_time;
      const expiresAt = raw === undefined ? null : Number(raw);
      await this.handleExpiryNotice(event.shopId, Number.isFinite(expiresAt) ? expiresAt : null);
      return true;
    }
    return false;
  }

  /** Records the app's last successful sync of a shop (shown on the connections page). */
  /** Records a completed sync of a connected shop (a run ending after a disconnect records nothing). */
  async markSynced(shopId: string, at: number = this.config.now()): Promise<void> {
    await this.config.db
      .update(shops)
      .set({ lastSyncedAt: at })
      .where(and(eq(shops.id, shopId), eq(shops.status, "connected")));
  }

  /** The warehouse → delivery option → shipping provider tree of one of the seller's connected shops. */
  async carrierOptions(sellerId: string, shopId: string): Promise<WarehouseChoice[]> {
    return carrierOptions(await this.shopClient(sellerId, shopId));
  }

  async carrierMappings(sellerId: string, shopId: string): Promise<CarrierMapping[]> {
    await this.owned(sellerId, shopId);
    return readCarrierMappings(this.config.db, shopId);
  }

  /**
   * Replaces the shop's carrier mappings after checking every id against TikTok's live options.
   * Nothing is saved unless all of them are valid.
   */
  async setCarrierMappings(
    sellerId: string,
    shopId: string,
    mappings: CarrierMappingsInput["mappings"],
  ): Promise<CarrierMappingResult> {
    const client = await this.shopClient(sellerId, shopId);
    const issues = await validateCarrierMappings(client, mappings);
    if (issues.length > 0) return { ok: false, issues };
    return {
      ok: true,
      mappings: await saveCarrierMappings(this.config.db, shopId, mappings, this.config.now()),
    };
  }

  private async owned(sellerId: string, shopId: string): Promise<ShopRecord> {
    const [record] = await findShops(this.config.db, and(eq(shops.id, shopId), eq(shops.sellerId, sellerId)));
    if (!record) throw shopNotFound();
    return record;
  }

  private clientOf(record: ShopRecord): ShopClient {
    const { shop } = record;
    if (!shop.grantId || record.grantStatus !== "active") {
      throw new ReauthRequiredError(shop.grantId ?? "", shopView(this.config, record).reauthUrl);
    }
    return this.config.tiktok.shop({
      accessToken: this.vault.tokenSource(shop.grantId),
      shopCipher: shop.cipher,
    });
  }

  private async deauthorizeAtTikTok(record: ShopRecord): Promise<void> {
    if (!record.shop.grantId || record.grantStatus !== "active") return; // the authorization already ended
    try {
      await this.clientOf(record).authorization.deauthorizeShop();
    } catch (error) {
      // The shop is already not authorized for us at TikTok: that is the outcome we wanted.
      if (error instanceof ReauthRequiredError) return;
      if (isTikTokShopError(error) && ["invalid_token", "cipher", "not_found"].includes(error.kind)) return;
      this.config.logger.warn(
        { shopId: record.shop.id, kind: isTikTokShopError(error) ? error.kind : "unknown" },
        "deauthorize shop failed; nothing changed",
      );
      throw new AuthHttpError(
        502,
        "tiktok_unavailable",
        "TikTok Shop did not confirm the disconnection, so nothing was changed. Please try again.",
      );
    }
  }

  /**
   * Marks a shop disconnected or deauthorized with its purge owed. When it was the grant's last
   * connected shop, TikTok has ended the authorization, so the grant's tokens are deleted too.
   */
  private async markNotConnected(shop: ShopRow, status: "disconnected" | "deauthorized"): Promise<void> {
    const now = this.config.now();
    await this.config.db.transaction(async (tx: AuthTransaction) => {
      const changed = await tx
        .update(shops)
        .set({ status, disconnectedAt: now, purgedAt: null, reauthRequired: false, updatedAt: now })
        .where(and(eq(shops.id, shop.id), eq(shops.status, "connected")))
        .returning({ id: shops.id });
      if (changed.length === 0 || !shop.grantId) return;
      const [other] = await tx
        .select({ id: shops.id })
        .from(shops)
        .where(and(eq(shops.grantId, shop.grantId), eq(shops.status, "connected"), ne(shops.id, shop.id)))
        .limit(1);
      if (!other) await this.vault.revoke(tx, shop.grantId, "no_shops_left");
    });
    this.config.logger.info({ shopId: shop.id, status }, "shop no longer connected");
  }

  /**
   * Runs the purge hooks if the shop's purge is still owed and nobody else is running it: the
   * purge is claimed with a lease on the row, so a webhook 6 arriving during a disconnect (or two
   * instances) purge once. A purge that fails gives its lease back, so the next attempt reruns it.
   */
  private async purgeIfOwed(shopId: string, reason: ShopPurgeEvent["reason"]): Promise<void> {
    const { db, logger } = this.config;
    const now = this.config.now();
    const [shop] = await db
      .update(shops)
      .set({ purgeLeaseUntil: now + PURGE_LEASE_SECONDS })
      .where(
        and(
          eq(shops.id, shopId),
          ne(shops.status, "connected"),
          isNull(shops.purgedAt),
          or(isNull(shops.purgeLeaseUntil), lt(shops.purgeLeaseUntil, now)),
        ),
      )
      .returning();
    if (!shop) return;
    for (const hook of this.hooks) {
      try {
        await hook({ shopId, sellerId: shop.sellerId, reason });
      } catch (error) {
        await db.update(shops).set({ purgeLeaseUntil: null }).where(eq(shops.id, shopId));
        logger.error(
          { shopId, error: error instanceof Error ? error.message : String(error) },
          "shop purge hook failed",
        );
        throw new AuthHttpError(
          500,
          "purge_incomplete",
          "The shop is disconnected, but deleting its data did not finish. Please try again to complete it.",
        );
      }
    }
    await db.transaction(async (tx) => {
      await tx.delete(carrierMappings).where(eq(carrierMappings.shopId, shopId));
      await tx
        .update(shops)
        // The data is gone, so nothing is synced any more: a reconnection shows "not synced yet"
        // until its own first import is done.
        .set({ purgedAt: this.config.now(), purgeLeaseUntil: null, lastSyncedAt: null })
        .where(and(eq(shops.id, shopId), ne(shops.status, "connected")));
    });
    logger.info({ shopId, reason }, "shop data purged");
  }
}
