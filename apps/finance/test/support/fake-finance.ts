import { TikTokShop } from "@tts-kit/tiktok-shop";

/**
 * A stand-in for TikTok's finance endpoints in unit tests: in-memory statements, transactions,
 * payments, withdrawals, estimates and orders, served with TikTok's envelope and cursor paging,
 * and a count of the calls per endpoint so a test can prove what a sync fetched.
 */

export interface FakeStatement {
  id: string;
  statement_time: number;
  currency: string;
  settlement_amount: string;
  payment_id?: string;
  payment_status: "PAID" | "PROCESSING";
}

export interface FakeTransaction {
  id: string;
  type: string;
  order_id?: string;
  order_create_time?: number;
  revenue_amount: string;
  shipping_cost_amount: string;
  fee_tax_amount: string;
  adjustment_amount: string;
  settlement_amount: string;
  fee_tax_breakdown?: { fee?: Record<string, string>; tax?: Record<string, string> };
  revenue_breakdown?: Record<string, string>;
}

export interface FakeData {
  statements: FakeStatement[];
  /** By statement id. */
  transactions: Record<string, FakeTransaction[]>;
  payments: Array<Record<string, unknown> & { id: string; create_time: number; status: string }>;
  withdrawals: Array<Record<string, unknown> & { id: string; create_time: number; status: string }>;
  unsettled: Array<Record<string, unknown> & { id: string }>;
  orders: Array<Record<string, unknown> & { id: string; update_time: number }>;
}

export function emptyData(): FakeData {
  return { statements: [], transactions: {}, payments: [], withdrawals: [], unsettled: [], orders: [] };
}

function page<T>(items: T[], url: URL, key: string, extra: Record<string, unknown> = {}) {
  const size = Number(url.searchParams.get("page_size") ?? 20);
  const offset = Number(url.searchParams.get("page_token") || 0);
  const slice = items.slice(offset, offset + size);
  const next = offset + size < items.length ? String(offset + size) : "";
  return { [key]: slice, next_page_token: next, total_count: items.length, ...extra };
}

function within(value: number, url: URL, field: string) {
  const ge = url.searchParams.get(`${field}_ge`);
  const lt = url.searchParams.get(`${field}_lt`);
  return (ge === null || value >= Number(ge)) && (lt === null || value < Number(lt));
}

export function fakeFinance(data: FakeData) {
  const calls = new Map<string, number>();
  const count = (key: string) => calls.set(key, (calls.get(key) ?? 0) + 1);

  async function handle(request: Request): Promise<unknown> {
    const url = new URL(request.url);
    const path = url.pathname;
    const statementLines = /^\/finance\/202501\/statements\/(\d+)\/statement_transactions$/.exec(path);
    const orderLines = /^\/finance\/202501\/orders\/(\d+)\/statement_transactions$/.exec(path);
    if (path === "/finance/202309/statements") {
      count("statements");
      const list = data.statements
        .filter((s) => within(s.statement_time, url, "statement_time"))
        .sort((a, b) => a.statement_time - b.statement_time);
      return page(list, url, "statements");
    }
    if (statementLines) {
      const statementId = statementLines[1]!;
      count("statementTransactions");
      const statement = data.statements.find((s) => s.id === statementId);
      const lines = data.transactions[statementId] ?? [];
      return page(lines, url, "transactions", {
        id: statementId,
        currency: statement?.currency,
        total_settlement_amount: statement?.settlement_amount,
        total_reserve_amount: "0",
        payable_amount: statement?.settlement_amount,
      });
    }
    if (orderLines) {
      count("orderTransactions");
      const orderId = orderLines[1]!;
      const skus = Object.entries(data.transactions).flatMap(([statementId, lines]) =>
        lines
          .filter((t) => t.order_id === orderId)
          .map((t) => ({
            sku_id: `1${orderId.slice(-6)}`,
            sku_name: "Default",
            product_name: "Product",
            quantity: "1",
            statement_id: statementId,
            revenue_amount: t.revenue_amount,
            shipping_cost_amount: t.shipping_cost_amount,
            fee_tax_amount: t.fee_tax_amount,
            settlement_amount: t.settlement_amount,
          })),
      );
      return { order_id: orderId, currency: "USD", sku_transactions: skus };
    }
    if (path === "/finance/202309/payments") {
      count("payments");
      return page(
        data.payments.filter((p) => within(p.create_time, url, "create_time")),
        url,
        "payments",
      );
    }
    if (path === "/finance/202309/withdrawals") {
      count("withdrawals");
      return page(
        data.withdrawals.filter((w) => within(w.create_time, url, "create_time")),
        url,
        "withdrawals",
      );
    }
    if (path === "/finance/202507/orders/unsettled") {
      count("unsettled");
      return page(data.unsettled, url, "transactions");
    }
    if (path === "/order/202309/orders/search") {
      count("orders");
      const body = (await request.json()) as { update_time_ge?: number; update_time_lt?: number };
      const list = data.orders.filter(
        (o) =>
          (body.update_time_ge === undefined || o.update_time >= body.update_time_ge) &&
          (body.update_time_lt === undefined || o.update_time < body.update_time_lt),
      );
      return page(list, url, "orders");
    }
    throw new Error(`fake finance: no route ${request.method} ${path}`);
  }

  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const data = await handle(request);
    return new Response(JSON.stringify({ code: 0, message: "Success", request_id: "FAKE", data }), {
      headers: { "content-type": "application/json" },
    });
  };
  const client = new TikTokShop({
    appKey: "fake",
    appSecret: "fake-secret",
    apiBaseUrl: "http://tiktok.test",
    fetch,
    rateLimiter: false,
    retry: false,
  }).shop({ accessToken: "token", shopCipher: "TTP_cipher" });
  return {
    client,
    calls,
    count: (key: string) => calls.get(key) ?? 0,
    reset: () => calls.clear(),
  };
}
