import type { ShopClient } from "@tts-kit/tiktok-shop";
import { contract } from "@tts-kit/tiktok-shop/contract";

// Statements of the last 7 days; money stays a decimal string.
export async function lastWeekStatements(shop: ShopClient, now = Math.floor(Date.now() / 1000)) {
  const statements = [];
  for await (const statement of shop.items(contract.finance.getStatements, {
    query: { sort_field: "statement_time", statement_time_ge: now - 7 * 86_400, statement_time_lt: now },
  })) {
    statements.push({ id: statement.id, settled: statement.settlement_amount, currency: statement.currency });
  }
  return statements;
}
