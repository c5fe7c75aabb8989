import type { z } from "zod";
import { type Clock, systemClock } from "./clock.ts";
import { type CompiledSchema, compileSchema, INVALID } from "./compiled-schema.ts";
import {
  type AnyEndpoint,
  type EndpointData,
  type EndpointInput,
  none,
  type PaginatedEndpoint,
} from "./contract/define.ts";
import { type Contract, contract } from "./contract/index.ts";
import { type Entry, unwatch, type Watched, watch } from "./deadlines.ts";
import { classify, parseRetryAfter, TikTokShopError } from "./errors.ts";
import { type Logger, levelEnabled, safeLogger, silentLogger } from "./logger.ts";
import { items, type PaginateOptions, pages } from "./paginate.ts";
import { type RateLimiter, type RateLimitKey, SlidingWindowLimiter, unlimited } from "./rate-limit.ts";
import { backoffDelay, defaultRetryPolicy, isSafeToRepeat, noRetry, type RetryPolicy } from "./retry.ts";
import { type Signer, signer } from "./signing.ts";
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
  /** `app_key=...`, encoded once. */
  appKeyParam: string;
  sign: Signer;
  apiBaseUrl: string;
  fetch: typeof fetch;
  clock: Clock;
  logger: Logger;
  /** Whether per-call debug lines are wanted; checked before building them. */
  debug: () => boolean;
  retry: RetryPolicy;
  limiter: RateLimiter;
  timeoutMs: number;
  /** When an attempt of this app last timed out (see `exchange`). */
  timeouts: TimeoutHistory;
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
    const given = options.logger;
    const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.appKey = options.appKey;
    this.options = {
      appKey: options.appKey,
      appKeyParam: `app_key=${encodeURIComponent(options.appKey)}`,
      sign: signer(options.appSecret),
      apiBaseUrl: trimSlash(options.apiBaseUrl ?? DEFAULT_API_BASE_URL),
      fetch: fetchImpl,
      clock,
      logger,
      debug: given ? () => levelEnabled(given, "debug") : () => false,
      retry: options.retry === false ? noRetry : { ...defaultRetryPolicy, ...options.retry },
      limiter:
        options.rateLimiter === false
          ? unlimited
          : (options.rateLimiter ?? new SlidingWindowLimiter({ clock })),
      timeoutMs: options.timeoutMs ?? 30_000,
      timeouts: { last: Number.NEGATIVE_INFINITY },
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
  /** One frozen rate-limit key per endpoint, so that a limiter can find its budget by identity. */
  private readonly limitKeys = new Map<CompiledEndpoint, RateLimitKey>();

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
  request<E extends AnyEndpoint>(
    endpoint: E,
    input?: EndpointInput<E>,
    options?: CallOptions,
  ): Promise<EndpointData<E>> {
    return this.run(endpoint, input, options, true) as Promise<EndpointData<E>>;
  }

  /** Calls an endpoint and returns its `data` with the request id, status and attempt count. */
  call<E extends AnyEndpoint>(
    endpoint: E,
    input?: EndpointInput<E>,
    options?: CallOptions,
  ): Promise<CallResult<EndpointData<E>>> {
    return this.run(endpoint, input, options, false) as Promise<CallResult<EndpointData<E>>>;
  }

  /** Both of the above; `dataOnly` saves `request` a promise of its own. */
  private async run(
    endpoint: AnyEndpoint,
    input: unknown,
    options: CallOptions | undefined,
    dataOnly: boolean,
  ): Promise<unknown> {
    const compiled = compiledEndpoint(endpoint);
    const prepared = prepare(endpoint, compiled, (input ?? {}) as RawInput, this.shopCipher);
    const policy =
      options?.retry === false
        ? noRetry
        : options?.retry
          ? { ...this.options.retry, ...options.retry }
          : this.options.retry;
    const { clock, limiter, logger } = this.options;
    const signal = options?.signal;
    const key = this.limitKey(compiled, prepared.cipher);
    const started = clock.now();
    let refreshed = false;

    for (let attempt = 1; ; attempt++) {
      // A free slot is taken without a promise when the limiter can tell at once.
      const release = limiter.tryAcquire?.(key) ?? (await limiter.acquire(key, signal));
      const attemptStart = clock.now();
      let error: TikTokShopError;
      try {
        const result = await this.send(endpoint, compiled, prepared, signal);
        if (this.options.debug())
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
        if (dataOnly) return result.data;
        result.attempts = attempt;
        return result;
      } catch (caught) {
        if (!(caught instanceof TikTokShopError)) throw caught;
        error = caught;
      } finally {
        release();
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
        if (this.options.debug())
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
      if (error.kind !== "rate_limit") await clock.sleep(delay, signal);
    }
  }

  private limitKey(compiled: CompiledEndpoint, cipher: string | undefined): RateLimitKey {
    let key = this.limitKeys.get(compiled);
    if (!key) {
      key = Object.freeze({ appKey: this.options.appKey, shop: cipher ?? "", endpoint: compiled.label });
      this.limitKeys.set(compiled, key);
    }
    return key;
  }

  private async send(
    endpoint: AnyEndpoint,
    compiled: CompiledEndpoint,
    prepared: Prepared,
    signal: AbortSignal | undefined,
  ): Promise<CallResult<unknown>> {
    const { appKey, appKeyParam, apiBaseUrl, clock } = this.options;
    // Signed per attempt: a retry gets a fresh timestamp inside TikTok's 5-minute window.
    const timestamp = String(Math.floor(clock.now() / 1000));
    const pairs: Array<[string, string]> = [
      ["app_key", appKey],
      ["timestamp", timestamp],
    ];
    let url = `${apiBaseUrl}${prepared.path}?${appKeyParam}&timestamp=${timestamp}`;
    if (prepared.cipher) {
      pairs.push(["shop_cipher", prepared.cipher]);
      url += `&shop_cipher=${encodeURIComponent(prepared.cipher)}`;
    }
    for (const pair of prepared.query) {
      pairs.push(pair);
      url += `&${encodeURIComponent(pair[0])}=${encodeURIComponent(pair[1])}`;
    }
    const signature = this.options.sign(
      prepared.path,
      pairs,
      typeof prepared.body === "string" ? prepared.body : undefined,
    );
    url += `&sign=${signature}`;

    const token = this.tokenSource.current();
    const headers: Record<string, string> = {
      "x-tts-access-token": typeof token === "string" ? token : await token,
      "user-agent": this.options.userAgent,
    };
    // Multipart bodies set their own content type (with the boundary).
    if (!(prepared.body instanceof FormData)) headers["content-type"] = "application/json";

    const init: RequestInit = { method: endpoint.method, headers };
    if (prepared.body !== undefined) init.body = prepared.body;
    const { response, text } = await exchange(
      this.options.fetch,
      url,
      init,
      this.options.timeoutMs,
      this.options.timeouts,
      compiled.label,
      signal,
    );
    return this.interpret(compiled, response, text);
  }

  private interpret(compiled: CompiledEndpoint, response: Response, text: string): CallResult<unknown> {
    let envelope: { code?: unknown; message?: unknown; request_id?: unknown; data?: unknown };
    try {
      envelope = JSON.parse(text);
    } catch {
      envelope = {};
    }
    if (typeof envelope !== "object" || envelope === null) envelope = {};
    const requestId = typeof envelope.request_id === "string" ? envelope.request_id : "";
    if (typeof envelope.code !== "number") {
      throw new TikTokShopError({
        kind:
          response.status === 429 ? "rate_limit" : response.status >= 500 ? "server" : "unexpected_response",
        code: 0,
        tiktokMessage: `HTTP ${response.status} without a TikTok Shop envelope`,
        requestId,
        httpStatus: response.status,
        endpoint: compiled.label,
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
        endpoint: compiled.label,
        retryAfterMs: parseRetryAfter(response.headers.get("retry-after"), this.options.clock.now()),
      });
    }
    let data: unknown = envelope.data ?? {};
    if (this.options.validateResponses) {
      // The compiled check answers for valid data (nearly every response); zod explains the rest.
      const checked = compiled.validate(data);
      if (checked !== INVALID) data = checked;
      else {
        const parsed = compiled.endpoint.response.safeParse(data);
        if (!parsed.success) {
          throw new TikTokShopError({
            kind: "unexpected_response",
            code: 0,
            tiktokMessage: `Response data does not match the contract: ${formatIssues(parsed.error)}`,
            requestId,
            httpStatus: response.status,
            endpoint: compiled.label,
          });
        }
        data = parsed.data;
      }
    }
    return { data, requestId, httpStatus: response.status, attempts: 0 };
  }
}

/**
 * One HTTP exchange (request, then the whole body as text) bounded by `timeoutMs`.
 *
 * The timeout is a deadline racing the exchange (see `deadlines.ts`), and normally no
 * AbortSignal is handed to fetch: with one, undici registers listeners, a WeakRef and a
 * finalizer per request, which cost more than all the rest of the client's own work. When the
 * deadline passes, the call fails at once, and the connection is released by cancelling the
 * response body: right away if the headers are in (the body is read through our own reader,
 * which we can cancel), or as soon as they arrive. A request whose headers never come cannot be
 * stopped without a signal, though, and would hold its socket until undici's own 300 s header
 * timeout; so for a minute after any attempt of the app timed out (the API is hanging), attempts
 * carry a signal again and are aborted outright at their deadline. A caller's signal is always
 * passed to fetch and aborts the request itself.
 */
function exchange(
  fetchImpl: typeof fetch,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  timeouts: TimeoutHistory,
  label: string,
  signal: AbortSignal | undefined,
): Promise<Exchanged> {
  let controller: AbortController | undefined;
  if (performance.now() - timeouts.last < HARD_TIMEOUTS_FOR_MS) {
    controller = new AbortController();
    init.signal = signal ? AbortSignal.any([signal, controller.signal]) : controller.signal;
  } else if (signal) init.signal = signal;
  return new Promise((resolve, reject) => {
    const exchange = new Exchange(resolve, reject, timeoutMs, timeouts, controller, label, signal);
    let pending: Promise<Response>;
    try {
      pending = fetchImpl(url, init);
    } catch (cause) {
      pending = Promise.reject(cause);
    }
    pending.then((response) => exchange.received(response)).catch((cause) => exchange.fail(cause));
  });
}

/** How long after a timeout attempts carry an AbortSignal (see `exchange`). */
const HARD_TIMEOUTS_FOR_MS = 60_000;

interface TimeoutHistory {
  /** `performance.now()` of the app's last timed-out attempt. */
  last: number;
}

interface Exchanged {
  response: Response;
  text: string;
}

/** The state of one exchange; methods rather than closures, so that a call allocates little. */
class Exchange implements Watched {
  private settled = false;
  private response: Response | undefined;
  private reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  private readonly chunks: Uint8Array[] = [];
  private readonly deadline: Entry;

  constructor(
    private readonly resolve: (value: Exchanged) => void,
    private readonly reject: (reason: unknown) => void,
    private readonly timeoutMs: number,
    private readonly timeouts: TimeoutHistory,
    private readonly controller: AbortController | undefined,
    private readonly label: string,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.deadline = watch(this, timeoutMs);
  }

  received(response: Response): Promise<void> | undefined {
    if (this.settled) {
      // The answer came after the timeout: nobody reads it.
      discard(response);
      return undefined;
    }
    this.response = response;
    const body = response.body;
    if (!body) {
      this.done("");
      return undefined;
    }
    this.reader = body.getReader();
    return this.pump();
  }

  private pump(): Promise<void> {
    return this.reader!.read().then((chunk) => this.chunk(chunk));
  }

  private chunk(chunk: ReadableStreamReadResult<Uint8Array>): Promise<void> | undefined {
    if (this.settled) return undefined;
    if (!chunk.done) {
      this.chunks.push(chunk.value);
      return this.pump();
    }
    this.done(utf8(this.chunks));
    return undefined;
  }

  private done(text: string): void {
    this.settled = true;
    unwatch(this.deadline);
    this.resolve({ response: this.response!, text });
  }

  fail(cause: unknown): void {
    if (this.settled) return;
    this.settled = true;
    unwatch(this.deadline);
    this.reject(
      this.signal?.aborted ? cause : networkError(this.label, `Request failed: ${describe(cause)}`, cause),
    );
  }

  expire(): void {
    if (this.settled) return;
    this.settled = true;
    this.timeouts.last = performance.now();
    const error = networkError(this.label, `No response within ${this.timeoutMs} ms`);
    this.reject(error);
    if (this.controller) this.controller.abort(error);
    // Without a signal: a body being read is cancelled; a response still on its way is
    // discarded when it arrives (`received`).
    else this.reader?.cancel().catch(ignore);
  }
}

const decoder = new TextDecoder();

/** The body as text, decoded as `Response.text()` does (UTF-8, leading BOM dropped). */
function utf8(chunks: Uint8Array[]): string {
  if (chunks.length === 1) return decoder.decode(chunks[0]);
  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  const all = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.length;
  }
  return decoder.decode(all);
}

