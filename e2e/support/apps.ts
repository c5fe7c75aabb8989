import { devShopUrl, financeUrl, omsUrl } from "./ports.ts";

/**
 * The apps as the end-to-end stack runs them: each app's server gets these credentials, and each
 * test registers the same values in the dev shop (as Partner Center would hold them).
 */
export const omsApp = {
  app_key: "6omse2eapp01",
  app_secret: "oms-e2e-secret-0123456789abcdef",
  service_id: "7300000000000000113",
  name: "OMS · Orders and shipping",
  category: "OMS",
  description: "Orders and shipping for TikTok Shop sellers.",
  redirect_url: `${omsUrl}/api/auth/callback`,
  homepage_url: `${omsUrl}/`,
  webhook_url: `${omsUrl}/api/webhooks/tiktok`,
};

/** Environment of the OMS server under test. */
export const omsServerEnv = {
  NODE_ENV: "test",
  PORT: String(new URL(omsUrl).port),
  APP_URL: omsUrl,
  LOG_LEVEL: "warn",
  OMS_DATA_DIR: "memory",
  // Short enough for the polling safety net to be seen working within a test.
  OMS_SYNC_INTERVAL_SECONDS: "10",
  TIKTOK_APP_KEY: omsApp.app_key,
  TIKTOK_APP_SECRET: omsApp.app_secret,
  TIKTOK_SERVICE_ID: omsApp.service_id,
  TIKTOK_API_BASE_URL: devShopUrl,
  TIKTOK_AUTH_BASE_URL: devShopUrl,
  TIKTOK_AUTHORIZE_BASE_URL_US: devShopUrl,
  TIKTOK_AUTHORIZE_BASE_URL_ROW: devShopUrl,
  // A fixed test key (32 zero bytes would do; this one is just as unsecret).
  TOKEN_ENCRYPTION_KEYS: "e2e1:ZTJlLWtleS0wMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc=",
};

export const financeApp = {
  app_key: "6fine2eapp01",
  app_secret: "finance-e2e-secret-0123456789abcdef",
  service_id: "7300000000000000114",
  name: "Finance · Payouts and reconciliation",
  category: "Finance",
  description: "Payouts, statements, reconciliation, accounting exports and profit for TikTok Shop sellers.",
  redirect_url: `${financeUrl}/api/auth/callback`,
  homepage_url: `${financeUrl}/`,
  webhook_url: `${financeUrl}/api/webhooks/tiktok`,
};

/** Environment of the Finance server under test. */
export const financeServerEnv = {
  NODE_ENV: "test",
  PORT: String(new URL(financeUrl).port),
  APP_URL: financeUrl,
  LOG_LEVEL: "warn",
  FINANCE_DATA_DIR: "memory",
  // Short enough for the polling to be seen working within a test.
  FINANCE_SYNC_INTERVAL_SECONDS: "10",
  TIKTOK_APP_KEY: financeApp.app_key,
  TIKTOK_APP_SECRET: financeApp.app_secret,
  TIKTOK_SERVICE_ID: financeApp.service_id,
  TIKTOK_API_BASE_URL: devShopUrl,
  TIKTOK_AUTH_BASE_URL: devShopUrl,
  TIKTOK_AUTHORIZE_BASE_URL_US: devShopUrl,
  TIKTOK_AUTHORIZE_BASE_URL_ROW: devShopUrl,
  TOKEN_ENCRYPTION_KEYS: "e2e1:ZTJlLWZpbmFuY2Uta2V5LTAxMjM0NTY3ODlhYmNkZWY=",
};
