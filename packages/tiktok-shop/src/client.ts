import type { z } from "zod";
import { type Clock, systemClock } from "./clock.ts";
import type { AnyEndpoint, EndpointData, EndpointInput, PaginatedEndpoint } from "./contract/define.ts";
import { type Contract, contract } from "./contract/index.ts";
import { classify, parseRetryAfter, TikTokShopError } from "./errors.ts";
import { type Logger, safeLogger, silentLogger } from "./logger.ts";
import { items, type PaginateOptions, pages } from "./paginate.ts";
import { type RateLimiter, type RateLimitKey, SlidingWindowLimiter, unlimited } from "./rate-limit.ts";
import { backoffDelay, defaultRetryPolicy, isSafeToRepeat, noRetry, type RetryPolicy } from "./retry.ts";
import { sign } from "./signing.ts";
import { TokenApi } from "./tokens.ts";

export const DEFAULT_API_BASE_URL = "https://open-api.tiktokglobalshop.com";
export const DEFAULT_AUTH_BASE_URL = "https://auth.tiktok-shops.com";
export const DEFAULT_AUTHORIZE_URLS = {
  US: "https://services.us.tiktokshop.com",
  ROW: "https://services.tiktokshop.com",
} as const;

export interface TikTokShopOptions {
  appKey: string;
  appSecret: string;
  /** Open API host. Point it at the development shop in development. */
  apiBaseUrl?: string;
  /** Token host (`/api/v2/token/get` and `/refresh`). */
  authBaseUrl?: string;
  /** Seller authorization page hosts: US shops and the rest of the world. */
  authorizeBaseUrls?: { US: string; ROW: string };
  /** Any WHATWG fetch; defaults to the global one. */
  fetch?: typeof fetch;
  clock?: Clock;
  logger?: Logger;
  /** Retry policy, or `false` for a single attempt. */
  retry?: Partial<RetryPolicy> | false;
  /** Shared budget for all shops of this app; `false` disables proactive limiting. Default: 50 calls/s per shop and endpoint. */
  rateLimiter?: RateLimiter | false;
  /** Per-attempt timeout. Default 30 s. */
  timeoutMs?: number;
  /** Check each response's `data` against the contract. Default true. */
  validateResponses?: boolean;
  userAgent?: string;
}

/**
 * Where a shop client gets its access token. A plain string for scripts; a source for servers,
 * so that an expired token (105002) is refreshed once and the call repeated.
 */
export interface TokenSource {
  current(): string | Promise<string>;
  /** Obtain a new access token after TikTok said the current one expired. */
  refresh?(): Promise<string>;
}

export interface ShopCredentials {
  accessToken: string | TokenSource;
  /** The shop's cipher from Get Authorized Shops; leave it out for app- and seller-level calls only. */
  shopCipher?: string;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Override the client's retry policy for this call. */
  retry?: Partial<RetryPolicy> | false;
}

export interface CallResult<T> {
  data: T;
  requestId: string;
  httpStatus: number;
  /** Attempts made, 1 when the first one succeeded. */
  attempts: number;
}

interface ResolvedOptions {
  appKey: string;
  appSecret: string;
  apiBaseUrl: string;
  fetch: typeof fetch;
  clock: Clock;
  logger: Logger;
  retry: RetryPolicy;
  limiter: RateLimiter;
  timeoutMs: number;
  validateResponses: boolean;
  userAgent: string;
}

/**
 * The app-level client. It holds the app's credentials and policies and hands out immutable
 * per-shop clients; it has no mutable per-shop state, so one instance serves every shop and
 * every concurrent request of a server.
 */
export class TikTokShop {
  readonly appKey: string;
  readonly tokens: TokenApi;
  private readonly options: ResolvedOptions;
  private readonly authorizeBaseUrls: { US: string; ROW: string };

  constructor(options: TikTokShopOptions) {
    if (!options.appKey) throw new TypeError("appKey is required");
    if (!options.appSecret) throw new TypeError("appSecret is required");
    const clock = options.clock ?? systemClock;
    const logger = options.logger ? safeLogger(options.logger) : silentLogger;
    const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.appKey = options.appKey;
    this.options = {
      appKey: options.appKey,
      appSecret: options.appSecret,
      apiBaseUrl: trimSlash(options.apiBaseUrl ?? DEFAULT_API_BASE_URL),
      fetch: fetchImpl,
      clock,
      logger,
      retry: options.retry === false ? noRetry : { ...defaultRetryPolicy, ...options.retry },
      limiter:
        options.rateLimiter === false
          ? unlimited
          : (options.rateLimiter ?? new SlidingWindowLimiter({ clock })),
      timeoutMs: options.timeoutMs ?? 30_000,
      validateResponses: options.validateResponses ?? true,
      userAgent: options.userAgent ?? "tts-kit/0.1",
    };
    this.authorizeBaseUrls = options.authorizeBaseUrls ?? DEFAULT_AUTHORIZE_URLS;
    this.tokens = new TokenApi({
      appKey: options.appKey,
      appSecret: options.appSecret,
      authBaseUrl: trimSlash(options.authBaseUrl ?? DEFAULT_AUTH_BASE_URL),
      fetch: fetchImpl,
      clock,
      logger,
      timeoutMs: this.options.timeoutMs,
    });
  }

