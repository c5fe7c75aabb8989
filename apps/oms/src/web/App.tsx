import { useQuery } from "@tanstack/react-query";
import type { ShopView } from "@tts-kit/auth";
import { PlatformApp, PlatformConnectionsPage, type PlatformSession, SESSION_QUERY_KEY } from "@tts-kit/ui";
import { ApiError, api } from "./api.ts";
import { navigation, routes } from "./routes.tsx";

export function App() {
  // Refreshed now and then: sync times, re-authorization flags and new shops come from here.
  const session = useQuery({
    queryKey: SESSION_QUERY_KEY,
    queryFn: api.session,
    retry: false,
    refetchInterval: 15_000,
  });
  const state: PlatformSession<ShopView> = session.isPending
    ? { status: "loading" }
    : session.error instanceof ApiError && session.error.status === 401
      ? { status: "unauthenticated" }
      : session.error
        ? { status: "error", message: session.error.message, retry: () => void session.refetch() }
        : { status: "ready", shops: session.data.shops };
  return (
    <PlatformApp
      appName="OMS"
      session={state}
      routes={routes}
      navigation={navigation}
      connections={(props) => (
        <PlatformConnectionsPage
          {...props}
          api={api}
          dataDescription="orders, shipments, products and returns"
        />
      )}
    />
  );
}
