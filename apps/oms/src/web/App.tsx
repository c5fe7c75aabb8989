import { useQuery } from "@tanstack/react-query";
import { PlatformApp, PlatformConnectionsPage, SESSION_QUERY_KEY, sessionFromQuery } from "@tts-kit/ui";
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
  return (
    <PlatformApp
      appName="OMS"
      session={sessionFromQuery(session, (error) => error instanceof ApiError && error.status === 401)}
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
