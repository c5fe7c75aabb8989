/**
 * The client's own cost per call (validate input, sign, serialize, parse and validate the
 * response) against a raw `fetch` of the same request to the same loopback server, measured in
 * the same run with the two interleaved so that machine noise hits both alike. Also: signatures
 * per second on one core.
 *
 * Run: pnpm --filter @tts-kit/tiktok-shop bench
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { TikTokShop } from "../src/client.ts";
import { sign } from "../src/signing.ts";

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 4000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3000);

function order(i: number) {
  const lineItems = Array.from({ length: 3 }, (_, j) => ({
    id: `57766${i}${j}000000000${j}`,
    product_id: "1729382256910270000",
    product_name: "Organic cotton tee",
    sku_id: `1729382256910271${j}00`,
    sku_name: "Black, M",
    seller_sku: `TEE-BLK-M-${j}`,
    currency: "USD",
    original_price: "24.00",
    sale_price: "19.99",
    platform_discount: "0",
    seller_discount: "4.01",
    display_status: "AWAITING_SHIPMENT",
    package_id: `1152921${i}000000${j}`,
    is_gift: false,
    item_tax: [{ tax_type: "SALES_TAX", tax_amount: "1.60", tax_rate: "0.08" }],
  }));
  return {
    id: `57766${i}000000000000`,
    status: "AWAITING_SHIPMENT",
    create_time: 1763900000,
    update_time: 1763903600,
    paid_time: 1763900060,
    user_id: "7494560109732334261",
    buyer_email: "v5q7@scs.tiktokw.us",
    payment: {
      currency: "USD",
      sub_total: "59.97",
      shipping_fee: "5.99",
      total_amount: "70.76",
      tax: "4.80",
      original_total_product_price: "72.00",
      seller_discount: "12.03",
      platform_discount: "0",
    },
    line_items: lineItems,
    packages: [{ id: `1152921${i}0000000` }],
    recipient_address: {
      name: "J*** D**",
      phone_number: "(+1)213-***-1234",
      postal_code: "90001",
      region_code: "US",
    },
    shipping_type: "SELLER",
    fulfillment_type: "FULFILLMENT_BY_SELLER",
    delivery_option_name: "Standard Shipping",
    warehouse_id: "7000714532876273410",
    is_on_hold_order: false,
    is_sample_order: false,
  };
}

const body = JSON.stringify({
  code: 0,
  data: { orders: [order(1), order(2)] },
  message: "Success",
  request_id: "20261124120000ABCDEF0123456789ABCDEF",
});

const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
    res.end(body);
  });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const app = new TikTokShop({
  appKey: "6a1b2c3d4e5f",
  appSecret: "bench-secret",
  apiBaseUrl: base,
  rateLimiter: false,
  validateResponses: process.env.BENCH_VALIDATE !== "0",
});
const shop = app.shop({ accessToken: "TTP_bench", shopCipher: "ROW_bench" });
const ids = ["577661000000000000", "577662000000000000"];

// The raw request a hand-written integration would send: URL and signature prepared outside the timer.
const ts = String(Math.floor(Date.now() / 1000));
const query = { app_key: "6a1b2c3d4e5f", timestamp: ts, shop_cipher: "ROW_bench", ids: ids.join(",") };
const rawUrl = `${base}/order/202309/orders?${new URLSearchParams({ ...query, sign: sign({ appSecret: "bench-secret", path: "/order/202309/orders", query }) })}`;
const rawInit = { headers: { "x-tts-access-token": "TTP_bench", "content-type": "application/json" } };

async function raw() {
  const response = await fetch(rawUrl, rawInit);
  return JSON.parse(await response.text());
}
async function viaClient() {
  return shop.order.getOrderDetail({ query: { ids } });
}

const rawTimes: number[] = [];
const clientTimes: number[] = [];
for (let i = 0; i < WARMUP; i++) {
  await raw();
  await viaClient();
}
for (let i = 0; i < ITERATIONS; i++) {
  // Alternate which goes first so that neither always gets the warmer connection.
  const order = i % 2 === 0 ? [raw, viaClient] : [viaClient, raw];
  for (const fn of order) {
    const start = performance.now();
    await fn();
    (fn === raw ? rawTimes : clientTimes).push(performance.now() - start);
  }
}
server.close();

// The client's own CPU cost, apart from the network: the same call against a fetch that answers
// at once with the same bytes, minus a bare fetch+parse of that stub.
const instant: typeof fetch = async () => new Response(body, { status: 200 });
const inProcess = new TikTokShop({
  appKey: "6a1b2c3d4e5f",
  appSecret: "bench-secret",
  apiBaseUrl: base,
  rateLimiter: false,
  fetch: instant,
}).shop({ accessToken: "TTP_bench", shopCipher: "ROW_bench" });
const CPU_ITERATIONS = 20_000;
for (let i = 0; i < 5000; i++) await inProcess.order.getOrderDetail({ query: { ids } });
let cpuStart = performance.now();
for (let i = 0; i < CPU_ITERATIONS; i++) await inProcess.order.getOrderDetail({ query: { ids } });
const clientCpu = (performance.now() - cpuStart) / CPU_ITERATIONS;
cpuStart = performance.now();
for (let i = 0; i < CPU_ITERATIONS; i++) JSON.parse(await (await instant(rawUrl)).text());
const bareCpu = (performance.now() - cpuStart) / CPU_ITERATIONS;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)]!;
const rawP50 = pct(rawTimes, 0.5);
const clientP50 = pct(clientTimes, 0.5);

// Signing throughput on one core: a typical GET with shop cipher and paging.
const signQuery = { app_key: "6a1b2c3d4e5f", timestamp: ts, shop_cipher: "ROW_bench", page_size: "50" };
const SIGNS = 300_000;
for (let i = 0; i < 20_000; i++)
  sign({ appSecret: "bench-secret", path: "/order/202309/orders/search", query: signQuery });
const signStart = performance.now();
for (let i = 0; i < SIGNS; i++)
  sign({ appSecret: "bench-secret", path: "/order/202309/orders/search", query: signQuery });
const signsPerSecond = SIGNS / ((performance.now() - signStart) / 1000);

const us = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;
const result = {
  iterations: ITERATIONS,
  raw_fetch_p50: us(rawP50),
  raw_fetch_p99: us(pct(rawTimes, 0.99)),
  client_p50: us(clientP50),
  client_p99: us(pct(clientTimes, 0.99)),
  overhead_p50: us(clientP50 - rawP50),
  overhead_ratio_p50: `${(((clientP50 - rawP50) / rawP50) * 100).toFixed(1)}% of a loopback round trip (target ≤ 10%)`,
  client_cpu_per_call: us(clientCpu - bareCpu),
  client_cpu_ratio: `${(((clientCpu - bareCpu) / rawP50) * 100).toFixed(1)}% of a loopback round trip`,
  signatures_per_second: `${Math.round(signsPerSecond).toLocaleString("en-US")} (target ≥ 100,000)`,
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