function networkError(label: string, message: string, cause?: unknown): TikTokShopError {
  return new TikTokShopError({
    kind: "network",
    code: 0,
    tiktokMessage: message,
    requestId: "",
    httpStatus: 0,
    endpoint: label,
    ...(cause === undefined ? {} : { cause }),
  });
}

/** Frees the connection of a response nobody will read. */
function discard(response: Response): void {
  const body = response.body;
  if (body && !body.locked) body.cancel().catch(ignore);
}

function ignore(): void {}

const NOTHING = Object.freeze({});

interface RawInput {
  params?: unknown;
  query?: unknown;
  body?: unknown;
}

interface Prepared {
  path: string;
  cipher: string | undefined;
  query: Array<[string, string]>;
  body: string | FormData | undefined;
  idempotencyKey: boolean;
}

/** What the client works out once per endpoint rather than on every call. */
interface CompiledEndpoint {
  endpoint: AnyEndpoint;
  /** `name METHOD /path/template`: the rate-limit key and the `endpoint` of errors. */
  label: string;
  /** The path template split at its placeholders: literal, name, literal, name, ..., literal. */
  pathParts: string[];
  /** Whether a JSON body is sent when the caller gives none (the body schema has fields). */
  defaultBody: boolean;
  /** The input parts, validated as copies (the caller keeps its objects). */
  params: CompiledSchema;
  query: CompiledSchema;
  body: CompiledSchema;
  /** The response `data`, validated in place (it is ours, freshly parsed). */
  validate: CompiledSchema;
}

