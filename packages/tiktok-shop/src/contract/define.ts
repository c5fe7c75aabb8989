import { z } from "zod";

/**
 * The endpoint contract: one record per TikTok Shop Open API operation. Both the client
 * (request building, validation, retries, pagination) and the development shop (routing,
 * OpenAPI document) read it, so paths, field names and enums have exactly one home.
 */
export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

/**
 * Whether `shop_cipher` goes in the query. TikTok refuses it on app- and seller-level
 * endpoints (36009004 "Unexpected identifier") and requires it on shop-scoped ones (106013).
 */
export type CipherRule = "required" | "refused" | "optional";

/**
 * How safe a call is to repeat. Reads can always be retried; a write only when it carries an
 * idempotency key (TikTok de-duplicates on it); other writes never, because a lost response
 * does not tell us whether the write happened.
 */
export type Safety = "read" | "idempotent-write" | "write";

/** Where the cursor of a paginated endpoint travels, and which `data` key holds the items. */
export interface PaginationSpec<I extends string = string> {
  /** `query` for nearly every endpoint (even POST searches); `body` for promotion activity search. */
  tokenIn: "query" | "body";
  /** The array in `data` that holds one page of items, e.g. `orders`. */
  items: I;
}

export interface EndpointSpec<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
  I extends string = string,
> {
  /** The operation's name, camelCase as in TikTok's docs: `getOrderList`. */
  name: string;
  /** A one-line summary for docs and the OpenAPI document. */
  summary: string;
  method: HttpMethod;
  /** Versioned path with `{param}` placeholders: `/order/202309/orders/{order_id}`. */
  path: string;
  cipher: CipherRule;
  /** The access scope the token must hold (105005 otherwise); null when any token will do. */
  scope: string | null;
  safety: Safety;
  /** Path placeholders. */
  params: P;
  /** Endpoint-specific query parameters (the common `app_key`, `timestamp`, `sign`, `shop_cipher` are added by the client). */
  query: Q;
  /** JSON body, or a multipart form for uploads (`multipart: true`). */
  body: B;
  multipart: boolean;
  /** The `data` member of a successful envelope. Unknown fields are kept (TikTok adds fields without a new version). */
  response: R;
  pagination?: PaginationSpec<I>;
}

/** Marker schema for "no parameters of this kind". */
export const none = z.object({}).strict();
export type None = z.infer<typeof none>;

interface DefineInput<
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  R extends z.ZodType,
  I extends string,
> {
  name: string;
  summary: string;
  method: HttpMethod;
  path: string;
  cipher: CipherRule;
  scope: string | null;
  /** Defaults to `read` for GET and `write` otherwise. */
  safety?: Safety;
  params?: P;
  query?: Q;
  body?: B;
  multipart?: boolean;
  response: R;
  pagination?: PaginationSpec<I>;
}

export function endpoint<
  R extends z.ZodType,
  P extends z.ZodType = typeof none,
  Q extends z.ZodType = typeof none,
  B extends z.ZodType = typeof none,
  I extends string = never,
>(input: DefineInput<P, Q, B, R, I>): Defined<P, Q, B, R, I> {
  const placeholders = [...input.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const params = (input.params ?? none) as P;
  const declared = params instanceof z.ZodObject ? Object.keys(params.shape) : [];
  if (placeholders.join(",") !== declared.join(",")) {
    throw new Error(`${input.name}: path placeholders [${placeholders}] do not match params [${declared}]`);
  }
  return {
    name: input.name,
    summary: input.summary,
    method: input.method,
    path: input.path,
    cipher: input.cipher,
    scope: input.scope,
    safety: input.safety ?? (input.method === "GET" ? "read" : "write"),
    params,
    query: (input.query ?? none) as Q,
    body: (input.body ?? none) as B,
    multipart: input.multipart ?? false,
    response: input.response,
    ...(input.pagination ? { pagination: input.pagination } : {}),
  } as Defined<P, Q, B, R, I>;
}

/** An endpoint with pagination declared has it for certain, which is what `pages()` requires. */
type Defined<
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  R extends z.ZodType,
  I extends string,
> = [I] extends [never]
  ? EndpointSpec<P, Q, B, R, I>
  : EndpointSpec<P, Q, B, R, I> & { pagination: PaginationSpec<I> };

export type AnyEndpoint = EndpointSpec<z.ZodType, z.ZodType, z.ZodType, z.ZodType, string>;

/** Endpoints that page with `page_token`. */
export type PaginatedEndpoint = AnyEndpoint & { pagination: PaginationSpec };

/** The element type of a paginated endpoint's item array. */
export type PageItem<E extends AnyEndpoint> =
  E extends EndpointSpec<z.ZodType, z.ZodType, z.ZodType, infer R, infer I>
    ? z.output<R> extends { [K in I]?: infer A }
      ? A extends ReadonlyArray<infer T>
        ? T
        : unknown
      : unknown
    : unknown;

/** What a caller passes to an endpoint method: only the parts the endpoint has. */
export type EndpointInput<E extends AnyEndpoint> = OptionalIfEmpty<"params", z.input<E["params"]>> &
  OptionalIfEmpty<"query", z.input<E["query"]>> &
  OptionalIfEmpty<"body", z.input<E["body"]>>;

export type EndpointData<E extends AnyEndpoint> = z.output<E["response"]>;

type OptionalIfEmpty<K extends string, T> = string extends keyof T
  ? { [P in K]?: T }
  : RequiredKeys<T> extends never
    ? { [P in K]?: T }
    : { [P in K]: T };

type RequiredKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? never : K }[keyof T];
