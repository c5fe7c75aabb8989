import { useQuery } from "@tanstack/react-query";
import {
  AppShell,
  EmptyState,
  ErrorState,
  LoadingState,
  matchRoute,
  ReauthBanner,
  reauthShops,
  shopSwitcherStatus,
  useBrowserLocation,
} from "@tts-kit/ui";
import { useEffect, useMemo } from "react";
import { ApiError, api } from "./api.ts";
import { ConnectionsPage } from "./pages/Connections.tsx";
import { navigation, routes } from "./routes.tsx";

const INSTALL = "/api/auth/install";

export function App() {
  const { path, search, navigate } = useBrowserLocation();
  // Refreshed now and then: sync times, re-authorization flags and new shops come from here.
  const session = useQuery({
    queryKey: ["session"],
    queryFn: api.session,
    retry: false,
    refetchInterval: 15_000,
  });

  // No session (expired, logged out): start the install flow, which signs the seller back in.
  const unauthenticated = session.error instanceof ApiError && session.error.status === 401;
  useEffect(() => {
    if (unauthenticated) window.location.assign(`${INSTALL}?return=${encodeURIComponent(path + search)}`);
  }, [unauthenticated, path, search]);

  const connected = useMemo(
    () => (session.data?.shops ?? []).filter((s) => s.status === "connected"),
    [session.data],
  );
  const requested = new URLSearchParams(search).get("shop");
  const currentShop = connected.find((s) => s.id === requested) ?? connected[0];
  const withShop = (href: string) => (currentShop ? `${href}?shop=${currentShop.id}` : href);

  if (session.isPending || unauthenticated) return <LoadingState label="Loading your shops" />;
  if (session.error) {
    return (
      <ErrorState
        title="Could not load your shops"
        message={session.error.message}
        onRetry={() => session.refetch()}
      />
    );
  }

  const matched = matchRoute(routes, path);
  const now = Math.floor(Date.now() / 1000);
  const reauth = reauthShops(connected, now);

  return (
    <AppShell
      appName="OMS"
      navigation={[
        ...navigation.map((entry) => ({
          label: entry.label,
          href: withShop(entry.path),
          ...(entry.exact ? { exact: true } : {}),
        })),
        { label: "Shop connections", href: withShop("/connections") },
      ]}
      currentPath={path}
      // Server routes (the install flow) need a full page load; app pages navigate in place.
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
            reauthorizeHref={(shopId) => connected.find((s) => s.id === shopId)?.reauthUrl ?? INSTALL}
          />
        ) : undefined
      }
    >
      {path === "/connections" || !currentShop ? (
        <ConnectionsPage shops={session.data.shops} currentShopId={currentShop?.id} />
      ) : matched ? (
        matched.route.render({
          shop: currentShop,
          params: matched.params,
          navigate: (href) => navigate(withShop(href)),
          href: withShop,
        })
      ) : (
        <EmptyState title="Page not found" description="This page does not exist in OMS." />
      )}
    </AppShell>
  );
}