  /** A client bound to one shop's token and cipher. Cheap to create; safe to share. */
  shop(credentials: ShopCredentials): ShopClient {
    return new ShopClient(this.options, credentials);
  }

  /**
   * The seller authorization link for this app. `serviceId` is the app's service id from
   * Partner Center (not the app key); `state` must be unguessable and bound to the browser.
   */
  authorizeUrl(input: { serviceId: string; state: string; market?: "US" | "ROW" }): string {
    const host = trimSlash(this.authorizeBaseUrls[input.market ?? "ROW"]);
    const query = new URLSearchParams({ service_id: input.serviceId, state: input.state });
    return `${host}/open/authorize?${query}`;
  }
}

type Method<E extends AnyEndpoint> =
  Record<never, never> extends EndpointInput<E>
    ? (input?: EndpointInput<E>, options?: CallOptions) => Promise<EndpointData<E>>
    : (input: EndpointInput<E>, options?: CallOptions) => Promise<EndpointData<E>>;

/** Typed methods for one domain: `shop.order.getOrderList({ query, body })`. */
export type DomainClient<D> = { readonly [K in keyof D]: D[K] extends AnyEndpoint ? Method<D[K]> : never };

type Domains = { readonly [K in keyof Contract]: DomainClient<Contract[K]> };

const SHOP = Symbol("shop");

/** One prototype per domain, built once, so creating a shop client allocates almost nothing. */
const domainPrototypes = Object.fromEntries(
  Object.entries(contract).map(([domain, endpoints]) => {
    const proto: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(endpoints as Record<string, AnyEndpoint>)) {
      proto[name] = function (this: { [SHOP]: ShopClient }, input?: unknown, options?: CallOptions) {
        return this[SHOP].request(spec, input as EndpointInput<typeof spec>, options);
      };
    }
    return [domain, Object.freeze(proto)];
  }),
) as Record<keyof Contract, object>;

// The domain groups are attached in the constructor from the contract; this merge types them.
export interface ShopClient extends Domains {}

// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the constructor defines every member of Domains.
export class ShopClient {
  readonly shopCipher: string | undefined;
  private readonly options: ResolvedOptions;
  private readonly tokenSource: TokenSource;

  constructor(options: ResolvedOptions, credentials: ShopCredentials) {
    this.options = options;
    this.shopCipher = credentials.shopCipher || undefined;
    const token = credentials.accessToken;
    this.tokenSource = typeof token === "string" ? { current: () => token } : token;
    for (const domain of Object.keys(domainPrototypes) as Array<keyof Contract>) {
      const methods = Object.create(domainPrototypes[domain]);
      methods[SHOP] = this;
      Object.defineProperty(this, domain, { value: Object.freeze(methods), enumerable: false });
    }
    Object.freeze(this);
  }

  /** Every page of a paginated endpoint; resumable from a saved `pageToken`. */
  pages<E extends PaginatedEndpoint>(endpoint: E, input: EndpointInput<E>, options?: PaginateOptions) {
    return pages(this, endpoint, input, options);
  }

  /** Every item of a paginated endpoint, across pages. */
  items<E extends PaginatedEndpoint>(endpoint: E, input: EndpointInput<E>, options?: PaginateOptions) {
    return items(this, endpoint, input, options);
  }

  /** Calls an endpoint and returns its `data`. */
  async request<E extends AnyEndpoint>(
    endpoint: E,
    input?: EndpointInput<E>,
    options?: CallOptions,
  ): Promise<EndpointData<E>> {
    return (await this.call(endpoint, input, options)).data;
  }

