import { type ReactNode, useEffect } from "react";
import { EmptyState, ErrorState, LoadingState } from "../components/States.tsx";
import { AppShell } from "../shell/AppShell.tsx";
import { ReauthBanner } from "../shell/ReauthBanner.tsx";
import { matchRoute, useBrowserLocation } from "./routing.ts";
import { type ConnectionShop, reauthShops, shopSwitcherStatus } from "./shops.ts";

/** What a page of an app receives. */
export interface PlatformPageContext<TShop extends ConnectionShop = ConnectionShop> {
  /** The selected shop (`?shop=`, else the first connected one). */
  shop: TShop;
  /** The seller's connected shops. */
  shops: TShop[];
  /** The path's `:name` parameters. */
  params: Record<string, string>;
  /** Navigates within the app, keeping the selected shop (`href` is a path without `?shop=`). */
  navigate: (href: string) => void;
  /** The href of an app path for the selected shop (for links). */
  href: (path: string) => string;
}

export interface PlatformRoute<TShop extends ConnectionShop = ConnectionShop> {
  /** A path pattern with `:name` segments, e.g. `/orders/:orderId`. */
  path: string;
  render: (context: PlatformPageContext<TShop>) => ReactNode;
}

export interface PlatformNavigationEntry {
  label: string;
  path: string;
  /** Highlight only on this exact path (the root page). */
  exact?: boolean;
}

/** The seller's session as the app loaded it. */
export type PlatformSession<TShop extends ConnectionShop> =
  | { status: "loading" }
  /** No session (expired, logged out): the install flow signs the seller back in. */
  | { status: "unauthenticated" }
  | { status: "error"; message: string; retry: () => void }
  | { status: "ready"; shops: TShop[] };

/**
 * The session as a data-fetching hook reports it (TanStack Query's `useQuery` result fits), told
 * apart into the states PlatformApp shows; `isUnauthenticated` recognises the app's 401.
 */
export function sessionFromQuery<TShop extends ConnectionShop>(
  query: {
    isPending: boolean;
    error: Error | null;
    data: { shops: TShop[] } | undefined;
    refetch: () => unknown;
  },
  isUnauthenticated: (error: Error) => boolean,
): PlatformSession<TShop> {
  if (query.isPending) return { status: "loading" };
  if (query.error) {
    return isUnauthenticated(query.error)
      ? { status: "unauthenticated" }
      : { status: "error", message: query.error.message, retry: () => void query.refetch() };
  }
  return { status: "ready", shops: query.data?.shops ?? [] };
}

export interface PlatformAppProps<TShop extends ConnectionShop> {
  appName: string;
  session: PlatformSession<TShop>;
  routes: readonly PlatformRoute<TShop>[];
  navigation: readonly PlatformNavigationEntry[];
  /** The shop connections page (at /connections, and whenever no shop is connected). */
  connections: (props: { shops: TShop[]; currentShopId: string | undefined }) => ReactNode;
  /** Where the install flow starts. */
  installHref?: string;
}

/**
 * The frame every app shares: install redirect without a session, the shop switcher over the
 * seller's connected shops (the choice kept in `?shop=`), navigation, the re-authorization banner,
 * the connections page, and the app's routes. Server routes (/api/…: the install flow, file
 * downloads) load as pages; app paths navigate in place.
 */
export function PlatformApp<TShop extends ConnectionShop>({
  appName,
  session,
  routes,
  navigation,
  connections,
  installHref = "/api/auth/install",
}: PlatformAppProps<TShop>) {
  const { path, search, navigate } = useBrowserLocation();
  const unauthenticated = session.status === "unauthenticated";
  useEffect(() => {
    if (unauthenticated) window.location.assign(`${installHref}?return=${encodeURIComponent(path + search)}`);
  }, [unauthenticated, installHref, path, search]);

  if (session.status === "loading" || session.status === "unauthenticated") {
    return <LoadingState label="Loading your shops" />;
  }
  if (session.status === "error") {
    return <ErrorState title="Could not load your shops" message={session.message} onRetry={session.retry} />;
  }

  const connected = session.shops.filter((s) => s.status === "connected");
  const requested = new URLSearchParams(search).get("shop");
  const currentShop = connected.find((s) => s.id === requested) ?? connected[0];
  const withShop = (href: string) =>
    currentShop ? `${href}${href.includes("?") ? "&" : "?"}shop=${currentShop.id}` : href;
  const matched = matchRoute(routes, path);
  const now = Math.floor(Date.now() / 1000);
  const reauth = reauthShops(connected, now);

  return (
    <AppShell
      appName={appName}
      navigation={[
        ...navigation.map((entry) => ({
          label: entry.label,
          href: withShop(entry.path),
          ...(entry.exact ? { exact: true } : {}),
        })),
        { label: "Shop connections", href: withShop("/connections") },
      ]}
      currentPath={path}
      onNavigate={(href) => (href.startsWith("/api/") ? window.location.assign(href) : navigate(href))}
      shops={connected.map((s) => ({
        id: s.id,
        name: s.name,
        region: s.region,
        status: shopSwitcherStatus(s),
      }))}
      currentShopId={currentShop?.id ?? null}
      onShopChange={(shopId) => navigate(`${path}?shop=${shopId}`)}
      banner={
        reauth.length > 0 ? (
          <ReauthBanner
            shops={reauth}
            now={now}
            reauthorizeHref={(shopId) => connected.find((s) => s.id === shopId)?.reauthUrl ?? installHref}
          />
        ) : undefined
      }
    >
      {path === "/connections" || !currentShop ? (
        connections({ shops: session.shops, currentShopId: currentShop?.id })
      ) : matched ? (
        matched.route.render({
          shop: currentShop,
          shops: connected,
          params: matched.params,
          navigate: (href) => navigate(withShop(href)),
          href: withShop,
        })
      ) : (
        <EmptyState title="Page not found" description={`This page does not exist in ${appName}.`} />
      )}
    </AppShell>
  );
}
