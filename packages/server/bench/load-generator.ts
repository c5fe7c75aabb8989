// The load generator of webhooks.bench.ts, run as a separate process so that it does not share the
// server's event loop (or core). Sends signed TikTok-style webhooks with autocannon: unique
// notification ids plus a share of exact re-sends (TikTok's retries), and reports what it sent.
import { createHmac } from "node:crypto";
import { writeFileSync } from "node:fs";
import autocannon from "autocannon";

interface Config {
  url: string;
  path: string;
  appKey: string;
  appSecret: string;
  amount: number;
  connections: number;
  duplicateRatio: number;
  seed: number;
  idPrefix: string;
  maxSeconds: number;
  idsFile: string;
}

const config = JSON.parse(process.argv[2] ?? "{}") as Config;

// mulberry32: a seeded PRNG, so every run sends the same mix.
let state = config.seed >>> 0;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const sent: Array<{ body: string; signature: string }> = [];
const uniqueIds: string[] = [];
let duplicates = 0;

function nextDelivery(): { body: string; signature: string } {
  if (sent.length > 0 && random() < config.duplicateRatio) {
    duplicates++;
    return sent[Math.floor(random() * sent.length)]!;
  }
  const id = `${config.idPrefix}${String(uniqueIds.length + 1).padStart(9, "0")}`;
  uniqueIds.push(id);
  const body = JSON.stringify({
    type: 1,
    tts_notification_id: id,
    shop_id: "7495540735365777507",
    timestamp: 1718305585,
    data: {
      is_on_hold_order: false,
      order_id: `5766536881352${uniqueIds.length}`,
      order_status: "AWAITING_SHIPMENT",
      update_time: 1718305585,
    },
  });
  const delivery = {
    body,
    signature: createHmac("sha256", config.appSecret).update(config.appKey).update(body).digest("hex"),
  };
  sent.push(delivery);
  return delivery;
}

const statuses: Record<string, number> = {};
// Throughput is measured from the first to the last answer: autocannon's own total time includes its
// start-up and a wait for its next one-second sampling tick, about a second that would bias short runs.
let firstAnswer = 0;
let lastAnswer = 0;
let answers = 0;
const instance = autocannon(
  {
    url: config.url,
    connections: config.connections,
    amount: config.amount,
    timeout: 10,
    requests: [
      {
        method: "POST",
        path: config.path,
        setupRequest: (request) => {
          const delivery = nextDelivery();
          return {
            ...request,
            body: delivery.body,
            headers: {
              ...request.headers,
              "content-type": "application/json",
              authorization: delivery.signature,
            },
          };
        },
      },
    ],
  },
  (error, result) => {
    clearTimeout(guard);
    if (error) {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    }
    const seconds = (lastAnswer - firstAnswer) / 1000;
    writeFileSync(config.idsFile, uniqueIds.join("\n"));
    process.stdout.write(
      `${JSON.stringify({
        requests: result.requests.total,
        seconds,
        perSecond: (answers - 1) / seconds,
        latency: {
          p50: result.latency.p50,
          p90: result.latency.p90,
          p99: result.latency.p99,
          max: result.latency.max,
        },
        statuses,
        errors: result.errors,
        timeouts: result.timeouts,
        unique: uniqueIds.length,
        duplicates,
      })}\n`,
    );
  },
);
instance.on("response", (_client, statusCode) => {
  const now = performance.now();
  if (answers === 0) firstAnswer = now;
  lastAnswer = now;
  answers++;
  statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
});
// Bounded in time whatever happens: autocannon stops, and so does this process.
const guard = setTimeout(() => {
  process.stderr.write(`load generator: over ${config.maxSeconds} s, stopping\n`);
  instance.stop();
}, config.maxSeconds * 1000);
