import { randomUUID } from "node:crypto";
import { type Grant, isTikTokShopError, type TokenSource } from "@tts-kit/tiktok-shop";
import { and, eq, ne, sql } from "drizzle-orm";
import { type AuthTransaction, installUrl, type ResolvedConfig } from "./config.ts";
import { ReauthRequiredError } from "./errors.ts";
import { type GrantRow, grants, shops } from "./schema.ts";

/**
 * The token vault: encrypted TikTok tokens per seller authorization, refreshed ahead of expiry
 * and on TikTok's "expired" answer, once per grant across every instance sharing the database.
 *
 * Single flight works on two levels. Within a process, concurrent refreshes of one grant share one
 * promise. Across processes, the refresh runs in a transaction holding the grant's row lock
 * (`SELECT ... FOR UPDATE`) and first reads the row again: if another instance refreshed while this
 * one waited, its token is used as is. Otherwise the token host is called and the rotated pair is
 * saved in the same transaction, so a new refresh token is never lost between two instances.
 */
export class TokenVault {
  private readonly inflight = new Map<string, Promise<AccessToken>>();

  constructor(private readonly config: ResolvedConfig) {}

  /** A grant id for a new row: encryption binds ciphertexts to it, so it is chosen before the insert. */
  static newGrantId(): string {
    return randomUUID();
  }

  /** The encrypted columns for a token pair, with the current key. */
  seal(grantId: string, tokens: { accessToken: string; refreshToken: string }) {
    const { keys } = this.config;
    return {
      accessToken: keys.encrypt(tokens.accessToken, aad(grantId, "access_token")),
      refreshToken: keys.encrypt(tokens.refreshToken, aad(grantId, "refresh_token")),
      keyId: keys.current,
    };
  }

  /**
   * A valid access token for the grant, refreshed first when it expires within the margin. If that
   * refresh fails for a passing reason (network, TikTok overloaded) while the token still works, the
   * token is used and the refresh is tried again on the next call.
   */
  async accessToken(grantId: string): Promise<AccessToken> {
    const row = await this.read(grantId);
    const now = this.config.now();
    if (row.accessExpiresAt - now > this.config.refreshMarginSeconds) {
      return { token: this.open(row, "access_token"), version: row.version };
    }
    try {
      return await this.refresh(grantId);
    } catch (error) {
      if (error instanceof ReauthRequiredError || row.accessExpiresAt <= now) throw error;
      this.config.logger.warn(
        { grantId, kind: isTikTokShopError(error) ? error.kind : "unknown" },
        "refresh ahead of expiry failed; using the current access token",
      );
      return { token: this.open(row, "access_token"), version: row.version };
    }
  }

  /**
   * Refreshes the grant's tokens unless someone else already did. With `staleVersion` (the version
   * of a token TikTok called expired) any newer version counts as already refreshed; without it,
   * an access token that is no longer within the refresh margin does.
   */
  refresh(grantId: string, options: { staleVersion?: number } = {}): Promise<AccessToken> {
    const running = this.inflight.get(grantId);
    if (running) return running;
    const promise = this.refreshLocked(grantId, options).finally(() => this.inflight.delete(grantId));
    this.inflight.set(grantId, promise);
    return promise;
  }

  /**
   * A `TokenSource` for `app.shop({ accessToken })`: the current token (refreshed ahead of expiry),
   * and a refresh for when TikTok answers 105002 anyway (clock skew, a revoked token).
   */
  tokenSource(grantId: string): TokenSource {
    let version: number | undefined;
    return {
      current: async () => {
        const access = await this.accessToken(grantId);
        version = access.version;
        return access.token;
      },
      refresh: async () => {
        const access = await this.refresh(grantId, version === undefined ? {} : { staleVersion: version });
        version = access.version;
        return access.token;
      },
    };
  }

  /**
   * Re-encrypts every token not under the current key. Safe to run while the app serves traffic
   * and on several instances at once (each row is rewritten under its row lock). Returns how many
   * grants were rewritten; keep the old keys configured until it has run.
   */
  async rotateKeys(): Promise<{ rotated: number }> {
    const { db, keys } = this.config;
    const stale = await db.select({ id: grants.id }).from(grants).where(ne(grants.keyId, keys.current));
    let rotated = 0;
    for (const { id } of stale) {
      const done = await db.transaction(async (tx) => {
        const [row] = await tx.select().from(grants).where(eq(grants.id, id)).for("update");
        if (!row || row.keyId === keys.current) return false;
        const sealed =
          row.accessToken !== null && row.refreshToken !== null
            ? this.seal(id, {
                accessToken: this.open(row, "access_token"),
                refreshToken: this.open(row, "refresh_token"),
              })
            : { accessToken: null, refreshToken: null, keyId: keys.current };
        // No version bump: the tokens are the same, only their encryption changed.
        await tx.update(grants).set(sealed).where(eq(grants.id, id));
        return true;
      });
      if (done) rotated++;
    }
    this.config.logger.info({ rotated, keyId: keys.current }, "token encryption keys rotated");
    return { rotated };
  }

