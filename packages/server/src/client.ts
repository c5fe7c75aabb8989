/**
 * Browser-side helper for the SPA (no server imports): sends the CSRF token with mutations.
 *
 * ```ts
 * import { csrfFetch } from "@tts-kit/server/client";
 * const api = hc<AppType>("/api", { fetch: csrfFetch });
 * ```
 *
 * The token comes from `GET /api/csrf` (which also sets the cookie), fetched once and cached; a 403
 * `csrf_failed` (cookie expired or cleared) fetches a fresh token and retries the call once.
 */

export const CSRF_HEADER = "x-csrf-token";
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

let token: Promise<string> | undefined;

/** The current token, from `GET <apiBase>/csrf`. */
export function csrfToken(apiBase = "/api", refresh = false): Promise<string> {
  if (refresh || !token) {
    token = fetch(`${apiBase}/csrf`, { credentials: "same-origin" })
      .then((response) => {
        if (!response.ok) throw new Error(`GET ${apiBase}/csrf answered ${response.status}`);
        return response.json() as Promise<{ token: string }>;
      })
      .then((body) => body.token);
    token.catch(() => {
      token = undefined;
    });
  }
  return token;
}

/** A fetch that adds `x-csrf-token` to POST/PUT/PATCH/DELETE and retries once on a stale token. */
export async function csrfFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const method = (init.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
  if (SAFE.has(method)) return fetch(input, init);
  const send = async (refresh: boolean) => {
    const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
    headers.set(CSRF_HEADER, await csrfToken("/api", refresh));
    return fetch(input, { ...init, headers, credentials: init.credentials ?? "same-origin" });
  };
  const response = await send(false);
  if (response.status !== 403 || input instanceof Request) return response;
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { error?: { code?: string } } | null;
  return body?.error?.code === "csrf_failed" ? send(true) : response;
}

/** An API failure as the SPA sees it: the HTTP status and the server's seller-facing message and code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | undefined,
    /** The whole error body (field errors, rows...), for pages that show more than the message. */
    readonly body?: unknown,
  ) {
    super(message);
  }
}

/**
 * A JSON call to the app's own API (`path` without the `/api` prefix) through `csrfFetch`; a
 * non-2xx answer throws an ApiError carrying the server's message.
 */
export async function apiRequest<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await csrfFetch(`/api${path}`, {
    ...init,
    headers: {
      accept: "application/json",
      ...(typeof init.body === "string" ? { "content-type": "application/json" } : {}),
      ...init.headers,
    },
  });
  const body = (await response.json().catch(() => null)) as
    | (T & { error?: { message?: string; code?: string } })
    | null;
  if (!response.ok) {
    throw new ApiError(
      response.status,
      body?.error?.message ?? `Request failed (${response.status})`,
      body?.error?.code,
      body?.error,
    );
  }
  return body as T;
}
