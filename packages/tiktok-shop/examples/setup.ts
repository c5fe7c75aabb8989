import { TikTokShop } from "@tts-kit/tiktok-shop";

// One app-level client per process; point the base URLs at the dev shop in development.
export const app = new TikTokShop({
  appKey: process.env.TIKTOK_APP_KEY ?? "",
  appSecret: process.env.TIKTOK_APP_SECRET ?? "",
  apiBaseUrl: process.env.TIKTOK_API_BASE_URL ?? "https://open-api.tiktokglobalshop.com",
  authBaseUrl: process.env.TIKTOK_AUTH_BASE_URL ?? "https://auth.tiktok-shops.com",
});
