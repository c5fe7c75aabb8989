import { readFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import type { MiddlewareHandler } from "hono";
import type { ServerEnv } from "./context.ts";

/** Hashed build output (Vite's `assets/index-3f9c2a1b.js`): never changes under its name. */
export const IMMUTABLE = "public, max-age=31536000, immutable";
/** index.html and unhashed public files: always revalidate, so a deploy is seen at once. */
export const REVALIDATE = "no-cache";

export interface ServeSpaOptions {
  /** URL prefix of hashed assets (Vite's `build.assetsDir`, default `/assets/`). */
  assetsPrefix?: string;
  /** Prefix that is never the SPA's (default `/api`). */
  apiPrefix?: string;
}

/**
 * Serves a built SPA (Vite's `dist/client`) from `dir`:
 *
 * - `/assets/*`: the file with `Cache-Control: public, max-age=31536000, immutable`; a missing asset is
 *   a plain 404 (never index.html, which a browser would try to run as a stale chunk).
 * - other files (favicon, robots.txt, `public/`): served with `no-cache`.
 * - everything else that is a GET/HEAD **accepting HTML** and **not under /api**: `index.html` with
 *   `no-cache` (client-side routes). /api paths pass through untouched, so an unknown API route gets
 *   the API's JSON 404, never the page.
 *
 * Precompressed `.br`/`.gz` siblings are used when present. Mount it after the API routes.
 */
export function serveSpa(dir: string, options: ServeSpaOptions = {}): MiddlewareHandler<ServerEnv> {
  const root = resolve(dir);
  const assetsPrefix = options.assetsPrefix ?? "/assets/";
  const apiPrefix = options.apiPrefix ?? "/api";
  const indexPath = join(root, "index.html");

  const files = serveStatic<ServerEnv>({ root, precompressed: true });

  // Read per request (a stat plus a small file): a redeploy that swaps the folder is served at once.
  let cached: { mtimeMs: number; html: string } | undefined;
  const indexHtml = async (): Promise<string | undefined> => {
    try {
      const info = await stat(indexPath);
      if (!cached || cached.mtimeMs !== info.mtimeMs)
        cached = { mtimeMs: info.mtimeMs, html: await readFile(indexPath, "utf8") };
      return cached.html;
    } catch {
      return undefined;
    }
  };

  return async (c, next) => {
    const path = c.req.path;
    if (path === apiPrefix || path.startsWith(`${apiPrefix}/`)) return next();
    if (c.req.method !== "GET" && c.req.method !== "HEAD") return next();
    // Set before serving: serveStatic builds its response from the headers prepared so far.
    c.header("Cache-Control", path.startsWith(assetsPrefix) ? IMMUTABLE : REVALIDATE);
    const served = await files(c, async () => {});
    if (served) return served;
    c.header("Cache-Control", undefined);
    if (path.startsWith(assetsPrefix)) return next();
    const accept = c.req.header("accept") ?? "";
    if (!accept.includes("text/html")) return next();
    const html = await indexHtml();
    if (html === undefined) return next();
    c.header("Cache-Control", REVALIDATE);
    return c.html(html);
  };
}
