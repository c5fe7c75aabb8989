/**
 * The client's own cost per call (validate the input, sign, build the request, read, parse and
 * validate the response, rate-limit, time out) against a raw `fetch` of the same request to the
 * same loopback server, measured in the same run with the two interleaved so that machine noise
 * hits both alike, in several rounds. Also: signatures per second on one core.
 *
 * Run: pnpm --filter @tts-kit/tiktok-shop bench
 * Env: BENCH_ROUNDS (default 5), BENCH_ITERATIONS per round (2000), BENCH_WARMUP (3000),
 *      BENCH_VALIDATE=0 to leave response validation off, BENCH_RAW_READER=1 to have the raw
 *      fetch read its body through a stream reader (as the client does) instead of `text()`,
 *      BENCH_SERVER=inline to run the server in this process (default: a process of its own).
 */
import { fork } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { TikTokShop } from "../src/client.ts";
import { SlidingWindowLimiter } from "../src/rate-limit.ts";
import { sign } from "../src/signing.ts";

// The server process of BENCH_SERVER=process: it gets the body from its parent and serves it.
if (process.env.BENCH_SERVE_BODY === "1") {
  process.once("message", (payload) => serve(payload as string));
  // The parent is gone (ended or killed): so is the server.
  process.once("disconnect", () => process.exit(0));
  await new Promise(() => {});
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 2000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3000);
const loadBefore = loadavg()[0]!;

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

/**
 * The local server answers every request with `body`. By default it runs in its own process, as
 * TikTok's servers are another machine: its work then overlaps the client's instead of sharing
 * its thread. BENCH_SERVER=inline runs it in this process (the round trip then includes the
 * server's own CPU on the client's thread).
 */
const serverMode = process.env.BENCH_SERVER === "inline" ? "inline" : "process";
function serve(payload: string) {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      res.end(payload);
    });
  });
  server.listen(0, "127.0.0.1", () => {
    process.send?.({ port: (server.address() as AddressInfo).port });
  });
  return server;
}
let stopServer: () => void;
let port: number;
if (serverMode === "inline") {
  const server = serve(body);
  await new Promise<void>((resolve) => server.once("listening", resolve));
  port = (server.address() as AddressInfo).port;
  stopServer = () => server.close();
} else {
  const child = fork(fileURLToPath(import.meta.url), [], {
    env: { ...process.env, BENCH_SERVE_BODY: "1" },
    execArgv: process.execArgv,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  child.send(body);
  port = await new Promise<number>((resolve) =>
    child.once("message", (m) => resolve((m as { port: number }).port)),
  );
  stopServer = () => child.kill();
}
const base = `http://127.0.0.1:${port}`;

// The client as shipped: global fetch, 30 s timeout, retries, logging off, response validation on,
// and the sliding-window limiter, given a budget this loop never reaches so that it is paid for
// but never waits.
const app = new TikTokShop({
  appKey: "6a1b2c3d4e5f",
  appSecret: "bench-secret",
  apiBaseUrl: base,
  rateLimiter: new SlidingWindowLimiter({ limit: 1000, windowMs: 1 }),
  validateResponses: process.env.BENCH_VALIDATE !== "0",
});
const shop = app.shop({ accessToken: "TTP_bench", shopCipher: "ROW_bench" });
const ids = ["577661000000000000", "577662000000000000"];

// The raw request a hand-written integration would send: URL and signature prepared outside the timer.
const ts = String(Math.floor(Date.now() / 1000));
const query = { app_key: "6a1b2c3d4e5f", timestamp: ts, shop_cipher: "ROW_bench", ids: ids.join(",") };
const rawUrl = `${base}/order/202309/orders?${new URLSearchParams({ ...query, sign: sign({ appSecret: "bench-secret", path: "/order/202309/orders", query }) })}`;
const rawInit = { headers: { "x-tts-access-token": "TTP_bench", "content-type": "application/json" } };

const decoder = new TextDecoder();
async function readAll(response: Response): Promise<string> {
  const reader = response.body!.getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) break;
    chunks.push(chunk.value);
  }
  return decoder.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
}
const rawReads = process.env.BENCH_RAW_READER === "1" ? "a stream reader" : "text()";
async function raw() {
  const response = await fetch(rawUrl, rawInit);
  return JSON.parse(rawReads === "text()" ? await response.text() : await readAll(response));
}
async function viaClient() {
  return shop.order.getOrderDetail({ query: { ids } });
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)]!;
const median = (xs: number[]) => pct(xs, 0.5);

