import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, test, vi } from "vitest";
import { ReauthBanner } from "../src/shell/ReauthBanner.tsx";
import { getReauthNotices, type ShopAuthorization } from "../src/shell/reauth.ts";
import { expectNoAxeViolations } from "./axe.ts";

const NOW = 1_750_000_000;
const DAY = 86_400;
const shop = (id: string, name: string, expiresAt: number | null): ShopAuthorization => ({
  shopId: id,
  shopName: name,
  expiresAt,
});

describe("getReauthNotices", () => {
  test("warns within the window, flags expired, ignores far-off and unlimited", () => {
    const notices = getReauthNotices(
      [
        shop("a", "Far", NOW + 90 * DAY),
        shop("b", "Soon", NOW + 3 * DAY),
        shop("c", "Gone", NOW - 2 * DAY),
        shop("d", "Unlimited", null),
        shop("e", "Edge", NOW + 30 * DAY),
        shop("f", "Just past edge", NOW + 30 * DAY + 1),
      ],
      { now: NOW },
    );
    expect(notices.map((n) => [n.shop.shopId, n.status, n.daysLeft])).toEqual([
      ["c", "expired", 0],
      ["b", "expiring", 3],
      ["e", "expiring", 30],
    ]);
  });

  test("days left round up until the last day; expiry at now counts as expired", () => {
    const [partial] = getReauthNotices([shop("a", "A", NOW + 2 * DAY + 1)], { now: NOW });
    expect(partial?.daysLeft).toBe(3);
    const [hours] = getReauthNotices([shop("a", "A", NOW + 5 * 3600)], { now: NOW });
    expect(hours?.daysLeft).toBe(1);
    const [atNow] = getReauthNotices([shop("a", "A", NOW)], { now: NOW });
    expect(atNow?.status).toBe("expired");
  });

  test("a custom window", () => {
    expect(getReauthNotices([shop("a", "A", NOW + 10 * DAY)], { now: NOW, warnWithinDays: 7 })).toEqual([]);
    expect(getReauthNotices([shop("a", "A", NOW + 6 * DAY)], { now: NOW, warnWithinDays: 7 })).toHaveLength(
      1,
    );
  });
});

describe("ReauthBanner", () => {
  test("renders nothing when no shop needs re-authorization", () => {
    const { container } = render(
      <ReauthBanner shops={[shop("a", "A", NOW + 60 * DAY)]} now={NOW} onReauthorize={() => {}} />,
    );
    expect(container.innerHTML).toBe("");
  });

  test("an expiring shop: days left, a Re-authorize action and a dismiss", async () => {
    const user = userEvent.setup();
    const onReauthorize = vi.fn();
    const onDismiss = vi.fn();
    const { container } = render(
      <ReauthBanner
        shops={[shop("s1", "Acme US", NOW + 3 * DAY)]}
        now={NOW}
        onReauthorize={onReauthorize}
        onDismiss={onDismiss}
      />,
    );
    const region = screen.getByRole("region", { name: "Shop authorization expires soon" });
    expect(region.textContent).toContain("Authorization for Acme US expires in 3 days.");
    await user.click(screen.getByRole("button", { name: "Re-authorize Acme US" }));
    expect(onReauthorize).toHaveBeenCalledWith("s1");
    await user.click(screen.getByRole("button", { name: "Dismiss authorization reminder" }));
    expect(onDismiss).toHaveBeenCalledTimes(1);
    await expectNoAxeViolations(container);
  });

  test("expired shops are critical, listed first and cannot be dismissed", () => {
    render(
      <ReauthBanner
        shops={[shop("s1", "Acme US", NOW + 10 * 3600), shop("s2", "Acme UK", NOW - 2 * DAY)]}
        now={NOW}
        reauthorizeHref={(id) => `/auth/start?shop=${id}`}
        onDismiss={() => {}}
      />,
    );
    const region = screen.getByRole("region", { name: "Shop authorizations need renewal" });
    const items = region.querySelectorAll("li");
    expect(items[0]?.textContent).toContain("Authorization for Acme UK expired 2 days ago.");
    expect(items[1]?.textContent).toContain("Authorization for Acme US expires in 10 hours.");
    expect(screen.getByRole("link", { name: "Re-authorize Acme UK" }).getAttribute("href")).toBe(
      "/auth/start?shop=s2",
    );
    expect(screen.queryByRole("button", { name: /Dismiss/ })).toBeNull();
  });

  test("tomorrow reads naturally", () => {
    render(<ReauthBanner shops={[shop("s1", "Acme", NOW + DAY)]} now={NOW} onReauthorize={() => {}} />);
    expect(screen.getByRole("region").textContent).toContain("Authorization for Acme expires tomorrow.");
  });
});
