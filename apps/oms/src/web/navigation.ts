import { useCallback, useEffect, useState } from "react";

/**
 * Path and query in the address bar, with client-side navigation. Two pages and a shop choice do
 * not need a router library; the shop lives in `?shop=` so a link or reload keeps it.
 */
export function useLocation() {
  const [location, setLocation] = useState(() => ({
    path: window.location.pathname,
    search: window.location.search,
  }));
  useEffect(() => {
    const onPop = () => setLocation({ path: window.location.pathname, search: window.location.search });
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
  const navigate = useCallback((href: string) => {
    window.history.pushState(null, "", href);
    setLocation({ path: window.location.pathname, search: window.location.search });
  }, []);
  return { ...location, navigate };
}
