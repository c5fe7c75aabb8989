import { type ReactNode, useEffect, useId, useState } from "react";
import { Button, Link, RouterProvider } from "react-aria-components";
import { focusRing } from "../components/Button.tsx";
import { CloseIcon, MenuIcon } from "../components/icons.tsx";
import { ToastProvider } from "../components/Toast.tsx";
import { cx } from "../lib/cx.ts";
import { ConnectionStatus, type ConnectionStatusProps } from "./ConnectionStatus.tsx";
import { type ShopSummary, ShopSwitcher } from "./ShopSwitcher.tsx";

export interface NavItem {
  label: string;
  href: string;
  /** Decorative icon; the label is what screen readers hear. */
  icon?: ReactNode;
  /** A count or short text after the label ("12"). */
  badge?: ReactNode;
  /** Active only on this exact path, not on its sub-pages. */
  exact?: boolean;
}

export interface AppShellProps {
  appName: string;
  logo?: ReactNode;
  navigation: readonly NavItem[];
  /** Items pinned to the bottom of the navigation (Settings, Help). */
  secondaryNavigation?: readonly NavItem[];
  /** The router's current path; picks the active item. */
  currentPath?: string;
  /**
   * Client-side navigation (e.g. TanStack Router's navigate). Every kit link (navigation, breadcrumbs,
   * LinkButton) then navigates through it; modifier-clicks still open new tabs. Without it links are plain.
   */
  onNavigate?: (href: string) => void;
  shops?: readonly ShopSummary[];
  currentShopId?: string | null;
  onShopChange?: (shopId: string) => void;
  connection?: ConnectionStatusProps;
  /** Above the page content, e.g. <ReauthBanner />. */
  banner?: ReactNode;
  /** Extra controls at the right end of the top bar (help, account menu). */
  topBarEnd?: ReactNode;
  navLabel?: string;
  children?: ReactNode;
}