for (let i = 0; i < WARMUP; i++) {
  await raw();
  await viaClient();
}
interface Round {
  rawP50: number;
  rawP99: number;
  clientP50: number;
  clientP99: number;
}
const rounds: Round[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const rawTimes: number[] = [];
  const clientTimes: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    // Alternate which goes first so that neither always gets the warmer connection.
    const order = i % 2 === 0 ? [raw, viaClient] : [viaClient, raw];
    for (const fn of order) {
      const start = performance.now();
      await fn();
      (fn === raw ? rawTimes : clientTimes).push(performance.now() - start);
    }
  }
  rounds.push({
    rawP50: pct(rawTimes, 0.5),
    rawP99: pct(rawTimes, 0.99),
    clientP50: pct(clientTimes, 0.5),
    clientP99: pct(clientTimes, 0.99),
  });
}
stopServer();

// The client's own CPU cost, apart from the network: the same call against a fetch that answers
// at once with the same bytes, against a bare fetch, text() and parse of that stub; in alternating
// blocks, so that machine noise hits both alike, and the median block taken.
const instant: typeof fetch = async () => new Response(body, { status: 200 });
const inProcess = new TikTokShop({
  appKey: "6a1b2c3d4e5f",
  appSecret: "bench-secret",
  apiBaseUrl: base,
  rateLimiter: new SlidingWindowLimiter({ limit: 1000, windowMs: 1 }),
  fetch: instant,
}).shop({ accessToken: "TTP_bench", shopCipher: "ROW_bench" });
const BLOCK = 1000;
const clientBlocks: number[] = [];
const bareBlocks: number[] = [];
for (let block = -2; block < 20; block++) {
  let start = performance.now();
  for (let i = 0; i < BLOCK; i++) await inProcess.order.getOrderDetail({ query: { ids } });
  const client = (performance.now() - start) / BLOCK;
  start = performance.now();
  for (let i = 0; i < BLOCK; i++) JSON.parse(await (await instant(rawUrl)).text());
  const bare = (performance.now() - start) / BLOCK;
  // The first blocks warm up.
  if (block >= 0) {
    clientBlocks.push(client);
    bareBlocks.push(bare);
  }
}
const clientCpu = median(clientBlocks);
const bareCpu = median(bareBlocks);

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
const ratio = (r: Round) => (r.clientP50 - r.rawP50) / r.rawP50;
const ratios = rounds.map(ratio);
const rawP50 = median(rounds.map((r) => r.rawP50));
const clientP50 = median(rounds.map((r) => r.clientP50));
const result = {
  rounds: `${ROUNDS} × ${ITERATIONS} interleaved pairs; medians of the rounds below`,
  server: serverMode === "process" ? "its own process" : "this process",
  raw_fetch_reads_with: rawReads,
  response_validation: process.env.BENCH_VALIDATE !== "0",
  raw_fetch_p50: us(rawP50),
  raw_fetch_p99: us(median(rounds.map((r) => r.rawP99))),
  client_p50: us(clientP50),
  client_p99: us(median(rounds.map((r) => r.clientP99))),
  overhead_p50: us(median(rounds.map((r) => r.clientP50 - r.rawP50))),
  overhead_ratio_p50: `${(median(ratios) * 100).toFixed(1)}% of a loopback round trip (target ≤ 10%)`,
  overhead_ratio_per_round: ratios.map((r) => `${(r * 100).toFixed(1)}%`).join(" "),
  client_cpu_per_call: `${us(clientCpu - bareCpu)} (${us(clientCpu)} per call against an in-process stub, ${us(bareCpu)} for fetch + text() + parse of the stub)`,
  signatures_per_second: `${Math.round(signsPerSecond).toLocaleString("en-US")} (target ≥ 100,000)`,
  machine: `${cpus().length} × ${cpus()[0]?.model ?? "?"}, node ${process.version}, load average ${loadBefore.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after`,
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
