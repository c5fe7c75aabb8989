import { type Grant, isTikTokShopError } from "@tts-kit/tiktok-shop";
import { and, eq, isNull, notInArray, sql } from "drizzle-orm";
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { type AuthTransaction, installUrl, type Market, marketOf, type ResolvedConfig } from "./config.ts";
import { type Outcome, respondOutcome } from "./pages.ts";
import { hashToken, looksLikeToken, matchesHash, randomToken } from "./random.ts";
import { grants, type OAuthStateRow, oauthStates, sellers, shops } from "./schema.ts";
import type { SessionManager } from "./sessions.ts";
import { TokenVault } from "./vault.ts";

/** What an authorization added or changed, for logs and hooks. */
export interface ConnectResult {
  sellerId: string;
  grantId: string;
  /** Shops the authorization covers (now connected). */
  shopIds: string[];
  /** Shops connected before but left out of this authorization: now `deauthorized`, data kept. */
  droppedShopIds: string[];
}

type StateCheck =
  | { ok: true; row: OAuthStateRow }
  | { ok: false; reason: "unknown" | "used" | "expired" | "browser" };

/**
 * The install (OAuth) flow: `begin` sends the browser to TikTok's authorization page with a
 * single-use state bound to this browser; `callback` checks both, exchanges the code, records the
 * seller, grant and shops, and signs the browser in.
 */
export class InstallFlow {
  constructor(
    private readonly config: ResolvedConfig,
    private readonly vault: TokenVault,
    private readonly sessions: SessionManager,
  ) {}

  async begin(c: Context): Promise<Response> {
    const { config } = this;
    const marketParam = c.req.query("market");
    if (marketParam !== undefined && marketParam !== "US" && marketParam !== "ROW") {
      return respondOutcome(c, {
        status: 400,
        error: "invalid_market",
        title: "Unknown market",
        message:
          "The install link names an unknown market: use market=US for US shops or market=ROW for all others.",
      });
    }
    const market: Market = marketParam ?? config.defaultMarket;
    const returnPath = safeReturnPath(c.req.query("return"));
    if (returnPath === null) {
      return respondOutcome(c, {
        status: 400,
        error: "invalid_return",
        title: "Invalid link",
        message: "The install link's return address must be a path on this site, such as /orders.",
      });
    }

    // One binding value per browser, reused while it lasts, so installs started in two tabs both work.
    const existing = getCookie(c, config.oauthCookie);
    const browser = looksLikeToken(existing) ? existing : randomToken();
    const state = randomToken();
    const now = config.now();
    await config.db.insert(oauthStates).values({
      id: hashToken(state),
      browserHash: hashToken(browser),
      market,
      returnPath,
      createdAt: now,
      expiresAt: now + config.stateTtlSeconds,
    });
    setCookie(c, config.oauthCookie, browser, {
      httpOnly: true,
      secure: config.secureCookies,
      // Lax: the cookie must come back on TikTok's top-level redirect to the callback.
      sameSite: "Lax",
      path: "/",
      maxAge: config.stateTtlSeconds,
    });
    c.header("Cache-Control", "no-store");
    return c.redirect(config.tiktok.authorizeUrl({ serviceId: config.serviceId, state, market }), 302);
  }

  async callback(c: Context): Promise<Response> {
    const { config } = this;
    const { code, state, error } = c.req.query();

    if (error) {
      // A cancelled authorization still uses up its state.
      const check = state ? await this.checkState(c, state) : null;
      const returnPath = check?.ok ? check.row.returnPath : "/";
      return respondOutcome(c, {
        status: 200,
        error: error === "auth_denied" ? "authorization_cancelled" : "authorization_failed",
        title: "Authorization was cancelled",
        message:
          error === "auth_denied"
            ? "You cancelled the authorization on TikTok Shop, so no shop was connected. You can start again at any time."
            : "TikTok Shop did not complete the authorization, so no shop was connected. Please start again.",
        action: { href: installUrl(config, { returnPath }), label: "Connect TikTok Shop" },
      });
    }

    if (!state) return this.appStoreInstall(c, code);

    const check = await this.checkState(c, state);
    if (!check.ok) return respondOutcome(c, stateOutcome(config, check.reason));
    const { row } = check;
    if (!code) {
      return respondOutcome(c, {
        status: 400,
        error: "missing_code",
        title: "Authorization incomplete",
        message: "TikTok Shop sent no authorization code. Please start again.",
        action: { href: installUrl(config, retryOf(row)), label: "Start again" },
      });
    }

    const connected = await this.connectOrOutcome(code, retryOf(row));
    if ("status" in connected) return respondOutcome(c, connected);
    await this.sessions.signIn(c, connected.sellerId);
    void this.sessions.prune().catch(() => {});
    c.header("Cache-Control", "no-store");
    c.header("Referrer-Policy", "no-referrer");
    return c.redirect(row.returnPath, 302);
  }

