/**
 * Development: Vite serves the SPA with HMR and proxies /api to the app's Hono process (pattern A of
 * the reference: two processes, the same routing as production since the API always lives under /api).
 *
 * ```ts
 * // apps/oms/vite.config.ts
 * import react from "@vitejs/plugin-react";
 * import { apiProxy } from "@tts-kit/server/vite";
 * export default defineConfig({
 *   plugins: [react()],
 *   server: { port: 5173, proxy: apiProxy(Number(process.env.OMS_API_PORT ?? 3001)) },
 *   build: { outDir: "dist/client" },
 * });
 * ```
 *
 * The browser then talks to one origin (Vite's, e.g. http://localhost:5173), so set APP_URL to it in
 * development: cookies, the CSRF origin check and TikTok's redirect/webhook URLs all use that origin.
 * This module imports nothing from Vite; it returns the plain `server.proxy` object.
 */
export interface ApiProxyEntry {
  target: string;
  changeOrigin: boolean;
  xfwd: boolean;
  ws: boolean;
}

export function apiProxy(port: number, host = "127.0.0.1"): Record<string, ApiProxyEntry> {
  return {
    // changeOrigin false keeps the browser's Host, so the API sees the same origin as the page.
    "/api": { target: `http://${host}:${port}`, changeOrigin: false, xfwd: true, ws: false },
  };
}
