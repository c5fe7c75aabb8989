import type { Auth } from "@tts-kit/auth";
import type { AppDatabase } from "@tts-kit/db";
import type { ServerEnv } from "@tts-kit/server";
import { eq } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { type BookOptions, buildAccruals, buildJournals, loadLedger } from "../accounting/build.ts";
import {
  type ExportFormat,
  splitIntoParts,
  toGenericCsv,
  toQuickBooksCsv,
  toXeroCsv,
  XERO_MAX_LINES,
} from "../accounting/formats.ts";
import { convertJournals, type Journal } from "../accounting/journal.ts";
import { LINE_KEY_SET, LINE_KEYS } from "../accounting/ledger.ts";
import { isTimeZone } from "../accounting/zone.ts";
import * as schema from "../db/schema.ts";
import { isDecimal, sum } from "../money.ts";
import { loadSellerSettings, loadShopSettings } from "../settings.ts";
import { ownedShop, parseDateRange, refuse } from "./common.ts";

type Db = AppDatabase<typeof schema>;

const accountsBody = z.object({
  accounts: z
    .array(
      z.object({
        code: z
          .string()
          .trim()
          .min(1, "An account needs a code.")
          .max(20, "Account codes are at most 20 characters."),
        name: z.string().trim().min(1, "An account needs a name.").max(150),
        taxRate: z.string().trim().min(1, "Give the Xero tax rate name, e.g. Tax Exempt.").max(100),
      }),
    )
    .min(1, "Keep at least one account."),
});

const mappingBody = z.object({ mappings: z.record(z.string(), z.string()) });

const settingsBody = z
  .object({
    timeZone: z
      .string()
      .trim()
      .refine(isTimeZone, "Use a time zone name like Europe/London or America/New_York."),
    splitMonthEnd: z.boolean(),
    bankWindowMinDays: z.number().int().min(0, "The window starts at 0 days or later.").max(30),
    bankWindowMaxDays: z.number().int().min(0).max(30, "The window ends at most 30 days after the payout."),
  })
  .refine((s) => s.bankWindowMinDays <= s.bankWindowMaxDays, {
    path: ["bankWindowMaxDays"],
    message: "The window's last day comes before its first day.",
  });

const shopSettingsBody = z.object({
  otherStoreBooking: z.boolean(),
  otherStoreIdPattern: z.string().trim().max(200).nullable(),
});

/** A seller's rule for finding TikTok order ids: it must compile and never match nothing. */
export function checkIdPattern(pattern: string): string | null {
  let re: RegExp;
  try {
    re = new RegExp(pattern);
  } catch (error) {
    return `The order id rule is not a valid regular expression: ${(error as Error).message}`;
  }
  if (re.test("")) return "The order id rule matches empty text; it must match the order id itself.";
  return null;
}

const exportQuery = z.object({
  shops: z.string().min(1, "Choose at least one shop."),
  by: z.enum(["statement", "payment", "accrual"]).default("statement"),
  format: z.enum(["csv", "xero", "qbo"]).default("csv"),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Use a month like 2026-01.")
    .optional(),
  base: z
    .string()
    .regex(/^[A-Z]{3}$/, "Use a currency code like USD.")
    .optional(),
  part: z.coerce.number().int().min(1).default(1),
});

/**
 * ACC-R1 to ACC-R6: the chart of accounts, the mapping of line keys to accounts, and journals per
 * statement, per payout or month-end accrual, as CSV, Xero or QuickBooks Online files, for one or
 * several shops in their own currencies.
 */
