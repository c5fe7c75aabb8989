import { z } from "zod";
import { opaqueId } from "../ids.ts";

/**
 * Fault injection: make chosen Open API calls slow, throttled (429 + Retry-After), failing (5xx)
 * or answered as if the token had expired, and make webhooks go missing, so that apps can be
 * tested against the failures TikTok really produces. Faults live in memory only.
 */

export const faultInputSchema = z
  .object({
    /** "GET /order/202309/orders/{order_id}" (contract template), or the template alone for any method. */
    endpoint: z.string().min(1).optional(),
    shop_id: z.string().min(1).optional(),
    app_key: z.string().min(1).optional(),
    latency_ms: z.number().int().min(0).max(120_000).optional(),
    rate_limit: z.object({ retry_after: z.number().int().min(0).default(1) }).optional(),
    server_error: z.object({ status: z.number().int().min(500).max(599).default(500) }).optional(),
    expired_token: z.boolean().optional(),
    drop_webhooks: z.boolean().optional(),
    /** Apply to this many matching requests (or webhooks), then disappear; unlimited when left out. */
    count: z.number().int().min(1).optional(),
  })
  .strict()
  .refine(
    (f) =>
      f.latency_ms !== undefined ||
      f.rate_limit !== undefined ||
      f.server_error !== undefined ||
      f.expired_token === true ||
      f.drop_webhooks === true,
    {
      message:
        "a fault needs at least one of latency_ms, rate_limit, server_error, expired_token, drop_webhooks",
    },
  );

export type FaultInput = z.input<typeof faultInputSchema>;

export interface Fault {
  id: string;
  endpoint: string | null;
  shopId: string | null;
  appKey: string | null;
  latencyMs: number;
  rateLimit: { retryAfterSeconds: number } | null;
  serverError: { status: number } | null;
  expiredToken: boolean;
  dropWebhooks: boolean;
  remaining: number | null;
}

export interface RequestTarget {
  method: string;
  pathTemplate: string;
  appKey: string;
  shopId: string | null;
}

export class FaultRegistry {
  private faults: Fault[] = [];

  add(input: FaultInput): Fault {
    const f = faultInputSchema.parse(input);
    const fault: Fault = {
      id: opaqueId(8),
      endpoint: f.endpoint ?? null,
      shopId: f.shop_id ?? null,
      appKey: f.app_key ?? null,
      latencyMs: f.latency_ms ?? 0,
      rateLimit: f.rate_limit ? { retryAfterSeconds: f.rate_limit.retry_after } : null,
      serverError: f.server_error ? { status: f.server_error.status } : null,
      expiredToken: f.expired_token ?? false,
      dropWebhooks: f.drop_webhooks ?? false,
      remaining: f.count ?? null,
    };
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length < before;
  }

  /** The request faults that apply to a call; each one used counts against its `count`. */
  takeForRequest(target: RequestTarget): Fault[] {
    const matched = this.faults.filter(
      (f) =>
        (f.latencyMs > 0 || f.rateLimit || f.serverError || f.expiredToken) &&
        endpointMatches(f.endpoint, target) &&
        (f.shopId === null || f.shopId === target.shopId) &&
        (f.appKey === null || f.appKey === target.appKey),
    );
    for (const fault of matched) this.use(fault);
    return matched;
  }

  /** Whether a webhook should be dropped; returns the reason for the delivery log. */
  takeWebhookDrop(appKey: string, shopId: string): string | null {
    const fault = this.faults.find(
      (f) =>
        f.dropWebhooks &&
        (f.shopId === null || f.shopId === shopId) &&
        (f.appKey === null || f.appKey === appKey),
    );
    if (!fault) return null;
    this.use(fault);
    return `dropped by fault ${fault.id}`;
  }

  private use(fault: Fault): void {
    if (fault.remaining === null) return;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
  }
}

function endpointMatches(pattern: string | null, target: RequestTarget): boolean {
  if (pattern === null) return true;
  const space = pattern.indexOf(" ");
  if (space < 0) return pattern === target.pathTemplate;
  return (
    pattern.slice(0, space).toUpperCase() === target.method &&
    pattern.slice(space + 1).trim() === target.pathTemplate
  );
}
