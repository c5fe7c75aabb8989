import type { Database } from "@tts-kit/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DecryptionError, ReauthRequiredError } from "../../src/index.ts";
import * as tables from "../fixtures/schema.ts";
import type { Browser } from "../support/browser.ts";
import {
  createHarness,
  type DbKind,
  type Harness,
  KEYS,
  key,
  openTestDatabase,
  type schema,
} from "../support/harness.ts";

const DAY = 86_400;

export function vaultSuite(kind: DbKind) {
  describe(`token vault (${kind})`, () => {
    let database: Database<typeof schema>;
    beforeAll(async () => {
      database = await openTestDatabase(kind);
    });
    afterAll(() => database?.close());

    /** Installs seller 1 and returns its grant row and one of its shops. */
    async function installed(h: Harness, input: { durationSeconds?: number } = {}) {
      const browser = h.browser();
      await h.install(browser, input);
      const shop = h.shopsOf("seller1@dev.shop").find((s) => s.region === "US");
      const [row] = await database.db
        .select()
        .from(tables.shops)
        .where(eq(tables.shops.id, shop?.id ?? ""));
      const [grant] = await database.db
        .select()
        .from(tables.grants)
        .where(eq(tables.grants.id, row?.grantId ?? ""));
      if (!grant || !shop) throw new Error("install did not record a grant");
      return { browser, grant, shopId: shop.id };
    }

    /** The dev shop's live tokens of this app: what must never appear in our table or logs. */
    function issuedTokens(h: Harness): string[] {
      return h.devShop.store.platform.tokens.flatMap((t) => [t.accessToken, t.refreshToken]);
    }

    function expectNoTokenIn(h: Harness, text: string) {
      for (const token of issuedTokens(h)) expect(text.includes(token), "a token leaked").toBe(false);
    }

    it("encrypts tokens at rest: the columns never hold the plaintext, and each value is bound to its row and column", async () => {
      const h = createHarness(database);
      const { grant, browser } = await installed(h);
      const [issued] = h.devShop.store.platform.tokens;
      expect(issued).toBeDefined();
      const rows = await database.db.select().from(tables.grants);
      expectNoTokenIn(h, JSON.stringify(rows));
      expect(grant.keyId).toBe("k1");
      expect(grant.accessToken).toMatch(/^[A-Za-z0-9+/]+=*$/);

      expect((await h.auth.vault.accessToken(grant.id)).token).toBe(issued?.accessToken);
      expect(h.auth.vault.open(grant, "refresh_token")).toBe(issued?.refreshToken);
      // Random IVs: sealing the same token twice gives different ciphertexts.
      const again = h.auth.vault.seal(grant.id, { accessToken: "same", refreshToken: "same" });
      expect(again.accessToken).not.toBe(
        h.auth.vault.seal(grant.id, { accessToken: "same", refreshToken: "x" }).accessToken,
      );
      // A ciphertext moved to another column or row does not decrypt.
      expect(() => h.auth.vault.open({ ...grant, accessToken: grant.refreshToken }, "access_token")).toThrow(
        DecryptionError,
      );
      expect(() => h.auth.vault.open({ ...grant, id: crypto.randomUUID() }, "access_token")).toThrow(
        DecryptionError,
      );

      const session = await (await browser.json("/api/auth/session")).text();
      expectNoTokenIn(h, session);
      expectNoTokenIn(h, h.logger.lines.join("\n"));
    });

    it("refreshes ahead of expiry (1 hour margin) and saves the rotated pair", async () => {
      const h = createHarness(database);
      const { grant, browser, shopId } = await installed(h);
      const [original] = h.devShop.store.platform.tokens;
      // Both clocks move to 30 minutes before the access token expires.
      const jump = grant.accessExpiresAt - h.clock.now() - 1800;
      h.clock.offset += jump;
      h.devShop.control.advanceClock(jump);

      const response = await browser.json(`/api/warehouses/${shopId}`);
      expect(response.status).toBe(200);
      expect(h.refreshCount()).toBe(1);
      const [after] = await database.db.select().from(tables.grants).where(eq(tables.grants.id, grant.id));
      expect(after?.version).toBe(grant.version + 1);
      expect(after?.accessExpiresAt).toBe(h.devShop.control.now() + 7 * DAY);
      expect(after?.refreshedAt).toBe(h.clock.now());
      const current = await h.auth.vault.accessToken(grant.id);
      expect(current.token).not.toBe(original?.accessToken);
      expect(h.auth.vault.open(after!, "refresh_token")).not.toBe(original?.refreshToken);
      // Now outside the margin again: no further refresh.
      await browser.json(`/api/warehouses/${shopId}`);
      expect(h.refreshCount()).toBe(1);
      expectNoTokenIn(h, h.logger.lines.join("\n"));
    });

    it("refreshes once when TikTok answers 105002 (dev shop clock 8 days ahead) and repeats the call", async () => {
      const h = createHarness(database);
      const { browser, shopId, grant } = await installed(h);
      h.devShop.control.advanceClock(8 * DAY);
      const response = await browser.json(`/api/warehouses/${shopId}`);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { count: number }).count).toBeGreaterThan(0);
      expect(h.refreshCount()).toBe(1);
      const [after] = await database.db.select().from(tables.grants).where(eq(tables.grants.id, grant.id));
      expect(after?.version).toBe(grant.version + 1);
      expect(h.logger.lines.some((l) => l.includes("access token refreshed"))).toBe(true);
      expectNoTokenIn(h, h.logger.lines.join("\n"));
    });

    it("single flight: 10 concurrent refreshes of one grant make exactly one token-host refresh", async () => {
      const h = createHarness(database);
      const { grant } = await installed(h);
      const results = await Promise.all(
        Array.from({ length: 10 }, () => h.auth.vault.refresh(grant.id, { staleVersion: grant.version })),
      );
      expect(h.refreshCount()).toBe(1);
      expect(new Set(results.map((r) => r.token)).size).toBe(1);
      expect(results.every((r) => r.version === grant.version + 1)).toBe(true);
    });

    it("single flight across instances sharing the database (row lock, then re-read)", async () => {
      const h = createHarness(database);
      const { grant } = await installed(h);
      // Ten server instances: none shares an in-process promise, so only the row lock keeps it to one.
      const instances = Array.from({ length: 10 }, () => h.sibling());
      const results = await Promise.all(
        instances.map((auth) => auth.vault.refresh(grant.id, { staleVersion: grant.version })),
      );
      expect(h.refreshCount()).toBe(1);
      expect(new Set(results.map((r) => r.token)).size).toBe(1);

      // Ahead of expiry, too: every instance sees the token inside the margin, one refreshes.
      const [now] = await database.db.select().from(tables.grants).where(eq(tables.grants.id, grant.id));
      const jump = (now?.accessExpiresAt ?? 0) - h.clock.now() - 60;
      h.clock.offset += jump;
      h.devShop.control.advanceClock(jump);
      const ahead = await Promise.all(instances.map((auth) => auth.vault.accessToken(grant.id)));
      expect(h.refreshCount()).toBe(2);
      expect(new Set(ahead.map((r) => r.token)).size).toBe(1);
    });

    it("an expired authorization (refresh token refused) revokes the grant and asks for re-authorization", async () => {
      const h = createHarness(database);
      const { browser, shopId, grant } = await installed(h, { durationSeconds: 2 * DAY });
      h.devShop.control.advanceClock(3 * DAY);
      const response = await browser.json(`/api/warehouses/${shopId}`);
      expect(response.status).toBe(409);
      expect(await response.json()).toMatchObject({
        error: "reauth_required",
        reauthUrl: "/api/auth/install",
      });
      const [after] = await database.db.select().from(tables.grants).where(eq(tables.grants.id, grant.id));
      expect(after).toMatchObject({
        status: "revoked",
        revokedReason: "refresh_rejected",
        accessToken: null,
        refreshToken: null,
      });
      const shops = await listShops(browser);
      expect(shops.every((s) => s.reauthRequired && s.reauthReason === "revoked")).toBe(true);
      // No further calls to TikTok for a revoked grant.
      const calls = h.tokenCalls.length;
      await expect(h.auth.vault.accessToken(grant.id)).rejects.toBeInstanceOf(ReauthRequiredError);
      expect((await browser.json(`/api/warehouses/${shopId}`)).status).toBe(409);
      expect(h.tokenCalls.length).toBe(calls);

      // Authorizing again restores everything.
      h.clock.offset += 3 * DAY;
      await h.install(browser);
      expect((await browser.json(`/api/warehouses/${shopId}`)).status).toBe(200);
      expect((await listShops(browser)).every((s) => !s.reauthRequired)).toBe(true);
    });

    it("a refresh token spent elsewhere (rotated out) is refused the same way", async () => {
      const h = createHarness(database);
      const { grant } = await installed(h);
      // Someone else spends our refresh token: TikTok rotates it, ours stops working.
      await h.tiktok.tokens.refresh(h.auth.vault.open(grant, "refresh_token"));
      await expect(h.auth.vault.refresh(grant.id, { staleVersion: grant.version })).rejects.toBeInstanceOf(
        ReauthRequiredError,
      );
      const [after] = await database.db.select().from(tables.grants).where(eq(tables.grants.id, grant.id));
      expect(after?.status).toBe("revoked");
      const shops = await database.db.select().from(tables.shops).where(eq(tables.shops.grantId, grant.id));
      expect(shops.length).toBeGreaterThan(0);
      expect(shops.every((s) => s.reauthRequired)).toBe(true);
    });

    it("rotates keys: old-key values stay readable, rotateKeys re-encrypts everything with the current key", async () => {
      const h = createHarness(database);
      const { grant } = await installed(h);
      const plain = await h.auth.vault.accessToken(grant.id);
      const k1 = KEYS.keys.k1;
      const k2 = key();
      const both = h.sibling({ encryptionKeys: { current: "k2", keys: { k1, k2 } } });
      expect((await both.vault.accessToken(grant.id)).token).toBe(plain.token);

      const onlyK2 = h.sibling({ encryptionKeys: { current: "k2", keys: { k2 } } });
      await expect(onlyK2.vault.accessToken(grant.id)).rejects.toThrow(/No encryption key "k1"/);

      const { rotated } = await both.vault.rotateKeys();
      expect(rotated).toBeGreaterThanOrEqual(1);
      const [after] = await database.db.select().from(tables.grants).where(eq(tables.grants.id, grant.id));
      expect(after?.keyId).toBe("k2");
      expect(after?.accessToken).not.toBe(grant.accessToken);
      expect(after?.version).toBe(grant.version);
      expect((await onlyK2.vault.accessToken(grant.id)).token).toBe(plain.token);
      expect(onlyK2.vault.open(after!, "refresh_token")).toBe(h.auth.vault.open(grant, "refresh_token"));
      // Nothing left under the old key; running it again is a no-op.
      expect(await both.vault.rotateKeys()).toEqual({ rotated: 0 });
    });
  });
}

async function listShops(browser: Browser) {
  const response = await browser.json("/api/connections");
  return (
    (await response.json()) as { shops: Array<{ reauthRequired: boolean; reauthReason: string | null }> }
  ).shops;
}
