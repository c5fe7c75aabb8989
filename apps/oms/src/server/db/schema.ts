// The platform's tables (sellers, sessions, token vault, shops, carrier mappings, webhook events,
// sync cursors) live in this app's database too, so one migration set covers everything.
export * from "@tts-kit/auth/schema";
export * from "@tts-kit/server/schema";
export * from "./aftersales-schema.ts";
export * from "./catalog-schema.ts";
export * from "./fulfillment-schema.ts";
export * from "./orders-schema.ts";
