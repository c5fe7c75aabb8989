import { fileURLToPath } from "node:url";
import { loadEnvOrExit } from "@tts-kit/server";
import { createOmsServer } from "./app.ts";
import { loadDevelopmentDefaults, omsEnvSchema } from "./env.ts";

loadDevelopmentDefaults();
const env = loadEnvOrExit(omsEnvSchema);
// The bundled server (<out>/server/main.js) serves the built SPA next to it; `tsx` in development does not.
const bundled = import.meta.url.endsWith("/server/main.js");
const server = await createOmsServer({
  env,
  ...(bundled ? { spaDir: fileURLToPath(new URL("../web", import.meta.url)) } : {}),
});
const running = await server.start();
server.logger.info({ url: env.APP_URL, port: running.port }, "OMS is running");