  /** Calls an endpoint and returns its `data` with the request id, status and attempt count. */
  async call<E extends AnyEndpoint>(
    endpoint: E,
    input?: EndpointInput<E>,
    options?: CallOptions,
  ): Promise<CallResult<EndpointData<E>>> {
    const prepared = prepare(endpoint, (input ?? {}) as RawInput, this.shopCipher);
    const policy =
      options?.retry === false
        ? noRetry
        : options?.retry
          ? { ...this.options.retry, ...options.retry }
          : this.options.retry;
    const { clock, limiter, logger } = this.options;
    const key: RateLimitKey = {
      appKey: this.options.appKey,
      shop: prepared.cipher ?? "",
      endpoint: prepared.label,
    };
    const started = clock.now();
    let refreshed = false;

    for (let attempt = 1; ; attempt++) {
      const release = await limiter.acquire(key, options?.signal);
      const attemptStart = clock.now();
      let error: TikTokShopError;
      try {
        const result = await this.send(endpoint, prepared, options?.signal).finally(release);
        logger.debug(
          {
            operation: endpoint.name,
            status: result.httpStatus,
            requestId: result.requestId,
            attempt,
            ms: clock.now() - attemptStart,
          },
          "tiktok shop call",
        );
        return { ...result, attempts: attempt };
      } catch (caught) {
        if (!(caught instanceof TikTokShopError)) throw caught;
        error = caught;
      }

      if (error.kind === "rate_limit") limiter.pause(key, error.retryAfterMs ?? policy.baseDelayMs);
      if (error.kind === "expired_token" && !refreshed && this.tokenSource.refresh) {
        refreshed = true;
        logger.info(
          { operation: endpoint.name, requestId: error.requestId },
          "access token expired; refreshing",
        );
        await this.tokenSource.refresh();
        continue;
      }
      const elapsed = clock.now() - started;
      const canRetry =
        attempt < policy.maxAttempts &&
        elapsed < policy.maxElapsedMs &&
        isSafeToRepeat(error, endpoint.safety, prepared.idempotencyKey);
      if (!canRetry) {
        logger.debug(
          {
            operation: endpoint.name,
            code: error.code,
            kind: error.kind,
            requestId: error.requestId,
            attempt,
          },
          "tiktok shop call failed",
        );
        throw error;
      }
      const delay = Math.min(
        backoffDelay(policy, attempt, error.retryAfterMs),
        policy.maxElapsedMs - elapsed,
      );
      logger.warn(
        {
          operation: endpoint.name,
          code: error.code,
          kind: error.kind,
          requestId: error.requestId,
          attempt,
          delayMs: delay,
        },
        "tiktok shop call will be retried",
      );
      // A 429 is waited out by the limiter's pause, so the limiter alone decides when to go again.
      if (error.kind !== "rate_limit") await clock.sleep(delay, options?.signal);
    }
  }

