import { fileURLToPath } from "node:url";
import { loadEnvOrExit } from "@tts-kit/server";
import { createFinanceServer } from "./app.ts";
import { financeEnvSchema, loadDevelopmentDefaults } from "./env.ts";

loadDevelopmentDefaults();
const env = loadEnvOrExit(financeEnvSchema);
// The bundled server (<out>/server/main.js) serves the built SPA next to it; `tsx` in development does not.
const bundled = import.meta.url.endsWith("/server/main.js");
const server = await createFinanceServer({
  env,
  ...(bundled ? { spaDir: fileURLToPath(new URL("../web", import.meta.url)) } : {}),
});
const running = await server.start();
server.logger.info({ url: env.APP_URL, port: running.port }, "Finance is running");