function pathOnly(path: string): string {
  const cut = path.search(/[?#]/);
  const bare = cut === -1 ? path : path.slice(0, cut);
  return bare.length > 1 ? bare.replace(/\/+$/, "") : bare;
}

/**
 * The href of the active item: an exact match, or the longest href the path lies under
 * ("/orders/123" activates "/orders", never "/" unless nothing else matches).
 */
export function findActiveHref(
  items: readonly NavItem[],
  currentPath: string | undefined,
): string | undefined {
  if (currentPath === undefined) return undefined;
  const path = pathOnly(currentPath);
  let best: string | undefined;
  for (const item of items) {
    const href = pathOnly(item.href);
    const matches = path === href || (!item.exact && href !== "/" && path.startsWith(`${href}/`));
    if (matches && (best === undefined || href.length > pathOnly(best).length)) best = item.href;
  }
  return best;
}

function NavList({
  items,
  activeHref,
  onItemPress,
}: {
  items: readonly NavItem[];
  activeHref: string | undefined;
  onItemPress: () => void;
}) {
  return (
    <ul className="space-y-0.5">
      {items.map((item) => {
        const active = item.href === activeHref;
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={active ? "page" : undefined}
              onPress={onItemPress}
              className={cx(
                "flex items-center gap-2.5 rounded-lg px-2.5 py-1.5 text-sm font-medium text-fg-muted cursor-pointer",
                // Tinted from the text colour so hover shows on the canvas in both themes.
                "data-hovered:bg-fg/5 data-hovered:text-fg",
                active && "bg-surface text-fg shadow-card data-hovered:bg-surface",
                focusRing,
              )}
            >
              {item.icon && (
                <span
                  aria-hidden="true"
                  className="flex size-5 shrink-0 items-center justify-center text-base"
                >
                  {item.icon}
                </span>
              )}
              <span className="min-w-0 flex-1 truncate">{item.label}</span>
              {item.badge !== undefined && (
                <span className="rounded-full bg-fg/10 px-1.5 text-xs font-semibold text-fg">
                  {item.badge}
                </span>
              )}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The frame of every seller app: a top bar (app name, shop switcher, connection status), left
 * navigation (a drawer on small screens), a banner slot and the page. It provides toasts and, with
 * onNavigate, client-side routing for all kit links.
 */
export function AppShell({
  appName,
  logo,
  navigation,
  secondaryNavigation,
  currentPath,
  onNavigate,
  shops,
  currentShopId,
  onShopChange,
  connection,
  banner,
  topBarEnd,
  navLabel = "Main",
  children,
}: AppShellProps) {
  const navId = useId();
  const [navOpen, setNavOpen] = useState(false);
  const activeHref = findActiveHref([...navigation, ...(secondaryNavigation ?? [])], currentPath);

  // The drawer closes on Escape, as a disclosure should.
  useEffect(() => {
    if (!navOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setNavOpen(false);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [navOpen]);

  const closeNav = () => setNavOpen(false);

  const shell = (
    <ToastProvider>
      <div className="min-h-screen bg-canvas font-sans text-fg">
        <a
          href="#kit-main"
          className="sr-only z-50 rounded-lg bg-surface px-3 py-2 text-sm font-medium shadow-popover focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:outline-2 focus:outline-focus"
        >
          Skip to content
        </a>
        <header className="sticky top-0 z-40 flex h-14 items-center gap-3 border-b border-line bg-surface px-3 md:px-4">
          <Button
            aria-label={navOpen ? "Close navigation" : "Open navigation"}
            aria-expanded={navOpen}
            aria-controls={navId}
            onPress={() => setNavOpen((open) => !open)}
            className={cx(
              "-ml-1 cursor-pointer rounded-lg p-1.5 text-lg data-hovered:bg-surface-hover md:hidden",
              focusRing,
            )}
          >
            {navOpen ? <CloseIcon /> : <MenuIcon />}
          </Button>
          <div className="flex min-w-0 items-center gap-2">
            {logo && (
              <span aria-hidden="true" className="flex shrink-0 items-center">
                {logo}
              </span>
            )}
            <span className="truncate text-sm font-semibold">{appName}</span>
          </div>
          {shops && shops.length > 0 && onShopChange && (
            <ShopSwitcher
              shops={shops}
              currentShopId={currentShopId}
              onShopChange={onShopChange}
              className="ml-1 hidden sm:block"
            />
          )}
          <div className="ml-auto flex min-w-0 items-center gap-3">
            {connection && <ConnectionStatus {...connection} />}
            {topBarEnd}
          </div>
        </header>
        <div className="flex">
          {navOpen && (
            // Backdrop for the small-screen drawer; keyboard users close it with Escape or the menu button.
            <div
              aria-hidden="true"
              className="fixed inset-0 top-14 z-20 bg-overlay md:hidden"
              onClick={closeNav}
            />
          )}
          <nav
            id={navId}
            aria-label={navLabel}
            className={cx(
              "fixed top-14 bottom-0 left-0 z-30 w-64 flex-col gap-4 overflow-y-auto border-r border-line bg-surface p-3",
              "md:sticky md:flex md:h-[calc(100vh-3.5rem)] md:w-60 md:border-r-0 md:bg-transparent",
              navOpen ? "flex" : "hidden",
            )}
          >
            {shops && shops.length > 0 && onShopChange && (
              <ShopSwitcher
                shops={shops}
                currentShopId={currentShopId}
                onShopChange={onShopChange}
                label="Shop (navigation)"
                className="sm:hidden"
              />
            )}
            <NavList items={navigation} activeHref={activeHref} onItemPress={closeNav} />
            {secondaryNavigation && secondaryNavigation.length > 0 && (
              <div className="mt-auto border-t border-line pt-3">
                <NavList items={secondaryNavigation} activeHref={activeHref} onItemPress={closeNav} />
              </div>
            )}
          </nav>
          <main id="kit-main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-5 outline-none md:px-6 md:py-6">
            <div className="mx-auto w-full max-w-[1200px]">
              {banner && <div className="mb-4 space-y-3">{banner}</div>}
              {children}
            </div>
          </main>
        </div>
      </div>
    </ToastProvider>
  );

  return onNavigate ? <RouterProvider navigate={onNavigate}>{shell}</RouterProvider> : shell;
}
