import type { AnyEndpoint } from "@tts-kit/tiktok-shop/contract";
import { failure, success } from "../envelope.ts";
import { errors, notEmulated, type PlatformError } from "../errors.ts";
import type { Handler, HandlerContext } from "../handler.ts";
import type { Runtime } from "../platform/runtime.ts";
import { checkAccessToken } from "../platform/tokens.ts";
import { verifyRequestSign } from "../signing.ts";
import type { Shop } from "../state/platform.ts";
import { formObject, queryObject, validate } from "./params.ts";
import type { RateLimiter } from "./rate-limit.ts";
import { buildRouter } from "./routes.ts";

/**
 * The Open API gateway. Runs TikTok's checks in order, each failing with TikTok's code, HTTP
 * status and message, and only then calls the endpoint's handler:
 *   path → method → version → app_key → sign present → timestamp window → sign valid
 *   → (fault injection) → access token → shop_cipher rules → rate limit → scope
 *   → content type → path/query/body validation → handler (501 when not emulated).
 * Only "app_key before sign" is confirmed live; the rest of the order is our reading of the docs.
 */

export interface GatewayOptions {
  runtime: Runtime;
  endpoints: readonly AnyEndpoint[];
  handlers: Readonly<Record<string, Handler>>;
  rateLimiter: RateLimiter;
  /** Called when a handler's data does not match the contract's response schema. */
  onContractViolation: (endpoint: string, message: string) => void;
}

/** TikTok's window: no more than 5 minutes old and no more than 30 seconds ahead. */
const MAX_AGE_SECONDS = 300;
const MAX_AHEAD_SECONDS = 30;

export function createGateway(options: GatewayOptions): (request: Request) => Promise<Response> {
  const { runtime } = options;
  const route = buildRouter(options.endpoints);

  return async (request) => {
    const nowMs = runtime.clock.nowMs();
    const fail = (error: PlatformError, headers: Record<string, string> = {}) =>
      failure(error, nowMs, headers);
    try {
      const url = new URL(request.url);
      const method = request.method.toUpperCase();
      const matched = route(method, url.pathname);
      if (!matched.ok) return fail(matched.error);
      const { endpoint } = matched.route;
      const query = url.searchParams;
      const state = runtime.store.platform;

      const app = state.apps.find((a) => a.appKey === query.get("app_key"));
      if (!app) return fail(errors.invalidAppKey);

      const sign = query.get("sign");
      if (!sign) return fail(errors.missingSign);

      const timestampError = checkTimestamp(query.get("timestamp"), runtime.clock.now());
      if (timestampError) return fail(timestampError);

      const mediaType = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
      const isMultipart = mediaType === "multipart/form-data";
      const rawBody = method === "GET" ? new ArrayBuffer(0) : await request.arrayBuffer();
      const bodyText = isMultipart ? "" : new TextDecoder().decode(rawBody);

      if (
        !verifyRequestSign({
          secret: app.appSecret,
          path: url.pathname,
          query,
          body: bodyText,
          sign,
          multipart: isMultipart,
        })
      ) {
        return fail(errors.invalidSign);
      }

      const cipher = query.get("shop_cipher") || null;
      const faults = runtime.faults.takeForRequest({
        method,
        pathTemplate: endpoint.path,
        appKey: app.appKey,
        shopId: cipher ? (state.shops.find((s) => s.cipher === cipher)?.id ?? null) : null,
      });
      const latency = faults.reduce((sum, f) => sum + f.latencyMs, 0);
      if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));

      const access = checkAccessToken(
        state,
        request.headers.get("x-tts-access-token") ?? undefined,
        app.appKey,
        runtime.clock.now(),
      );
      if (!access.ok) return fail(access.error);
      if (faults.some((f) => f.expiredToken)) return fail(errors.expiredToken);

      const authorizedShops = access.authorization.shopIds.flatMap(
        (id) => state.shops.find((s) => s.id === id) ?? [],
      );
      const shop = resolveShop(endpoint, cipher, authorizedShops);
      if ("error" in shop) return fail(shop.error);

      const throttled = faults.find((f) => f.rateLimit);
      if (throttled?.rateLimit) {
        return fail(errors.rateLimited, { "retry-after": String(throttled.rateLimit.retryAfterSeconds) });
      }
      const limit = options.rateLimiter.take(
        `${app.appKey}|${shop.shop?.id ?? "-"}|${method} ${endpoint.path}`,
      );
      if (!limit.allowed) return fail(errors.rateLimited, { "retry-after": String(limit.retryAfterSeconds) });
      const broken = faults.find((f) => f.serverError);
      if (broken?.serverError) return fail({ ...errors.internal, status: broken.serverError.status });

      if (endpoint.scope !== null && !access.authorization.grantedScopes.includes(endpoint.scope)) {
        return fail(errors.missingScope);
      }

      if (endpoint.multipart && !isMultipart) return fail(errors.notMultipart);
      if (
        !endpoint.multipart &&
        rawBody.byteLength > 0 &&
        mediaType !== "" &&
        mediaType !== "application/json"
      ) {
        return fail(errors.notJsonOrMultipart);
      }

      const input = await parseInput(
        endpoint,
        matched.params,
        query,
        request,
        rawBody,
        bodyText,
        isMultipart,
      );
      if ("error" in input) return fail(input.error);

      const handler = options.handlers[matched.route.key];
      if (!handler) return fail(notEmulated(endpoint.method, endpoint.path));

      const ctx: HandlerContext = {
        now: runtime.clock.now(),
        origin: url.origin,
        app,
        seller: access.seller,
        shop: shop.shop,
        authorizedShops,
        params: input.params,
        query: input.query,
        body: input.body,
        store: runtime.store,
        emit: (type, data) => {
          if (shop.shop) runtime.webhooks.emitForShop(shop.shop.id, type, data);
        },
      };
      const result = await handler(ctx);
      if ("error" in result) {
        const { code, message, status } = result.error;
        return fail({ code, message, status: status ?? 200 });
      }
      const checked = endpoint.response.safeParse(result.data ?? {});
      if (!checked.success) {
        const issue = checked.error.issues[0];
        options.onContractViolation(
          matched.route.key,
          `${issue?.path.join(".") ?? ""}: ${issue?.message ?? ""}`,
        );
      }
      return success(result.data ?? {}, nowMs);
    } catch (cause) {
      console.error("[dev-shop] handler failed:", cause);
      return fail(errors.internal);
    }
  };
}

