import tailwindcss from "@tailwindcss/vite";
import { apiProxy } from "@tts-kit/server/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Development: Vite serves the SPA on the app's public port and proxies /api to the Hono process.
export default defineConfig({
  plugins: [react(), tailwindcss()],
  server: {
    host: "127.0.0.1",
    port: Number(process.env.FINANCE_WEB_PORT ?? 5104),
    strictPort: true,
    proxy: apiProxy(Number(process.env.PORT ?? 5204)),
  },
  // OUT_DIR lets concurrent end-to-end runs build side by side.
  build: { outDir: `${process.env.OUT_DIR ?? "dist"}/web`, emptyOutDir: true },
});
