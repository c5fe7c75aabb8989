// Every suite on the Postgres path (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test),
// plus single flight across two openDatabase instances, i.e. two connection pools as two servers have.
import { type Database, openDatabase } from "@tts-kit/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as tables from "./fixtures/schema.ts";
import { carriersSuite } from "./suites/carriers.ts";
import { connectionsSuite } from "./suites/connections.ts";
import { installSuite } from "./suites/install.ts";
import { sessionSuite } from "./suites/sessions.ts";
import { vaultSuite } from "./suites/vault.ts";
import {
  createHarness,
  migrationsFolder,
  openTestDatabase,
  postgresLabel,
  postgresReachable,
  postgresUrl,
  schema,
} from "./support/harness.ts";

describe.skipIf(!postgresReachable)(`Postgres path (${postgresLabel})`, () => {
  installSuite("postgres");
  sessionSuite("postgres");
  vaultSuite("postgres");
  connectionsSuite("postgres");
  carriersSuite("postgres");

  describe("single flight across two openDatabase instances", () => {
    let first: Database<typeof schema>;
    let second: Database<typeof schema>;
    beforeAll(async () => {
      first = await openTestDatabase("postgres");
      const { rows } = await first.sql.query<{ name: string }>("SELECT current_database() AS name");
      const url = new URL(postgresUrl);
      url.pathname = `/${rows[0]?.name}`;
      second = await openDatabase({ url: url.toString(), migrationsFolder, schema });
    });
    afterAll(async () => {
      await second?.close();
      await first?.close();
    });

    it("10 concurrent refreshes of one grant on two pools: exactly one token-host refresh", async () => {
      const h = createHarness(first);
      await h.install(h.browser());
      const shopId = h.shopsOf("seller1@dev.shop")[0]?.id ?? "";
      const [shop] = await first.db.select().from(tables.shops).where(eq(tables.shops.id, shopId));
      const [grant] = await first.db
        .select()
        .from(tables.grants)
        .where(eq(tables.grants.id, shop?.grantId ?? ""));
      if (!grant) throw new Error("no grant");
      // Ten instances, alternating between the two pools, each with its own in-process state.
      const instances = Array.from({ length: 10 }, (_, i) =>
        h.sibling({ db: (i % 2 === 0 ? first : second).db }),
      );
      const results = await Promise.all(
        instances.map((auth) => auth.vault.refresh(grant.id, { staleVersion: grant.version })),
      );
      expect(h.refreshCount()).toBe(1);
      expect(new Set(results.map((r) => r.token)).size).toBe(1);
      const [after] = await second.db.select().from(tables.grants).where(eq(tables.grants.id, grant.id));
      expect(after?.version).toBe(grant.version + 1);

      // And through the API: TikTok says 105002 to every instance at once (dev shop clock 8 days on).
      h.devShop.control.advanceClock(8 * 86_400);
      const clients = await Promise.all(instances.map((auth) => auth.backgroundShopClient(shopId)));
      const answers = await Promise.all(clients.map((client) => client.logistics.getWarehouseList()));
      expect(answers.every((a) => a.warehouses.length > 0)).toBe(true);
      expect(h.refreshCount()).toBe(2);
    });
  });
});
