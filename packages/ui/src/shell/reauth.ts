/** Which shops need re-authorization, from the refresh-token expiry TikTok Shop reports. */

export interface ShopAuthorization {
  shopId: string;
  shopName: string;
  /** When the seller's authorization ends: Unix seconds (`refresh_token_expire_in`); null = no end. */
  expiresAt: number | null;
}

export interface ReauthNotice {
  shop: ShopAuthorization;
  status: "expired" | "expiring";
  /** Seconds until expiry; zero or negative once expired. */
  secondsLeft: number;
  /** Whole days left, rounded up ("expires in 3 days" until the last 24 h); 0 once expired. */
  daysLeft: number;
}

/** TikTok sends the Upcoming Authorization Expiration webhook (type 7) from 30 days before expiry. */
export const DEFAULT_REAUTH_WARNING_DAYS = 30;

const DAY = 86_400;

/**
 * The shops whose authorization has expired or ends within `warnWithinDays`, most urgent first.
 * Pure so the server (e-mail reminders) and tests can use the same rule as the banner.
 */
export function getReauthNotices(
  shops: readonly ShopAuthorization[],
  options: { now?: number; warnWithinDays?: number } = {},
): ReauthNotice[] {
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const window = (options.warnWithinDays ?? DEFAULT_REAUTH_WARNING_DAYS) * DAY;
  const notices: ReauthNotice[] = [];
  for (const shop of shops) {
    if (shop.expiresAt === null || !Number.isFinite(shop.expiresAt)) continue;
    const secondsLeft = shop.expiresAt - now;
    if (secondsLeft > window) continue;
    const expired = secondsLeft <= 0;
    notices.push({
      shop,
      status: expired ? "expired" : "expiring",
      secondsLeft,
      daysLeft: expired ? 0 : Math.ceil(secondsLeft / DAY),
    });
  }
  return notices.sort((a, b) => a.secondsLeft - b.secondsLeft);
}
