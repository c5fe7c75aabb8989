import type { Database } from "@tts-kit/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../src/random.ts";
import * as tables from "../fixtures/schema.ts";
import { createHarness, type DbKind, KEYS, openTestDatabase, type schema } from "../support/harness.ts";

const SESSION = "tts_7300000000000000042";
const DAY = 86_400;

export function sessionSuite(kind: DbKind) {
  describe(`sessions (${kind})`, () => {
    let database: Database<typeof schema>;
    beforeAll(async () => {
      database = await openTestDatabase(kind);
    });
    afterAll(() => database?.close());

    const sessionRow = async (token: string | undefined) => {
      const [row] = await database.db
        .select()
        .from(tables.sessions)
        .where(eq(tables.sessions.id, hashToken(token ?? "")));
      return row;
    };

    it("stores only the hash of the session token", async () => {
      const h = createHarness(database);
      const browser = h.browser();
      await h.install(browser);
      const token = browser.cookies.get(SESSION) ?? "";
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const row = await sessionRow(token);
      expect(row).toBeDefined();
      const all = await database.db.select().from(tables.sessions);
      expect(JSON.stringify(all)).not.toContain(token);
      expect(row?.absoluteExpiresAt).toBe((row?.createdAt ?? 0) + 30 * DAY);
      expect(row?.expiresAt).toBe((row?.createdAt ?? 0) + 7 * DAY);
    });

    it("uses Secure __Host- cookies unless secureCookies is false", async () => {
      const h = createHarness(database, { secureCookies: true, encryptionKeys: KEYS });
      const browser = h.browser();
      await browser.request("/api/auth/install");
      const binding =
        browser.lastSetCookie.find((c) => c.startsWith("__Host-tts_7300000000000000042_oauth=")) ?? "";
      expect(binding).toMatch(/; Secure/);
      expect(binding).toMatch(/; Path=\//);
      await h.install(browser);
      const session = browser.lastSetCookie.find((c) => c.startsWith(`__Host-${SESSION}=`)) ?? "";
      expect(session).toMatch(/; Secure/);
      expect(session).toMatch(/; HttpOnly/);
      expect(session).toMatch(/; SameSite=Lax/);
    });

    it("rotates the session id on sign-in: the old id stops working", async () => {
      const h = createHarness(database);
      const browser = h.browser();
      await h.install(browser);
      const first = browser.cookies.get(SESSION);
      await h.install(browser);
      const second = browser.cookies.get(SESSION);
      expect(second).not.toBe(first);
      expect(await sessionRow(first)).toBeUndefined();
      expect((await sessionRow(second))?.rotatedFrom).toBe(hashToken(first ?? ""));

      const stale = h.browser();
      stale.cookies.set(SESSION, first ?? "");
      expect((await stale.json("/api/auth/session")).status).toBe(401);
    });

    it("rotates periodically, keeps the old id for a short grace, never extends the absolute limit", async () => {
      const h = createHarness(database);
      const browser = h.browser();
      await h.install(browser);
      const first = browser.cookies.get(SESSION) ?? "";
      const original = await sessionRow(first);

      h.clock.offset += DAY + 1;
      expect((await browser.json("/api/auth/session")).status).toBe(200);
      const second = browser.cookies.get(SESSION) ?? "";
      expect(second).not.toBe(first);
      const rotated = await sessionRow(second);
      expect(rotated?.rotatedFrom).toBe(hashToken(first));
      expect(rotated?.absoluteExpiresAt).toBe(original?.absoluteExpiresAt);

      // A request still in flight with the old cookie succeeds for a moment, then the old id is gone.
      const old = h.browser();
      old.cookies.set(SESSION, first);
      expect((await old.json("/api/auth/session")).status).toBe(200);
      expect(old.cookies.get(SESSION)).toBe(first);
      h.clock.offset += 61;
      expect((await old.json("/api/auth/session")).status).toBe(401);
      expect((await browser.json("/api/auth/session")).status).toBe(200);
    });

    it("expires after 7 idle days", async () => {
      const h = createHarness(database);
      const browser = h.browser();
      await h.install(browser);
      const token = browser.cookies.get(SESSION);
      h.clock.offset += 7 * DAY + 1;
      const response = await browser.json("/api/auth/session");
      expect(response.status).toBe(401);
      expect(await sessionRow(token)).toBeUndefined();
      expect(browser.cookies.has(SESSION)).toBe(false);
    });

    it("slides with use, but ends 30 days after sign-in however active", async () => {
      const h = createHarness(database);
      const browser = h.browser();
      await h.install(browser);
      for (let day = 6; day < 30; day += 6) {
        h.clock.offset += 6 * DAY;
        expect((await browser.json("/api/auth/session")).status, `day ${day}`).toBe(200);
      }
      h.clock.offset += 6 * DAY;
      expect((await browser.json("/api/auth/session")).status).toBe(401);
    });

    it("logout deletes the session row and clears the cookie", async () => {
      const h = createHarness(database);
      const browser = h.browser();
      await h.install(browser);
      const token = browser.cookies.get(SESSION);
      const response = await browser.json("/api/auth/logout", { method: "POST" });
      expect(response.status).toBe(200);
      expect(browser.cookies.has(SESSION)).toBe(false);
      expect(await sessionRow(token)).toBeUndefined();
      const replay = h.browser();
      replay.cookies.set(SESSION, token ?? "");
      expect((await replay.json("/api/auth/session")).status).toBe(401);
      // Logging out without a session is harmless.
      expect((await h.browser().json("/api/auth/logout", { method: "POST" })).status).toBe(200);
    });

    it("answers 401 JSON without a session, and ignores malformed cookies", async () => {
      const h = createHarness(database);
      const browser = h.browser();
      browser.cookies.set(SESSION, "not-a-token");
      const response = await browser.json("/api/auth/session");
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        error: "unauthenticated",
        message: "Sign in to continue.",
        installUrl: "/api/auth/install",
      });
    });
  });
}
