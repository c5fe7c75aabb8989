import { webhookSuite } from "./webhooks-suite.ts";

webhookSuite("pglite");
