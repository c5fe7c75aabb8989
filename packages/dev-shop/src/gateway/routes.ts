import type { AnyEndpoint } from "@tts-kit/tiktok-shop/contract";
import { errors, type PlatformError } from "../errors.ts";

/**
 * Routing over the contract: every endpoint's versioned path template becomes a matcher, and a
 * miss is classified the way TikTok's gateway does it: a path no endpoint has (36009009), a path
 * that exists for other methods (36009010), or a resource that exists in other versions only
 * (36009014).
 */

export interface Route {
  endpoint: AnyEndpoint;
  /** `"METHOD /path/{placeholders}"`, the key of the handler table. */
  key: string;
  matcher: RegExp;
  /** The same path with any version in the second segment, to tell a bad version from a bad path. */
  anyVersion: RegExp;
  paramNames: string[];
  /** Literal segments win over placeholders when both match (`/products/search` vs `/products/{id}`). */
  literals: number;
}

export type RouteMatch =
  | { ok: true; route: Route; params: Record<string, string> }
  | { ok: false; error: PlatformError };

function escapeRegExp(segment: string): string {
  return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function compile(path: string, anyVersion: boolean): RegExp {
  const segments = path.split("/").map((segment, index) => {
    if (anyVersion && index === 2) return "[^/]+";
    return /^\{\w+\}$/.test(segment) ? "([^/]+)" : escapeRegExp(segment);
  });
  return new RegExp(`^${segments.join("/")}$`);
}

export function routeKey(method: string, path: string): string {
  return `${method} ${path}`;
}

export function buildRouter(endpoints: readonly AnyEndpoint[]): (method: string, path: string) => RouteMatch {
  const routes: Route[] = endpoints.map((endpoint) => ({
    endpoint,
    key: routeKey(endpoint.method, endpoint.path),
    matcher: compile(endpoint.path, false),
    anyVersion: compile(endpoint.path, true),
    paramNames: [...endpoint.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ""),
    literals: endpoint.path.split("/").filter((s) => s && !s.startsWith("{")).length,
  }));

  return (method, path) => {
    const candidates: Array<{ route: Route; values: string[] }> = [];
    for (const route of routes) {
      const m = route.matcher.exec(path);
      if (m) candidates.push({ route, values: m.slice(1) });
    }
    if (candidates.length === 0) {
      const otherVersion = routes.some((r) => r.anyVersion.test(path));
      return { ok: false, error: otherVersion ? errors.invalidVersion : errors.invalidPath };
    }
    const sameMethod = candidates
      .filter((c) => c.route.endpoint.method === method)
      .sort((a, b) => b.route.literals - a.route.literals);
    const best = sameMethod[0];
    if (!best) return { ok: false, error: errors.invalidMethod };
    const params: Record<string, string> = {};
    best.route.paramNames.forEach((name, i) => {
      params[name] = safeDecode(best.values[i] ?? "");
    });
    return { ok: true, route: best.route, params };
  };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
