import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { opaqueId } from "../ids.ts";
import type { Runtime } from "../platform/runtime.ts";
import type { Seller } from "../state/platform.ts";

/**
 * Seller Center login sessions: an opaque id in an httpOnly, SameSite=Lax cookie mapped to the
 * seller in memory. Sessions do not survive a restart of the dev shop (log in again).
 */

export const SESSION_COOKIE = "dev_shop_seller";

export class SessionStore {
  private readonly sessions = new Map<string, string>();

  login(c: Context, seller: Seller): void {
    const id = opaqueId(24);
    this.sessions.set(id, seller.id);
    setCookie(c, SESSION_COOKIE, id, { httpOnly: true, sameSite: "Lax", path: "/" });
  }

  logout(c: Context): void {
    const id = getCookie(c, SESSION_COOKIE);
    if (id) this.sessions.delete(id);
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
  }

  seller(c: Context, runtime: Runtime): Seller | undefined {
    const id = getCookie(c, SESSION_COOKIE);
    const sellerId = id ? this.sessions.get(id) : undefined;
    return sellerId ? runtime.store.platform.sellers.find((s) => s.id === sellerId) : undefined;
  }

  clear(): void {
    this.sessions.clear();
  }
}

/** Where to send a seller after login: only paths on this host. */
export function safeNext(next: string | undefined): string {
  return next?.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\")
    ? next
    : "/seller-center/shops";
}

export function loginRedirect(c: Context): Response {
  const url = new URL(c.req.url);
  return c.redirect(`/seller-center/login?next=${encodeURIComponent(url.pathname + url.search)}`, 302);
}