  /**
   * Closes a grant: tokens wiped, status revoked, and its connected shops flagged for
   * re-authorization. Runs inside the caller's transaction.
   */
  async revoke(tx: AuthTransaction, grantId: string, reason: string): Promise<void> {
    const now = this.config.now();
    await tx
      .update(grants)
      .set({
        status: "revoked",
        revokedReason: reason,
        accessToken: null,
        refreshToken: null,
        updatedAt: now,
        version: sql`${grants.version} + 1`,
      })
      .where(eq(grants.id, grantId));
    await tx
      .update(shops)
      .set({ reauthRequired: true, updatedAt: now })
      .where(and(eq(shops.grantId, grantId), eq(shops.status, "connected")));
  }

  /** Decrypts one token column of a grant row. */
  open(row: GrantRow, column: "access_token" | "refresh_token"): string {
    const stored = column === "access_token" ? row.accessToken : row.refreshToken;
    if (row.status !== "active" || stored === null) throw this.reauth(row.id);
    return this.config.keys.decrypt(stored, row.keyId, aad(row.id, column));
  }

  private async read(grantId: string): Promise<GrantRow> {
    const [row] = await this.config.db.select().from(grants).where(eq(grants.id, grantId));
    if (row?.status !== "active") throw this.reauth(grantId);
    return row;
  }

  private async refreshLocked(grantId: string, options: { staleVersion?: number }): Promise<AccessToken> {
    const { db, tiktok, logger } = this.config;
    // The transaction returns an outcome instead of throwing, so that a revocation is committed.
    const outcome = await db.transaction(async (tx): Promise<RefreshOutcome> => {
      const [row] = await tx.select().from(grants).where(eq(grants.id, grantId)).for("update");
      if (row?.status !== "active") return { kind: "reauth" };
      const now = this.config.now();
      const alreadyDone =
        options.staleVersion !== undefined
          ? row.version !== options.staleVersion
          : row.accessExpiresAt - now > this.config.refreshMarginSeconds;
      if (alreadyDone)
        return { kind: "ok", access: { token: this.open(row, "access_token"), version: row.version } };

      let fresh: Grant;
      try {
        // Holding the row lock across this call is the point: nobody else may spend the refresh token.
        fresh = await tiktok.tokens.refresh(this.open(row, "refresh_token"));
      } catch (error) {
        if (isTikTokShopError(error) && error.kind === "invalid_token") {
          await this.revoke(tx, grantId, "refresh_rejected");
          return { kind: "reauth", code: error.code };
        }
        return { kind: "error", error };
      }
      const version = row.version + 1;
      await tx
        .update(grants)
        .set({
          ...this.seal(grantId, fresh),
          accessExpiresAt: fresh.accessTokenExpiresAt,
          refreshExpiresAt: fresh.refreshTokenExpiresAt,
          scopes: fresh.grantedScopes.length > 0 ? fresh.grantedScopes : row.scopes,
          updatedAt: now,
          refreshedAt: now,
          version,
        })
        .where(eq(grants.id, grantId));
      // The authorization's end may have moved (a renewed authorization reports a later one).
      await tx
        .update(shops)
        .set({ authExpiresAt: fresh.refreshTokenExpiresAt, updatedAt: now })
        .where(and(eq(shops.grantId, grantId), eq(shops.status, "connected")));
      return { kind: "ok", access: { token: fresh.accessToken, version }, refreshed: true };
    });

    if (outcome.kind === "reauth") {
      if (outcome.code !== undefined) {
        logger.warn(
          { grantId, tiktokCode: outcome.code },
          "refresh token refused; re-authorization required",
        );
      }
      throw this.reauth(grantId);
    }
    if (outcome.kind === "error") {
      logger.error(
        { grantId, kind: isTikTokShopError(outcome.error) ? outcome.error.kind : "unknown" },
        "access token refresh failed",
      );
      throw outcome.error;
    }
    if (outcome.refreshed)
      logger.info({ grantId, version: outcome.access.version }, "access token refreshed");
    return outcome.access;
  }

  private reauth(grantId: string): ReauthRequiredError {
    return new ReauthRequiredError(grantId, installUrl(this.config));
  }
}

export interface AccessToken {
  token: string;
  /** The grant's version when this token was current; a refresh makes a higher one. */
  version: number;
}

type RefreshOutcome =
  | { kind: "ok"; access: AccessToken; refreshed?: boolean }
  | { kind: "reauth"; code?: number }
  | { kind: "error"; error: unknown };

function aad(grantId: string, column: "access_token" | "refresh_token"): string {
  return `grants:${grantId}:${column}`;
}