  /**
   * Exchanges an authorization code and records what it grants: the seller (by open_id), the
   * encrypted tokens and every shop of Get Authorized Shops. Shops this seller had connected but
   * that the new authorization leaves out become `deauthorized` with re-authorization flagged;
   * their data stays until the seller disconnects them or TikTok sends webhook 6.
   */
  async connect(code: string): Promise<ConnectResult> {
    const { config } = this;
    const grant = await config.tiktok.tokens.exchangeAuthCode(code);
    const { shops: authorized } = await config.tiktok
      .shop({ accessToken: grant.accessToken })
      .authorization.getAuthorizedShops();
    const now = config.now();

    const result = await config.db.transaction(async (tx) => {
      const [seller] = await tx
        .insert(sellers)
        .values({
          openId: grant.openId,
          name: grant.sellerName,
          baseRegion: grant.sellerBaseRegion,
          userType: grant.userType,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoUpdate({
          target: sellers.openId,
          set: {
            name: grant.sellerName,
            baseRegion: grant.sellerBaseRegion,
            userType: grant.userType,
            updatedAt: now,
          },
        })
        .returning({ id: sellers.id });
      if (!seller) throw new Error("seller upsert returned no row");

      const grantId = await this.saveGrant(tx, seller.id, grant, now);

      for (const shop of authorized) {
        const values = {
          grantId,
          sellerId: seller.id,
          name: shop.name,
          region: shop.region,
          sellerType: shop.seller_type,
          cipher: shop.cipher,
          code: shop.code,
          status: "connected" as const,
          disconnectedAt: null,
          purgedAt: null,
          purgeLeaseUntil: null,
          authExpiresAt: grant.refreshTokenExpiresAt,
          reauthRequired: false,
          updatedAt: now,
        };
        await tx
          .insert(shops)
          .values({ id: shop.id, connectedAt: now, ...values })
          .onConflictDoUpdate({
            target: shops.id,
            set: {
              ...values,
              // A shop that stays connected to the same seller keeps its original connection time.
              connectedAt: sql`CASE WHEN ${shops.status} = 'connected' AND ${shops.sellerId} = ${seller.id} THEN ${shops.connectedAt} ELSE ${now} END`,
            },
          });
      }

      const ids = authorized.map((s) => s.id);
      const dropped = await tx
        .update(shops)
        .set({ status: "deauthorized", reauthRequired: true, disconnectedAt: now, updatedAt: now })
        .where(
          and(
            eq(shops.sellerId, seller.id),
            eq(shops.status, "connected"),
            ids.length > 0 ? notInArray(shops.id, ids) : undefined,
          ),
        )
        .returning({ id: shops.id });
      return { sellerId: seller.id, grantId, shopIds: ids, droppedShopIds: dropped.map((d) => d.id) };
    });
    config.logger.info(
      {
        sellerId: result.sellerId,
        grantId: result.grantId,
        shops: result.shopIds.length,
        droppedShops: result.droppedShopIds.length,
      },
      "seller authorized the app",
    );
    return result;
  }

  /**
   * Stores the new token pair in the seller's grant (one per seller: re-authorizing updates it).
   * The ciphertexts are bound to the grant id, so the id is settled first: the existing row's, or a
   * new one inserted with DO NOTHING so that two simultaneous first installs end up on one row.
   */
  private async saveGrant(tx: AuthTransaction, sellerId: string, grant: Grant, now: number): Promise<string> {
    const columns = (grantId: string) => ({
      ...this.vault.seal(grantId, grant),
      accessExpiresAt: grant.accessTokenExpiresAt,
      refreshExpiresAt: grant.refreshTokenExpiresAt,
      scopes: grant.grantedScopes,
      status: "active" as const,
      revokedReason: null,
      updatedAt: now,
      refreshedAt: null,
    });
    const existing = async () =>
      (await tx.select({ id: grants.id }).from(grants).where(eq(grants.sellerId, sellerId)).for("update"))[0];
    let found = await existing();
    if (!found) {
      const id = TokenVault.newGrantId();
      const inserted = await tx
        .insert(grants)
        .values({ id, sellerId, createdAt: now, ...columns(id) })
        .onConflictDoNothing({ target: grants.sellerId })
        .returning({ id: grants.id });
      if (inserted[0]) return inserted[0].id;
      found = await existing();
      if (!found) throw new Error("grant upsert found no row");
    }
    await tx
      .update(grants)
      .set({ ...columns(found.id), version: sql`${grants.version} + 1` })
      .where(eq(grants.id, found.id));
    return found.id;
  }

  /**
   * A callback without `state`: TikTok's App Store opens the authorization page without one. The
   * code is still only usable with our app secret, so the shops are connected. But nothing ties the
   * request to this browser (an attacker could send someone a link with their own code to sign them
   * in to the attacker's account), so it signs in only a browser that already has a session for the
   * same seller. Any other browser is sent through the state-bound install, one more click on
   * TikTok's consent page.
   */
  private async appStoreInstall(c: Context, code: string | undefined): Promise<Response> {
    const { config } = this;
    if (!code) return respondOutcome(c, stateOutcome(config, "unknown"));
    const connected = await this.connectOrOutcome(code, {});
    if ("status" in connected) return respondOutcome(c, connected);
    const current = await this.sessions.current(c);
    c.header("Cache-Control", "no-store");
    c.header("Referrer-Policy", "no-referrer");
    if (current && current.seller.id === connected.sellerId) {
      await this.sessions.signIn(c, connected.sellerId);
      return c.redirect("/", 302);
    }
    const [first] = await config.db
      .select({ region: shops.region })
      .from(shops)
      .where(eq(shops.sellerId, connected.sellerId))
      .limit(1);
    return c.redirect(installUrl(config, first ? { market: marketOf(first.region) } : {}), 302);
  }

  private async connectOrOutcome(
    code: string,
    retry: { market?: Market; returnPath?: string },
  ): Promise<ConnectResult | Outcome> {
    try {
      return await this.connect(code);
    } catch (error) {
      const action = { href: installUrl(this.config, retry), label: "Start again" };
      if (isTikTokShopError(error) && error.kind === "invalid_token") {
        return {
          status: 400,
          error: "code_invalid",
          title: "This authorization has expired",
          message:
            "TikTok Shop no longer accepts this authorization (it is valid for 30 minutes and works once). Please start again.",
          action,
        };
      }
      this.config.logger.error(
        {
          kind: isTikTokShopError(error) ? error.kind : "unknown",
          tiktokCode: isTikTokShopError(error) ? error.code : 0,
        },
        "install: exchanging the authorization code failed",
      );
      return {
        status: 502,
        error: "tiktok_unavailable",
        title: "TikTok Shop did not answer",
        message: "We could not complete the connection with TikTok Shop. Please try again in a moment.",
        action,
      };
    }
  }

  /** Uses up the state (a state works once, whatever the outcome) and checks expiry and browser binding. */
  private async checkState(c: Context, state: string): Promise<StateCheck> {
    const { db } = this.config;
    if (!looksLikeToken(state)) return { ok: false, reason: "unknown" };
    const id = hashToken(state);
    const now = this.config.now();
    const [row] = await db
      .update(oauthStates)
      .set({ consumedAt: now })
      .where(and(eq(oauthStates.id, id), isNull(oauthStates.consumedAt)))
      .returning();
    if (!row) {
      const [known] = await db.select().from(oauthStates).where(eq(oauthStates.id, id));
      return { ok: false, reason: known ? "used" : "unknown" };
    }
    if (row.expiresAt <= now) return { ok: false, reason: "expired" };
    const browser = getCookie(c, this.config.oauthCookie);
    if (!looksLikeToken(browser) || !matchesHash(browser, row.browserHash))
      return { ok: false, reason: "browser" };
    return { ok: true, row };
  }
}

function retryOf(row: OAuthStateRow): { market: Market; returnPath: string } {
  return { market: row.market === "US" ? "US" : "ROW", returnPath: row.returnPath };
}

function stateOutcome(config: ResolvedConfig, reason: "unknown" | "used" | "expired" | "browser"): Outcome {
  const action = { href: installUrl(config), label: "Start again" };
  switch (reason) {
    case "expired":
      return {
        status: 400,
        error: "state_expired",
        title: "This link has expired",
        message: `The connection was started more than ${Math.round(config.stateTtlSeconds / 60)} minutes ago. Please start again.`,
        action,
      };
    case "used":
      return {
        status: 400,
        error: "state_used",
        title: "This link was already used",
        message: "Each connection link works once. Please start again.",
        action,
      };
    case "browser":
      return {
        status: 400,
        error: "state_other_browser",
        title: "Opened in another browser",
        message:
          "This connection was started in a different browser (or its cookies were cleared). Please start again in this browser.",
        action,
      };
    default:
      return {
        status: 400,
        error: "state_invalid",
        title: "Invalid link",
        message: "This connection link is not valid. Please start again from the app.",
        action,
      };
  }
}

/** A same-site path to return to after install, or null. Rejects `//host` and `/\host`, which browsers treat as other sites. */
export function safeReturnPath(raw: string | undefined): string | null {
  if (raw === undefined || raw === "") return "/";
  if (raw.length > 2048 || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return null;
  // No control characters or backslashes anywhere: some browsers normalise them into a host.
  for (const ch of raw) {
    const code = ch.charCodeAt(0);
    if (code < 0x20 || code === 0x7f || ch === "\\") return null;
  }
  return raw;
}
