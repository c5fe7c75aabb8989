import { useCallback, useEffect, useState } from "react";

/** "system" follows prefers-color-scheme; "light"/"dark" force it through data-theme on <html>. */
export type ThemePreference = "light" | "dark" | "system";

export const THEME_STORAGE_KEY = "tts-kit-theme";

export function applyTheme(preference: ThemePreference, root: HTMLElement = document.documentElement): void {
  if (preference === "system") root.removeAttribute("data-theme");
  else root.setAttribute("data-theme", preference);
}

function readStored(key: string): ThemePreference {
  try {
    const stored = window.localStorage.getItem(key);
    return stored === "light" || stored === "dark" ? stored : "system";
  } catch {
    // Storage can be blocked (privacy settings, sandboxed iframes): fall back to the system theme.
    return "system";
  }
}

/** The seller's theme choice, remembered in localStorage and applied to <html>. */
export function useThemePreference(
  storageKey: string = THEME_STORAGE_KEY,
): [ThemePreference, (next: ThemePreference) => void] {
  const [preference, setPreference] = useState<ThemePreference>(() =>
    typeof window === "undefined" ? "system" : readStored(storageKey),
  );
  useEffect(() => {
    applyTheme(preference);
  }, [preference]);
  const update = useCallback(
    (next: ThemePreference) => {
      setPreference(next);
      try {
        if (next === "system") window.localStorage.removeItem(storageKey);
        else window.localStorage.setItem(storageKey, next);
      } catch {
        // Not persisted; the choice still applies for this page.
      }
    },
    [storageKey],
  );
  return [preference, update];
}
