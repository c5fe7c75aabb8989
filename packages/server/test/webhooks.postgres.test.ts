import { describe } from "vitest";
import { postgresReachable } from "./helpers.ts";
import { webhookSuite } from "./webhooks-suite.ts";

describe.skipIf(!postgresReachable)("Postgres", () => webhookSuite("postgres"));