const compiledEndpoints = new WeakMap<AnyEndpoint, CompiledEndpoint>();

function compiledEndpoint(endpoint: AnyEndpoint): CompiledEndpoint {
  let compiled = compiledEndpoints.get(endpoint);
  if (!compiled) {
    compiled = {
      endpoint,
      label: `${endpoint.name} ${endpoint.method} ${endpoint.path}`,
      pathParts: endpoint.path.split(/\{(\w+)\}/),
      defaultBody: hasFields(endpoint.body),
      params: compileSchema(endpoint.params, { copy: true }),
      query: compileSchema(endpoint.query, { copy: true }),
      body: compileSchema(endpoint.body, { copy: true }),
      validate: compileSchema(endpoint.response),
    };
    compiledEndpoints.set(endpoint, compiled);
  }
  return compiled;
}

/** Validates the input against the contract and builds the path, query pairs and body once per call. */
function prepare(
  endpoint: AnyEndpoint,
  compiled: CompiledEndpoint,
  input: RawInput,
  shopCipher: string | undefined,
): Prepared {
  const label = compiled.label;

  if (endpoint.cipher === "required" && !shopCipher) {
    throw inputError(
      label,
      `${endpoint.name} needs a shop: create the client with shop({ accessToken, shopCipher })`,
      "cipher",
    );
  }
  const cipher = endpoint.cipher === "refused" ? undefined : shopCipher;

  // An endpoint without path parameters or query has nothing to check when none are given.
  const params = (
    input.params === undefined && endpoint.params === none
      ? NOTHING
      : parsePart(endpoint.params, compiled.params, input.params, "params", label)
  ) as Record<string, unknown>;
  const query = (
    input.query === undefined && endpoint.query === none
      ? NOTHING
      : parsePart(endpoint.query, compiled.query, input.query, "query", label)
  ) as Record<string, unknown>;
  const parts = compiled.pathParts;
  let path = parts[0]!;
  for (let i = 1; i < parts.length; i += 2)
    path += encodeURIComponent(String(params[parts[i]!])) + parts[i + 1]!;

  const pairs: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    // TikTok's own SDK joins array query values with commas (`ids=1,2,3`).
    pairs.push([key, Array.isArray(value) ? value.join(",") : String(value)]);
  }

  let body: string | FormData | undefined;
  let bodyValue: Record<string, unknown> | undefined;
  if (endpoint.multipart) {
    bodyValue = parsePart(endpoint.body, compiled.body, input.body, "body", label) as Record<string, unknown>;
    const form = new FormData();
    for (const [key, value] of Object.entries(bodyValue)) {
      if (value === undefined || value === null) continue;
      form.append(key, value instanceof Blob ? value : String(value));
    }
    body = form;
  } else if (input.body !== undefined || compiled.defaultBody) {
    bodyValue = parsePart(endpoint.body, compiled.body, input.body ?? {}, "body", label) as Record<
      string,
      unknown
    >;
    // Serialized once: the signature covers exactly these bytes, and exactly these are sent.
    body = JSON.stringify(bodyValue);
  }

  return {
    path,
    cipher,
    query: pairs,
    body,
    idempotencyKey: Boolean(query.idempotency_key ?? bodyValue?.idempotency_key),
  };
}

function parsePart(
  schema: z.ZodType,
  validate: CompiledSchema,
  value: unknown,
  part: string,
  label: string,
): unknown {
  const checked = validate(value ?? {});
  if (checked !== INVALID) return checked;
  // Rejected: zod says why (and has the last word).
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw inputError(label, `Invalid ${part}: ${formatIssues(parsed.error)}`);
  return parsed.data;
}

function inputError(label: string, message: string, kind: "validation" | "cipher" = "validation") {
  return new TikTokShopError({
    kind,
    code: 0,
    tiktokMessage: message,
    requestId: "",
    httpStatus: 0,
    endpoint: label,
  });
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
