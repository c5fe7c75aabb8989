import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { Button as RACButton } from "react-aria-components";
import { cx } from "../lib/cx.ts";
import { focusRing } from "./Button.tsx";
import { CloseIcon, CriticalIcon, SuccessIcon } from "./icons.tsx";
import type { Tone } from "./tone.ts";

export interface ToastOptions {
  message: string;
  tone?: Tone;
  /** One follow-up, e.g. "Undo" or "View order". */
  action?: { label: string; onAction: () => void };
  /** Milliseconds before it closes itself; null keeps it until dismissed. Default 5000, critical: null. */
  durationMs?: number | null;
}

export interface ToastApi {
  show: (toast: ToastOptions | string) => string;
  success: (message: string, options?: Omit<ToastOptions, "message" | "tone">) => string;
  error: (message: string, options?: Omit<ToastOptions, "message" | "tone">) => string;
  dismiss: (id: string) => void;
}

interface ToastItem {
  id: string;
  message: string;
  tone: Tone;
  action?: ToastOptions["action"];
  durationMs: number | null;
}

const ToastContext = createContext<ToastApi | null>(null);

/** The toast API of the nearest ToastProvider (AppShell includes one). */
export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error("useToast() needs a <ToastProvider> (AppShell renders one) above it.");
  return api;
}

export interface ToastProviderProps {
  children?: ReactNode;
  /** Default time on screen for non-critical toasts. */
  defaultDurationMs?: number;
  /** Older toasts are dropped past this many. */
  max?: number;
}

let counter = 0;

/**
 * Holds the toasts and two screen-reader announcers that exist before any toast does (a live region
 * added together with its text is often not announced): polite for news, assertive for errors.
 * The visible toasts sit in a labelled "Notifications" region and are not live themselves, so their
 * buttons are not read out with the message.
 */
export function ToastProvider({ children, defaultDurationMs = 5000, max = 4 }: ToastProviderProps) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const [paused, setPaused] = useState(false);

  const dismiss = useCallback((id: string) => {
    setToasts((list) => list.filter((t) => t.id !== id));
  }, []);

  const show = useCallback(
    (input: ToastOptions | string) => {
      const options = typeof input === "string" ? { message: input } : input;
      const tone = options.tone ?? "neutral";
      counter += 1;
      const id = `toast-${counter}`;
      // Errors stay until dismissed: a seller must not miss that a label failed to print (WCAG 2.2.1).
      const durationMs =
        options.durationMs !== undefined
          ? options.durationMs
          : tone === "critical"
            ? null
            : defaultDurationMs;
      const item: ToastItem = { id, message: options.message, tone, durationMs };
      if (options.action) item.action = options.action;
      setToasts((list) => [...list, item].slice(-max));
      return id;
    },
    [defaultDurationMs, max],
  );

  const api = useMemo<ToastApi>(
    () => ({
      show,
      dismiss,
      success: (message, options) => show({ ...options, message, tone: "success" }),
      error: (message, options) => show({ ...options, message, tone: "critical" }),
    }),
    [show, dismiss],
  );

  const polite = toasts.filter((t) => t.tone !== "critical");
  const assertive = toasts.filter((t) => t.tone === "critical");

  return (
    <ToastContext.Provider value={api}>
      {children}
      <div role="status" aria-live="polite" className="sr-only" data-kit-announcer="polite">
        {polite.map((t) => (
          <p key={t.id}>{t.message}</p>
        ))}
      </div>
      <div role="alert" aria-live="assertive" className="sr-only" data-kit-announcer="assertive">
        {assertive.map((t) => (
          <p key={t.id}>{t.message}</p>
        ))}
      </div>
      <section
        aria-label="Notifications"
        className={cx(
          "pointer-events-none fixed inset-x-0 bottom-4 z-[60] flex flex-col items-center gap-2 px-4",
          toasts.length === 0 && "hidden",
        )}
        onMouseEnter={() => setPaused(true)}
        onMouseLeave={() => setPaused(false)}
        onFocus={() => setPaused(true)}
        onBlur={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setPaused(false);
        }}
      >
        {toasts.map((t) => (
          <Toast key={t.id} toast={t} paused={paused} onDismiss={dismiss} />
        ))}
      </section>
    </ToastContext.Provider>
  );
}

function Toast({
  toast,
  paused,
  onDismiss,
}: {
  toast: ToastItem;
  paused: boolean;
  onDismiss: (id: string) => void;
}) {
  const remaining = useRef(toast.durationMs);

  // The timer stops while the pointer or focus is on the toasts, then continues with what was left.
  useEffect(() => {
    const left = remaining.current;
    if (left === null || paused) return;
    const started = Date.now();
    const timer = setTimeout(() => onDismiss(toast.id), left);
    return () => {
      clearTimeout(timer);
      remaining.current = Math.max(0, left - (Date.now() - started));
    };
  }, [paused, toast.id, onDismiss]);

  // Escape on either button closes the toast, like a dialog.
  const onKeyDown = (e: { key: string }) => {
    if (e.key === "Escape") onDismiss(toast.id);
  };

  return (
    <div
      data-tone={toast.tone}
      className={cx(
        "pointer-events-auto flex w-full max-w-md items-center gap-3 rounded-xl px-4 py-2.5 text-sm shadow-popover",
        "motion-safe:animate-kit-toast-in",
        toast.tone === "critical" ? "bg-critical-solid text-white" : "bg-primary text-primary-fg",
      )}
    >
      {toast.tone === "success" && <SuccessIcon className="shrink-0" />}
      {toast.tone === "critical" && <CriticalIcon className="shrink-0" />}
      <p className="min-w-0 flex-1">{toast.message}</p>
      {toast.action && (
        <RACButton
          onKeyDown={onKeyDown}
          onPress={() => {
            toast.action?.onAction();
            onDismiss(toast.id);
          }}
          className={cx(
            "shrink-0 cursor-pointer rounded-md px-2 py-1 font-semibold underline-offset-2 data-hovered:underline",
            focusRing,
          )}
        >
          {toast.action.label}
        </RACButton>
      )}
      <RACButton
        aria-label="Dismiss notification"
        onKeyDown={onKeyDown}
        onPress={() => onDismiss(toast.id)}
        className={cx(
          "-mr-1 shrink-0 cursor-pointer rounded-md p-1 opacity-80 data-hovered:opacity-100",
          focusRing,
        )}
      >
        <CloseIcon />
      </RACButton>
    </div>
  );
}