function checkTimestamp(raw: string | null, devShopNow: number): PlatformError | null {
  // A missing or unparsable timestamp counts as 0, which is older than the window (chosen).
  const value = raw !== null && /^-?\d+$/.test(raw) ? Number(raw) : 0;
  if (value < 0) return errors.timestampNegative;
  // Clients sign with their own clock, so the window is measured against real time; a timestamp
  // taken from the dev shop's shifted clock (GET /control/clock) is accepted as well.
  const realNow = Math.floor(Date.now() / 1000);
  const within = (now: number) => value >= now - MAX_AGE_SECONDS && value <= now + MAX_AHEAD_SECONDS;
  if (within(realNow) || within(devShopNow)) return null;
  return value < realNow ? errors.timestampTooOld : errors.timestampTooNew;
}

type ShopResolution = { shop: Shop | null } | { error: PlatformError };

function resolveShop(endpoint: AnyEndpoint, cipher: string | null, authorized: Shop[]): ShopResolution {
  if (endpoint.cipher === "refused") return cipher ? { error: errors.unexpectedCipher } : { shop: null };
  if (!cipher) {
    if (endpoint.cipher === "required") return { error: errors.missingCipher };
    // Optional cipher: a token for a single shop unambiguously names it.
    return { shop: authorized.length === 1 ? (authorized[0] ?? null) : null };
  }
  const shop = authorized.find((s) => s.cipher === cipher);
  return shop ? { shop } : { error: errors.cipherMismatch };
}

type ParsedInput =
  | { params: Record<string, string>; query: Record<string, unknown>; body: unknown }
  | { error: PlatformError };

async function parseInput(
  endpoint: AnyEndpoint,
  rawParams: Record<string, string>,
  search: URLSearchParams,
  request: Request,
  rawBody: ArrayBuffer,
  bodyText: string,
  isMultipart: boolean,
): Promise<ParsedInput> {
  const params = validate(endpoint.params, rawParams);
  if (!params.ok) return { error: params.error };
  const query = validate(endpoint.query, queryObject(endpoint.query, search));
  if (!query.ok) return { error: query.error };

  let bodyInput: unknown = {};
  if (isMultipart) {
    try {
      const form = await new Response(rawBody, {
        headers: { "content-type": request.headers.get("content-type") ?? "" },
      }).formData();
      bodyInput = formObject(form);
    } catch {
      return {
        error: {
          ...errors.notMultipart,
          message: "Invalid request format. The multipart body could not be read.",
        },
      };
    }
  } else if (bodyText.trim() !== "" && request.method !== "GET") {
    try {
      bodyInput = JSON.parse(bodyText);
    } catch {
      return {
        error: { status: 400, code: 36009004, message: "Invalid request body. The body is not valid JSON." },
      };
    }
  }
  // Endpoints without a body ignore whatever was sent, as TikTok does with unknown input.
  const hasBody = endpoint.multipart || (request.method !== "GET" && !isEmptyStrictObject(endpoint));
  const body = hasBody ? validate(endpoint.body, bodyInput) : { ok: true as const, value: {} };
  if (!body.ok) return { error: body.error };
  return {
    params: params.value as Record<string, string>,
    query: query.value as Record<string, unknown>,
    body: body.value,
  };
}

function isEmptyStrictObject(endpoint: AnyEndpoint): boolean {
  const def = endpoint.body.def as { type: string; shape?: Record<string, unknown> };
  return def.type === "object" && Object.keys(def.shape ?? {}).length === 0;
}
