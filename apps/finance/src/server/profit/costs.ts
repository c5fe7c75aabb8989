import Papa from "papaparse";
import { isDecimal } from "../money.ts";

/**
 * Costs of goods from a CSV file: a header row naming `sku_id` and `unit_cost` (and optionally
 * `currency`, default the shop's), then one SKU per row. Every row is checked before anything is
 * saved; one bad row refuses the whole file, with the row number and what is wrong.
 */

export interface CostRow {
  skuId: string;
  unitCost: string;
  currency: string;
}

export interface CostRowError {
  /** The line in the file (the header is line 1). */
  line: number;
  message: string;
}

const HEADER_ALIASES: Record<string, "sku_id" | "unit_cost" | "currency"> = {
  sku_id: "sku_id",
  sku: "sku_id",
  skuid: "sku_id",
  unit_cost: "unit_cost",
  cost: "unit_cost",
  cogs: "unit_cost",
  unitcost: "unit_cost",
  currency: "currency",
};

export const MAX_COST_ROWS = 20_000;

export function parseCostsCsv(
  text: string,
  shopCurrency: string,
  knownSkus?: Set<string>,
): { ok: true; rows: CostRow[] } | { ok: false; errors: CostRowError[]; message: string } {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" });
  const [header, ...body] = parsed.data;
  if (!header || header.length === 0) {
    return {
      ok: false,
      errors: [],
      message: "The file is empty. Start with a header row: sku_id,unit_cost,currency.",
    };
  }
  const columns = header.map(
    (h) =>
      HEADER_ALIASES[
        h
          .trim()
          .toLowerCase()
          .replace(/[\s-]+/g, "_")
      ],
  );
  const skuAt = columns.indexOf("sku_id");
  const costAt = columns.indexOf("unit_cost");
  const currencyAt = columns.indexOf("currency");
  if (skuAt < 0 || costAt < 0) {
    return {
      ok: false,
      errors: [
        {
          line: 1,
          message: `The header row needs sku_id and unit_cost columns; it has: ${header.join(", ")}.`,
        },
      ],
      message: "The header row needs sku_id and unit_cost columns.",
    };
  }
  if (body.length === 0) return { ok: false, errors: [], message: "The file has a header but no rows." };
  if (body.length > MAX_COST_ROWS) {
    return {
      ok: false,
      errors: [],
      message: `The file has ${body.length} rows; import at most ${MAX_COST_ROWS} at a time.`,
    };
  }
  const errors: CostRowError[] = [];
  const rows: CostRow[] = [];
  const seen = new Map<string, number>();
  body.forEach((cells, index) => {
    const line = index + 2;
    const skuId = (cells[skuAt] ?? "").trim();
    const unitCost = (cells[costAt] ?? "").trim();
    const currency = ((currencyAt >= 0 ? cells[currencyAt] : "") ?? "").trim().toUpperCase() || shopCurrency;
    const problems: string[] = [];
    if (!/^\d{1,30}$/.test(skuId)) problems.push(`sku_id "${skuId}" is not a TikTok SKU id (digits only)`);
    else if (knownSkus && knownSkus.size > 0 && !knownSkus.has(skuId))
      problems.push(`SKU ${skuId} is not sold in this shop`);
    else if (seen.has(skuId)) problems.push(`SKU ${skuId} is already on line ${seen.get(skuId)}`);
    if (!isDecimal(unitCost)) problems.push(`unit_cost "${unitCost}" is not an amount like 12.50`);
    else if (unitCost.startsWith("-")) problems.push(`unit_cost ${unitCost} is negative`);
    else if ((unitCost.split(".")[1] ?? "").length > 4)
      problems.push(`unit_cost ${unitCost} has more than 4 decimals`);
    if (!/^[A-Z]{3}$/.test(currency)) problems.push(`currency "${currency}" is not a currency code like USD`);
    else if (currency !== shopCurrency)
      problems.push(`currency ${currency} is not the shop's currency (${shopCurrency})`);
    if (problems.length > 0) errors.push({ line, message: `Line ${line}: ${problems.join("; ")}.` });
    else {
      seen.set(skuId, line);
      rows.push({ skuId, unitCost, currency });
    }
  });
  if (errors.length > 0) {
    return {
      ok: false,
      errors,
      message: `Nothing was imported: ${errors.length} of ${body.length} rows ${errors.length === 1 ? "has a problem" : "have problems"}. ${errors[0]!.message}`,
    };
  }
  return { ok: true, rows };
}
