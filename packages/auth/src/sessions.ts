import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AuthDatabase, AuthTransaction, ResolvedConfig } from "./config.ts";
import { hashToken, looksLikeToken, randomToken } from "./random.ts";
import { oauthStates, type SellerRow, type SessionRow, sellers, sessions } from "./schema.ts";

/** A rotated-out session keeps working this long, so requests already in flight with the old cookie succeed. */
const ROTATION_GRACE_SECONDS = 60;
/** Sliding expiry is written at most this often per session, not on every request. */
const TOUCH_INTERVAL_SECONDS = 60;

export interface ActiveSession {
  session: SessionRow;
  seller: SellerRow;
}

/**
 * Server-side seller sessions. The cookie holds 32 random bytes; the table holds only their
 * SHA-256. Expiry slides with use (idle timeout) up to an absolute limit set at sign-in, which
 * rotation carries over. The id changes at sign-in and periodically (`rotateAfterSeconds`).
 */
export class SessionManager {
  constructor(private readonly config: ResolvedConfig) {}

  /**
   * Signs the browser in as `sellerId`: a new session, replacing (deleting) the one its cookie
   * names, if any, so a session id never survives a sign-in (session fixation).
   */
  async signIn(
    c: Context,
    sellerId: string,
    db: AuthDatabase | AuthTransaction = this.config.db,
  ): Promise<void> {
    const now = this.config.now();
    const previous = this.cookieHash(c);
    if (previous) await db.delete(sessions).where(eq(sessions.id, previous));
    const token = randomToken();
    const absoluteExpiresAt = now + this.config.absoluteSeconds;
    await db.insert(sessions).values({
      id: hashToken(token),
      sellerId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: Math.min(now + this.config.idleSeconds, absoluteExpiresAt),
      absoluteExpiresAt,
      rotatedFrom: previous ?? null,
    });
    this.setCookie(c, token, absoluteExpiresAt - now);
  }

  /**
   * The browser's session and seller, or null. Extends the idle expiry and rotates the id when due
   * (the new cookie is set on `c`).
   */
  async current(c: Context): Promise<ActiveSession | null> {
    const id = this.cookieHash(c);
    if (!id) return null;
    const { db } = this.config;
    const [found] = await db
      .select({ session: sessions, seller: sellers })
      .from(sessions)
      .innerJoin(sellers, eq(sellers.id, sessions.sellerId))
      .where(eq(sessions.id, id));
    if (!found) return null;
    const now = this.config.now();
    const { session } = found;
    if (session.expiresAt <= now || session.absoluteExpiresAt <= now) {
      await db.delete(sessions).where(eq(sessions.id, id));
      this.clearCookie(c);
      return null;
    }
    // A session rotated out moments ago still answers, but is not extended or rotated again.
    if (session.rotatedAt !== null) return found;

    if (now - session.createdAt >= this.config.rotateAfterSeconds) {
      const rotated = await this.rotate(c, session, now);
      if (rotated) return { session: rotated, seller: found.seller };
      return found;
    }
    if (now - session.lastSeenAt >= TOUCH_INTERVAL_SECONDS) {
      const expiresAt = Math.min(now + this.config.idleSeconds, session.absoluteExpiresAt);
      await db
        .update(sessions)
        .set({ lastSeenAt: now, expiresAt })
        .where(and(eq(sessions.id, id), isNull(sessions.rotatedAt)));
      return { session: { ...session, lastSeenAt: now, expiresAt }, seller: found.seller };
    }
    return found;
  }

  /** Deletes the browser's session and clears its cookie. Safe without a session. */
  async signOut(c: Context): Promise<void> {
    const id = this.cookieHash(c);
    if (id) await this.config.db.delete(sessions).where(eq(sessions.id, id));
    this.clearCookie(c);
  }

  /** Ends every session of a seller (e.g. after a security event). */
  async signOutEverywhere(sellerId: string): Promise<void> {
    await this.config.db.delete(sessions).where(eq(sessions.sellerId, sellerId));
  }

  /** Deletes expired sessions and install states; for a periodic job (sign-ins also call it). */
  async prune(): Promise<void> {
    const { db } = this.config;
    const now = this.config.now();
    await db.delete(sessions).where(or(lt(sessions.expiresAt, now), lt(sessions.absoluteExpiresAt, now)));
    // Used or expired states are kept a day, so a late click still gets "already used" rather than "unknown".
    await db.delete(oauthStates).where(lt(oauthStates.expiresAt, now - 86_400));
  }

  private async rotate(c: Context, session: SessionRow, now: number): Promise<SessionRow | null> {
    const token = randomToken();
    const next: SessionRow = {
      id: hashToken(token),
      sellerId: session.sellerId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: Math.min(now + this.config.idleSeconds, session.absoluteExpiresAt),
      absoluteExpiresAt: session.absoluteExpiresAt,
      rotatedFrom: session.id,
      rotatedAt: null,
    };
    const claimed = await this.config.db.transaction(async (tx) => {
      // Only one of several concurrent requests carrying the old cookie gets to rotate it.
      const won = await tx
        .update(sessions)
        .set({ rotatedAt: now, expiresAt: Math.min(session.expiresAt, now + ROTATION_GRACE_SECONDS) })
        .where(and(eq(sessions.id, session.id), isNull(sessions.rotatedAt)))
        .returning({ id: sessions.id });
      if (won.length === 0) return false;
      await tx.insert(sessions).values(next);
      return true;
    });
    if (!claimed) return null;
    this.setCookie(c, token, session.absoluteExpiresAt - now);
    return next;
  }

  private cookieHash(c: Context): string | null {
    const value = getCookie(c, this.config.sessionCookie);
    return looksLikeToken(value) ? hashToken(value) : null;
  }

  private setCookie(c: Context, token: string, maxAge: number): void {
    setCookie(c, this.config.sessionCookie, token, {
      httpOnly: true,
      secure: this.config.secureCookies,
      sameSite: "Lax",
      path: "/",
      maxAge: Math.max(0, maxAge),
    });
  }

  private clearCookie(c: Context): void {
    deleteCookie(c, this.config.sessionCookie, { path: "/", secure: this.config.secureCookies });
  }
}
