import { useCallback, useEffect, useState } from "react";

/**
 * Path and query in the address bar, with client-side navigation. An app's few pages and a shop
 * choice do not need a router library; the shop lives in `?shop=` so a link or reload keeps it.
 */
export function useBrowserLocation() {
  const [location, setLocation] = useState(() => ({
    path: window.location.pathname,
    search: window.location.search,
  }));
  useEffect(() => {
    const onPop = () => setLocation({ path: window.location.pathname, search: window.location.search });
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
  const navigate = useCallback((href: string) => {
    window.history.pushState(null, "", href);
    setLocation({ path: window.location.pathname, search: window.location.search });
  }, []);
  return { ...location, navigate };
}

/** The first route whose `:name` pattern matches `path`, with the decoded parameters. */
export function matchRoute<R extends { path: string }>(
  routes: readonly R[],
  path: string,
): { route: R; params: Record<string, string> } | undefined {
  const parts = path.split("/").filter(Boolean);
  for (const route of routes) {
    const pattern = route.path.split("/").filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((segment, i) => {
      const part = parts[i] ?? "";
      if (segment.startsWith(":")) {
        params[segment.slice(1)] = decodeURIComponent(part);
        return true;
      }
      return segment === part;
    });
    if (matches) return { route, params };
  }
  return undefined;
}