  private async send(
    endpoint: AnyEndpoint,
    prepared: Prepared,
    signal: AbortSignal | undefined,
  ): Promise<Omit<CallResult<never>, "attempts"> & { data: never }> {
    const { appKey, appSecret, apiBaseUrl, clock, timeoutMs } = this.options;
    // Signed per attempt: a retry gets a fresh timestamp inside TikTok's 5-minute window.
    const pairs: Array<[string, string]> = [
      ["app_key", appKey],
      ["timestamp", String(Math.floor(clock.now() / 1000))],
    ];
    if (prepared.cipher) pairs.push(["shop_cipher", prepared.cipher]);
    for (const pair of prepared.query) pairs.push(pair);
    const signature = sign({
      appSecret,
      path: prepared.path,
      query: pairs,
      body: typeof prepared.body === "string" ? prepared.body : undefined,
    });
    let url = `${apiBaseUrl}${prepared.path}?`;
    for (const [k, v] of pairs) url += `${encodeURIComponent(k)}=${encodeURIComponent(v)}&`;
    url += `sign=${signature}`;

    const headers: Record<string, string> = {
      "x-tts-access-token": await this.tokenSource.current(),
      "user-agent": this.options.userAgent,
    };
    // Multipart bodies set their own content type (with the boundary).
    if (!(prepared.body instanceof FormData)) headers["content-type"] = "application/json";

    // One controller and timer per attempt: cheaper than AbortSignal.timeout + AbortSignal.any.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    let response: Response;
    let text: string;
    try {
      response = await this.options.fetch(url, {
        method: endpoint.method,
        headers,
        body: prepared.body,
        signal: controller.signal,
      });
      text = await response.text();
    } catch (cause) {
      if (signal?.aborted) throw cause;
      throw new TikTokShopError({
        kind: "network",
        code: 0,
        tiktokMessage: timedOut ? `No response within ${timeoutMs} ms` : `Request failed: ${describe(cause)}`,
        requestId: "",
        httpStatus: 0,
        endpoint: prepared.label,
        cause,
      });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
    return this.interpret(endpoint, prepared, response, text);
  }

  private interpret(
    endpoint: AnyEndpoint,
    prepared: Prepared,
    response: Response,
    text: string,
  ): Omit<CallResult<never>, "attempts"> & { data: never } {
    let envelope: { code?: unknown; message?: unknown; request_id?: unknown; data?: unknown };
    try {
      envelope = JSON.parse(text);
    } catch {
      envelope = {};
    }
    const requestId = typeof envelope.request_id === "string" ? envelope.request_id : "";
    if (typeof envelope.code !== "number") {
      throw new TikTokShopError({
        kind:
          response.status === 429 ? "rate_limit" : response.status >= 500 ? "server" : "unexpected_response",
        code: 0,
        tiktokMessage: `HTTP ${response.status} without a TikTok Shop envelope`,
        requestId,
        httpStatus: response.status,
        endpoint: prepared.label,
        retryAfterMs: parseRetryAfter(response.headers.get("retry-after"), this.options.clock.now()),
      });
    }
    const message = typeof envelope.message === "string" ? envelope.message : "";
    if (envelope.code !== 0) {
      throw new TikTokShopError({
        kind: classify(envelope.code, message, response.status),
        code: envelope.code,
        tiktokMessage: message,
        requestId,
        httpStatus: response.status,
        endpoint: prepared.label,
        retryAfterMs: parseRetryAfter(response.headers.get("retry-after"), this.options.clock.now()),
      });
    }
    let data: unknown = envelope.data ?? {};
    if (this.options.validateResponses) {
      const parsed = endpoint.response.safeParse(data);
      if (!parsed.success) {
        throw new TikTokShopError({
          kind: "unexpected_response",
          code: 0,
          tiktokMessage: `Response data does not match the contract: ${formatIssues(parsed.error)}`,
          requestId,
          httpStatus: response.status,
          endpoint: prepared.label,
        });
      }
      data = parsed.data;
    }
    return { data: data as never, requestId, httpStatus: response.status };
  }
}

interface RawInput {
  params?: unknown;
  query?: unknown;
  body?: unknown;
}

interface Prepared {
  label: string;
  path: string;
  cipher: string | undefined;
  query: Array<[string, string]>;
  body: string | FormData | undefined;
  idempotencyKey: boolean;
}

/** Validates the input against the contract and builds the path, query pairs and body once per call. */
function prepare(endpoint: AnyEndpoint, input: RawInput, shopCipher: string | undefined): Prepared {
  const label = `${endpoint.name} ${endpoint.method} ${endpoint.path}`;
  const invalid = (message: string, kind: "validation" | "cipher" = "validation") =>
    new TikTokShopError({
      kind,
      code: 0,
      tiktokMessage: message,
      requestId: "",
      httpStatus: 0,
      endpoint: label,
    });

  if (endpoint.cipher === "required" && !shopCipher) {
    throw invalid(
      `${endpoint.name} needs a shop: create the client with shop({ accessToken, shopCipher })`,
      "cipher",
    );
  }
  const cipher = endpoint.cipher === "refused" ? undefined : shopCipher;

  const params = parsePart(endpoint.params, input.params, "params", invalid) as Record<string, unknown>;
  const query = parsePart(endpoint.query, input.query, "query", invalid) as Record<string, unknown>;
  const path = endpoint.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(String(params[name])),
  );

  const pairs: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    // TikTok's own SDK joins array query values with commas (`ids=1,2,3`).
    pairs.push([key, Array.isArray(value) ? value.join(",") : String(value)]);
  }

  let body: string | FormData | undefined;
  let bodyValue: Record<string, unknown> | undefined;
  if (endpoint.multipart) {
    bodyValue = parsePart(endpoint.body, input.body, "body", invalid) as Record<string, unknown>;
    const form = new FormData();
    for (const [key, value] of Object.entries(bodyValue)) {
      if (value === undefined || value === null) continue;
      form.append(key, value instanceof Blob ? value : String(value));
    }
    body = form;
  } else if (input.body !== undefined || hasFields(endpoint.body)) {
    bodyValue = parsePart(endpoint.body, input.body ?? {}, "body", invalid) as Record<string, unknown>;
    // Serialized once: the signature covers exactly these bytes, and exactly these are sent.
    body = JSON.stringify(bodyValue);
  }

  return {
    label,
    path,
    cipher,
    query: pairs,
    body,
    idempotencyKey: Boolean(query.idempotency_key ?? bodyValue?.idempotency_key),
  };
}

function parsePart(
  schema: z.ZodType,
  value: unknown,
  part: string,
  invalid: (message: string) => TikTokShopError,
): unknown {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw invalid(`Invalid ${part}: ${formatIssues(parsed.error)}`);
  return parsed.data;
}

function hasFields(schema: z.ZodType): boolean {
  const shape = (schema as { shape?: Record<string, unknown> }).shape;
  return shape === undefined || Object.keys(shape).length > 0;
}

function formatIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "(root)"}: ${issue.message}`)
    .join("; ");
}

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const code = (cause.cause as { code?: string } | undefined)?.code;
    return code ? `${cause.message} (${code})` : cause.message;
  }
  return String(cause);
}

function trimSlash(url: string): string {
  return url.endsWith("/") ? url.slice(0, -1) : url;
}
