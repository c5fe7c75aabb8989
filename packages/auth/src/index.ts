export { type Auth, createAuth } from "./auth.ts";
export {
  type CarrierMapping,
  type CarrierMappingIssue,
  type CarrierMappingsInput,
  carrierMappingsInput,
  type DeliveryOptionChoice,
  type ShippingProviderOption,
  type WarehouseChoice,
} from "./carriers.ts";
export type { AuthConfig, AuthDatabase, Market } from "./config.ts";
export {
  type CarrierMappingResult,
  ShopConnections,
  type ShopPurgeEvent,
  type ShopPurgeHook,
} from "./connections.ts";
export { DecryptionError, type EncryptionKeys, KeyRing } from "./encryption.ts";
export { AuthHttpError, ReauthRequiredError, shopNotFound } from "./errors.ts";
export { type ConnectResult, InstallFlow } from "./install.ts";
export type { AuthEnv, AuthVariables } from "./middleware.ts";
export type { AuthRoutes, ConnectionRoutes } from "./routes.ts";
export { type ActiveSession, SessionManager } from "./sessions.ts";
export { type AccessToken, TokenVault } from "./vault.ts";
export type { ReauthReason, SellerView, ShopView } from "./views.ts";
