import { useLocale } from "react-aria-components";
import { Banner } from "../components/Banner.tsx";
import { Button, LinkButton } from "../components/Button.tsx";
import {
  DEFAULT_REAUTH_WARNING_DAYS,
  getReauthNotices,
  type ReauthNotice,
  type ShopAuthorization,
} from "./reauth.ts";

export interface ReauthBannerProps {
  shops: readonly ShopAuthorization[];
  /** Unix seconds; default now. */
  now?: number;
  /** Warn this many days ahead. Default 30, when TikTok starts sending webhook 7. */
  warnWithinDays?: number;
  /** Start re-authorization for a shop (e.g. redirect to the authorization URL). */
  onReauthorize?: (shopId: string) => void;
  /** Or give each shop's authorization link. */
  reauthorizeHref?: (shopId: string) => string;
  /** Hide the banner for now. Offered only while no authorization has expired yet. */
  onDismiss?: () => void;
}

function describe(notice: ReauthNotice, locale: string): string {
  const name = notice.shop.shopName;
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  if (notice.status === "expired") {
    const daysAgo = Math.floor(-notice.secondsLeft / 86_400);
    return daysAgo >= 1
      ? `Authorization for ${name} expired ${rtf.format(-daysAgo, "day")}. The app can no longer sync this shop.`
      : `Authorization for ${name} has expired. The app can no longer sync this shop.`;
  }
  if (notice.secondsLeft < 86_400) {
    const hours = Math.max(1, Math.ceil(notice.secondsLeft / 3600));
    return `Authorization for ${name} expires ${rtf.format(hours, "hour")}.`;
  }
  return `Authorization for ${name} expires ${rtf.format(notice.daysLeft, "day")}.`;
}

/**
 * Asks the seller to re-authorize shops whose authorization has expired or ends soon, one
 * "Re-authorize" action per shop. Renders nothing when no shop needs it.
 */
export function ReauthBanner({
  shops,
  now,
  warnWithinDays = DEFAULT_REAUTH_WARNING_DAYS,
  onReauthorize,
  reauthorizeHref,
  onDismiss,
}: ReauthBannerProps) {
  const { locale } = useLocale();
  const notices = getReauthNotices(shops, { now, warnWithinDays });
  if (notices.length === 0) return null;
  const anyExpired = notices.some((n) => n.status === "expired");
  const title = anyExpired
    ? notices.length === 1
      ? "Shop authorization expired"
      : "Shop authorizations need renewal"
    : notices.length === 1
      ? "Shop authorization expires soon"
      : "Shop authorizations expire soon";

  return (
    <Banner
      tone={anyExpired ? "critical" : "warning"}
      title={title}
      onDismiss={anyExpired ? undefined : onDismiss}
      dismissLabel="Dismiss authorization reminder"
    >
      <ul className="space-y-2">
        {notices.map((notice) => {
          const label = `Re-authorize ${notice.shop.shopName}`;
          return (
            <li
              key={notice.shop.shopId}
              className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2"
            >
              <span>{describe(notice, locale)}</span>
              {reauthorizeHref ? (
                <LinkButton
                  size="sm"
                  variant="secondary"
                  href={reauthorizeHref(notice.shop.shopId)}
                  aria-label={label}
                >
                  Re-authorize
                </LinkButton>
              ) : (
                <Button
                  size="sm"
                  variant="secondary"
                  aria-label={label}
                  onPress={() => onReauthorize?.(notice.shop.shopId)}
                >
                  Re-authorize
                </Button>
              )}
            </li>
          );
        })}
      </ul>
    </Banner>
  );
}