export function accountingApi(db: Db, auth: Auth, now: () => number) {
  const sellerOf = (c: Context) => (c.var as { seller: { id: string } }).seller.id;

  async function bookOptions(sellerId: string, shopIds: string[]): Promise<BookOptions> {
    const [settings, perShop] = await Promise.all([
      loadSellerSettings(db, sellerId),
      loadShopSettings(db, shopIds),
    ]);
    return {
      timeZone: settings.timeZone,
      splitMonthEnd: settings.splitMonthEnd,
      otherStoreShops: new Set(shopIds.filter((id) => perShop.get(id)?.otherStoreBooking)),
    };
  }

  async function journalsFor(
    c: Context,
  ): Promise<
    | { ok: true; journals: Journal[]; format: ExportFormat; part: number; name: string }
    | { ok: false; response: Response }
  > {
    const query = exportQuery.safeParse(c.req.query());
    if (!query.success) {
      const fields = query.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
      return { ok: false, response: refuse(c, "invalid_export", fields[0]!.message, fields) };
    }
    const { by, format, month, base, part } = query.data;
    const shops = [];
    for (const id of new Set(query.data.shops.split(","))) shops.push(await ownedShop(auth, c, id));
    const ledger = await loadLedger(db, sellerOf(c));
    const options = await bookOptions(
      sellerOf(c),
      shops.map((s) => s.id),
    );
    let journals: Journal[];
    let name: string;
    if (by === "accrual") {
      if (!month) {
        return {
          ok: false,
          response: refuse(c, "invalid_export", "Choose the month to accrue, like 2026-01.", [
            { path: "month", message: "Required for month-end accruals." },
          ]),
        };
      }
      journals = await buildAccruals(db, ledger, shops, month, options);
      name = `tiktok-accruals-${month}`;
    } else {
      const dates = parseDateRange(c.req.query(), now());
      if (!dates.ok)
        return { ok: false, response: refuse(c, "invalid_date_range", dates.message, dates.fields) };
      journals = await buildJournals(db, ledger, shops, dates.range, by, options);
      name = `tiktok-${by}-journals-${dates.range.from}-${dates.range.to}`;
    }
    if (format === "xero") {
      const currencies = [...new Set(journals.map((j) => j.currency))];
      const baseCurrency = base ?? (currencies.length === 1 ? currencies[0] : undefined);
      if (!baseCurrency) {
        return {
          ok: false,
          response: refuse(
            c,
            "base_currency_required",
            `These journals are in ${currencies.join(" and ")}. Xero posts manual journals in your base currency: choose it and give the exchange rates.`,
            [{ path: "base", message: "Required when journals are in several currencies." }],
          ),
        };
      }
      const rates: Record<string, string> = {};
      const badRates: Array<{ path: string; message: string }> = [];
      for (const [key, value] of Object.entries(c.req.query())) {
        if (!key.startsWith("rate_")) continue;
        if (!isDecimal(value) || Number(value) <= 0) {
          badRates.push({ path: key, message: `"${value}" is not an exchange rate (a positive decimal).` });
        } else rates[key.slice(5).toUpperCase()] = value;
      }
      if (badRates.length > 0) {
        return { ok: false, response: refuse(c, "invalid_exchange_rate", badRates[0]!.message, badRates) };
      }
      const converted = convertJournals(journals, baseCurrency, rates);
      if ("missing" in converted) {
        return {
          ok: false,
          response: refuse(
            c,
            "exchange_rate_required",
            `Give the exchange rate from ${converted.missing.join(", ")} to ${baseCurrency}: Xero posts manual journals in your base currency.`,
            converted.missing.map((currency) => ({
              path: `rate_${currency}`,
              message: `${baseCurrency} per ${currency}`,
            })),
          ),
        };
      }
      journals = converted.journals;
    }
    return { ok: true, journals, format, part, name };
  }

  return new Hono<ServerEnv>()
    .use(auth.requireSeller)
    .get("/settings", async (c) => c.json({ settings: await loadSellerSettings(db, sellerOf(c)) }))
    .put("/settings", async (c) => {
      const parsed = settingsBody.safeParse(await c.req.json().catch(() => null));
      if (!parsed.success) {
        const fields = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
        return refuse(c, "invalid_settings", `Settings not saved: ${fields[0]?.message}`, fields);
      }
      const values = parsed.data;
      await db
        .insert(schema.sellerSettings)
        .values({ sellerId: sellerOf(c), ...values })
        .onConflictDoUpdate({ target: schema.sellerSettings.sellerId, set: values });
      return c.json({ settings: await loadSellerSettings(db, sellerOf(c)) });
    })
    .get("/shops/:shopId/settings", async (c) => {
      const shop = await ownedShop(auth, c, c.req.param("shopId"));
      return c.json({ settings: (await loadShopSettings(db, [shop.id])).get(shop.id) });
    })
    .put("/shops/:shopId/settings", async (c) => {
      const shop = await ownedShop(auth, c, c.req.param("shopId"));
      const parsed = shopSettingsBody.safeParse(await c.req.json().catch(() => null));
      if (!parsed.success) {
        const fields = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
        return refuse(c, "invalid_settings", `Settings not saved: ${fields[0]?.message}`, fields);
      }
      const pattern = parsed.data.otherStoreIdPattern || null;
      const problem = pattern ? checkIdPattern(pattern) : null;
      if (problem) {
        return refuse(c, "invalid_settings", `Settings not saved: ${problem}`, [
          { path: "otherStoreIdPattern", message: problem },
        ]);
      }
      const values = { otherStoreBooking: parsed.data.otherStoreBooking, otherStoreIdPattern: pattern };
      await db
        .insert(schema.shopSettings)
        .values({ shopId: shop.id, ...values })
        .onConflictDoUpdate({ target: schema.shopSettings.shopId, set: values });
      return c.json({ settings: (await loadShopSettings(db, [shop.id])).get(shop.id) });
    })
    .get("/ledger", async (c) => {
      const ledger = await loadLedger(db, sellerOf(c));
      return c.json({
        accounts: ledger.accounts,
        mapping: ledger.mapping,
        overrides: ledger.overrides,
        lineKeys: LINE_KEYS,
      });
    })
    .put("/accounts", async (c) => {
      const parsed = accountsBody.safeParse(await c.req.json().catch(() => null));
      if (!parsed.success) {
        const fields = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
        return refuse(c, "invalid_accounts", `Chart of accounts not saved: ${fields[0]?.message}`, fields);
      }
      const accounts = parsed.data.accounts;
      const codes = new Set<string>();
      for (const [index, account] of accounts.entries()) {
        if (codes.has(account.code)) {
          return refuse(
            c,
            "invalid_accounts",
            `Chart of accounts not saved: account ${account.code} is listed twice.`,
            [{ path: `accounts.${index}.code`, message: "Listed twice." }],
          );
        }
        codes.add(account.code);
      }
      const ledger = await loadLedger(db, sellerOf(c));
      const orphaned = Object.entries(ledger.mapping).find(([, code]) => !codes.has(code));
      if (orphaned) {
        const label = LINE_KEYS.find((k) => k.key === orphaned[0])?.label ?? orphaned[0];
        return refuse(
          c,
          "account_in_use",
          `Chart of accounts not saved: account ${orphaned[1]} is still mapped (${label}). Map it elsewhere first.`,
        );
      }
      await db.transaction(async (tx) => {
        await tx.delete(schema.ledgerAccounts).where(eq(schema.ledgerAccounts.sellerId, sellerOf(c)));
        await tx.insert(schema.ledgerAccounts).values(accounts.map((a) => ({ sellerId: sellerOf(c), ...a })));
      });
      return c.json({ accounts: (await loadLedger(db, sellerOf(c))).accounts });
    })
    .put("/mapping", async (c) => {
      const parsed = mappingBody.safeParse(await c.req.json().catch(() => null));
      if (!parsed.success)
        return refuse(c, "invalid_mapping", "Send { mappings: { lineKey: accountCode } }.");
      const ledger = await loadLedger(db, sellerOf(c));
      const codes = new Set(ledger.accounts.map((a) => a.code));
      const fields: Array<{ path: string; message: string }> = [];
      for (const [key, code] of Object.entries(parsed.data.mappings)) {
        if (!LINE_KEY_SET.has(key))
          fields.push({ path: key, message: `"${key}" is not a TikTok Shop line type.` });
        else if (!codes.has(code)) {
          const label = LINE_KEYS.find((k) => k.key === key)?.label ?? key;
          fields.push({
            path: key,
            message: `Account ${code} (for ${label}) is not in your chart of accounts.`,
          });
        }
      }
      if (fields.length > 0)
        return refuse(c, "invalid_mapping", `Mapping not saved: ${fields[0]!.message}`, fields);
      await db.transaction(async (tx) => {
        await tx.delete(schema.ledgerMappings).where(eq(schema.ledgerMappings.sellerId, sellerOf(c)));
        const rows = Object.entries(parsed.data.mappings).map(([lineKey, accountCode]) => ({
          sellerId: sellerOf(c),
          lineKey,
          accountCode,
        }));
        if (rows.length > 0) await tx.insert(schema.ledgerMappings).values(rows);
      });
      const saved = await loadLedger(db, sellerOf(c));
      return c.json({ mapping: saved.mapping, overrides: saved.overrides });
    })
    .get("/journals", async (c) => {
      const result = await journalsFor(c);
      if (!result.ok) return result.response;
      const { journals } = result;
      return c.json({
        journals,
        totals: {
          journals: journals.length,
          lines: journals.reduce((n, j) => n + j.lines.length, 0),
          balanced: journals.every((j) => sum(j.lines.map((l) => l.amount)).eq(0)),
        },
      });
    })
    .get("/export", async (c) => {
      const result = await journalsFor(c);
      if (!result.ok) return result.response;
      const { journals, format, name } = result;
      // Xero takes at most 300 lines a file: larger exports come in parts, never splitting a journal.
      const parts = format === "xero" ? splitIntoParts(journals, XERO_MAX_LINES) : [journals];
      const part = Math.min(result.part, Math.max(parts.length, 1));
      const selected = parts[part - 1] ?? [];
      const body =
        format === "xero"
          ? toXeroCsv(selected)
          : format === "qbo"
            ? toQuickBooksCsv(selected)
            : toGenericCsv(selected);
      const suffix = parts.length > 1 ? `-part${part}of${parts.length}` : "";
      c.header("content-type", "text/csv; charset=utf-8");
      c.header("content-disposition", `attachment; filename="${name}-${format}${suffix}.csv"`);
      c.header("x-export-parts", String(Math.max(parts.length, 1)));
      return c.body(body);
    });
}
